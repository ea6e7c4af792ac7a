package org.faxgw.gateway.inbound;

import org.faxgw.mail.DataFormat;

/**
 * The coding of a received TIFF's first page, from its Compression (259) and T4Options (292) tags
 * (TIFF 6.0 section 11): 3 with T4Options bit 0 = MR, 3 otherwise or 2 = MH, 4 = MMR.
 */
final class TiffFacts {
  private TiffFacts() {}

  /** The data format, or {@code fallback} when the file cannot tell. */
  static DataFormat dataFormat(byte[] tiff, DataFormat fallback) {
    try {
      boolean little = tiff[0] == 'I';
      long ifd = u32(tiff, 4, little);
      int n = u16(tiff, (int) ifd, little);
      int compression = 1;
      long t4Options = 0;
      for (int i = 0; i < n && i < 500; i++) {
        int e = (int) ifd + 2 + 12 * i;
        int tag = u16(tiff, e, little);
        int type = u16(tiff, e + 2, little);
        long value = type == 3 ? u16(tiff, e + 8, little) : u32(tiff, e + 8, little);
        if (tag == 259) {
          compression = (int) value;
        } else if (tag == 292) {
          t4Options = value;
        }
      }
      return switch (compression) {
        case 2 -> DataFormat.MH;
        case 3 -> (t4Options & 1) != 0 ? DataFormat.MR : DataFormat.MH;
        case 4 -> DataFormat.MMR;
        default -> fallback;
      };
    } catch (RuntimeException e) {
      return fallback;
    }
  }

  private static int u16(byte[] b, int o, boolean little) {
    return little ? (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8 : (b[o] & 0xFF) << 8 | (b[o + 1] & 0xFF);
  }

  private static long u32(byte[] b, int o, boolean little) {
    return little
        ? (u16(b, o, true) & 0xFFFFL) | (long) u16(b, o + 2, true) << 16
        : (long) u16(b, o, false) << 16 | (u16(b, o + 2, false) & 0xFFFFL);
  }
}
