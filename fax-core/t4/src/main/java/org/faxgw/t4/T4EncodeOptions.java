package org.faxgw.t4;

/**
 * How {@link T4Encoder} lays out the coded page.
 *
 * @param compression MH, MR or MMR
 * @param k for MR, one 1-D row then at most {@code k - 1} 2-D rows (T.4 4.2.1.3.4); ignored
 *     otherwise
 * @param minBitsPerRow T.4 4.1.3 / T.30 minimum scan line time: the least number of bits of a coded
 *     row (data + fill + the following EOL and tag bit), i.e. the minimum scan line time times the
 *     bit rate; 0 for none. Ignored for MMR (no fill in T.6).
 * @param byteAlignedEol fill so that every EOL ends on a byte boundary (TIFF T4Options bit 2)
 * @param endOfPage append RTC (6 x EOL, T.4 4.1.4) for MH/MR or EOFB (T.6 2.4) for MMR
 * @param bitOrder how the coded bits are packed into bytes
 */
public record T4EncodeOptions(
    FaxCompression compression,
    int k,
    int minBitsPerRow,
    boolean byteAlignedEol,
    boolean endOfPage,
    BitOrder bitOrder) {

  public T4EncodeOptions {
    if (compression == null || bitOrder == null) {
      throw new IllegalArgumentException("compression and bit order are required");
    }
    if (compression == FaxCompression.MR && k < 1) {
      throw new IllegalArgumentException("K must be at least 1: " + k);
    }
    if (minBitsPerRow < 0) {
      throw new IllegalArgumentException("negative minimum bits per row: " + minBitsPerRow);
    }
  }

  /**
   * For the fax line: EOL before the first row, fill bits to {@code minBitsPerRow}, RTC (or EOFB
   * for MMR, which only travels with ECM), K from the resolution, bits in line order (LSB first).
   */
  public static T4EncodeOptions forLine(
      FaxCompression compression, Resolution resolution, int minBitsPerRow) {
    return new T4EncodeOptions(
        compression,
        FaxCompression.defaultK(resolution),
        minBitsPerRow,
        false,
        true,
        BitOrder.LSB_FIRST);
  }

  /** For a TIFF strip: byte-aligned EOLs, no RTC, MSB first (FillOrder 1). */
  public static T4EncodeOptions forTiff(FaxCompression compression, Resolution resolution) {
    return new T4EncodeOptions(
        compression, FaxCompression.defaultK(resolution), 0, true, false, BitOrder.MSB_FIRST);
  }

  public T4EncodeOptions withK(int newK) {
    return new T4EncodeOptions(
        compression, newK, minBitsPerRow, byteAlignedEol, endOfPage, bitOrder);
  }

  public T4EncodeOptions withBitOrder(BitOrder order) {
    return new T4EncodeOptions(compression, k, minBitsPerRow, byteAlignedEol, endOfPage, order);
  }

  public T4EncodeOptions withEndOfPage(boolean end) {
    return new T4EncodeOptions(compression, k, minBitsPerRow, byteAlignedEol, end, bitOrder);
  }

  public T4EncodeOptions withByteAlignedEol(boolean align) {
    return new T4EncodeOptions(compression, k, minBitsPerRow, align, endOfPage, bitOrder);
  }
}
