package org.faxgw.t30;

/**
 * Converts between the octet order of the line (first bit in the least significant position, as
 * HDLC delivers it) and the notation of the T.30 tables, where the first bit is written leftmost
 * (most significant). HylaFAX's session logs print frames in the T.30 notation.
 */
public final class BitReversal {
  private BitReversal() {}

  /** The octet with its 8 bits in reverse order. */
  public static int reverse(int octet) {
    return Integer.reverse(octet & 0xFF) >>> 24;
  }

  /** A copy of {@code octets} with every octet bit-reversed. */
  public static byte[] reverseEach(byte[] octets) {
    byte[] out = new byte[octets.length];
    for (int i = 0; i < octets.length; i++) {
      out[i] = (byte) reverse(octets[i]);
    }
    return out;
  }
}
