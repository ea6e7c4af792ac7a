package org.faxgw.t30;

/**
 * The identity of TSI, CSI and CIG (T.30 5.3.6.2.4-5.3.6.2.6): 20 octets of digits, "+" and space
 * (T.30 Table 3), sent last character first, so that the number reads correctly when the FIF is
 * reversed.
 */
public final class StationId {
  /** T.30 5.3.6.2.4: the identity field is 20 octets. */
  public static final int LENGTH = 20;

  private StationId() {}

  /**
   * Decodes a TSI/CSI/CIG FIF: characters in reverse order, surrounding spaces removed. Octets
   * outside printable ASCII are shown as {@code ?}.
   */
  public static String decode(byte[] fif) {
    StringBuilder sb = new StringBuilder(fif.length);
    for (int i = fif.length - 1; i >= 0; i--) {
      int c = fif[i] & 0xFF;
      sb.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
    }
    return sb.toString().strip();
  }

  /** Encodes {@code id} (at most 20 characters) as a FIF: reversed, padded with spaces. */
  public static byte[] encode(String id) {
    if (id.length() > LENGTH) {
      throw new IllegalArgumentException("station id longer than 20 characters: " + id);
    }
    byte[] fif = new byte[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      int from = id.length() - 1 - i;
      fif[i] = (byte) (from >= 0 ? id.charAt(from) : ' ');
    }
    return fif;
  }
}
