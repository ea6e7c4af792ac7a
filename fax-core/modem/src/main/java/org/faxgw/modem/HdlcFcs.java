package org.faxgw.modem;

/**
 * The 16-bit frame check sequence of ISO 3309 / ITU-T T.30 5.3.7: CRC with generator x^16 + x^12 +
 * x^5 + 1, register preset to all ones, the ones' complement of the remainder transmitted,
 * calculated over address, control and information fields. Bits are processed in transmission order
 * (each octet least significant bit first), so the register is kept bit-reversed and the
 * transmitted FCS octets are the low then the high byte of {@link #fcs}.
 */
public final class HdlcFcs {
  private HdlcFcs() {}

  /** ISO 3309: preset value of the CRC register. */
  public static final int INITIAL = 0xFFFF;

  /**
   * ISO 3309: remainder found by a receiver that runs the CRC over the frame including its FCS when
   * there is no error (0x1D0F in the standard's bit order, 0xF0B8 in transmission order).
   */
  public static final int GOOD_RESIDUE = 0xF0B8;

  // x^16 + x^12 + x^5 + 1 with its bits reversed (transmission order, LSB first).
  private static final int POLY_REVERSED = 0x8408;

  private static final char[] TABLE = new char[256];

  static {
    for (int i = 0; i < 256; i++) {
      int c = i;
      for (int b = 0; b < 8; b++) {
        c = (c & 1) != 0 ? (c >>> 1) ^ POLY_REVERSED : c >>> 1;
      }
      TABLE[i] = (char) c;
    }
  }

  /** Runs the CRC register {@code crc} over {@code len} octets. */
  public static int update(int crc, byte[] data, int off, int len) {
    int c = crc;
    for (int i = 0; i < len; i++) {
      c = (c >>> 8) ^ TABLE[(c ^ data[off + i]) & 0xFF];
    }
    return c;
  }

  /** Runs the CRC register over one octet. */
  public static int update(int crc, int octet) {
    return (crc >>> 8) ^ TABLE[(crc ^ octet) & 0xFF];
  }

  /**
   * The FCS of a frame (address … information): the complemented CRC. Send {@code fcs & 0xFF}
   * first, then {@code fcs >>> 8}, each LSB first.
   */
  public static int fcs(byte[] frame, int off, int len) {
    return ~update(INITIAL, frame, off, len) & 0xFFFF;
  }

  /** True when {@code len} octets, the last two of which are the FCS, check out. */
  public static boolean check(byte[] frameWithFcs, int off, int len) {
    return len >= 2 && update(INITIAL, frameWithFcs, off, len) == GOOD_RESIDUE;
  }
}
