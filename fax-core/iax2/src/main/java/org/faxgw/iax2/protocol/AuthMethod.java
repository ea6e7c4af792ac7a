package org.faxgw.iax2.protocol;

/**
 * Authentication methods, the bits of the AUTHMETHODS IE (RFC 5456 8.6.13). RSA (bit 4) is
 * deliberately absent: it is never offered and a peer that insists on it is refused.
 */
public enum AuthMethod {
  /** RFC 5456 8.6.13: 0x0001, the secret in a PASSWORD IE; only where configured. */
  PLAINTEXT(0x0001),
  /** RFC 5456 8.6.13: 0x0002, MD5_RESULT = hex MD5 of challenge and secret (8.6.16). */
  MD5(0x0002);

  /** RFC 5456 8.6.13: 0x0004, RSA; refused. */
  public static final int RSA_BIT = 0x0004;

  private final int bit;

  AuthMethod(int bit) {
    this.bit = bit;
  }

  public int bit() {
    return bit;
  }
}
