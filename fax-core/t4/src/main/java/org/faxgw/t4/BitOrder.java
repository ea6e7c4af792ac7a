package org.faxgw.t4;

/**
 * How the bits of a coded stream are packed into bytes.
 *
 * <p>On the fax line (T.4 and the modems) the first bit sent is the least significant bit of the
 * first octet; TIFF FillOrder 1 packs the first bit into the most significant bit. FillOrder 2 is
 * the line order.
 */
public enum BitOrder {
  /** First bit in the most significant bit: TIFF FillOrder 1. */
  MSB_FIRST,
  /** First bit in the least significant bit: the fax-line order, TIFF FillOrder 2. */
  LSB_FIRST;

  private static final byte[] REVERSED = new byte[256];

  static {
    for (int i = 0; i < 256; i++) {
      REVERSED[i] = (byte) (Integer.reverse(i) >>> 24);
    }
  }

  /** The byte with its eight bits in the opposite order. */
  public static byte reverse(byte b) {
    return REVERSED[b & 0xFF];
  }

  /** Reverses the bit order of every byte of {@code data[off..off+len)} in place. */
  public static void reverseInPlace(byte[] data, int off, int len) {
    for (int i = off, end = off + len; i < end; i++) {
      data[i] = REVERSED[data[i] & 0xFF];
    }
  }

  /** A copy of {@code data} in this bit order, given it is MSB-first now. */
  byte[] fromMsbFirst(byte[] data) {
    byte[] out = data.clone();
    if (this == LSB_FIRST) {
      reverseInPlace(out, 0, out.length);
    }
    return out;
  }
}
