package org.faxgw.t4;

/**
 * The three fax codings: T.4 one-dimensional Modified Huffman, T.4 two-dimensional Modified READ
 * and T.6 Modified Modified READ.
 */
public enum FaxCompression {
  /** T.4 4.1: one-dimensional coding (MH); TIFF Compression 3, T4Options bit 0 clear. */
  MH,
  /**
   * T.4 4.2: two-dimensional coding (MR), a 1-D row every K rows; TIFF Compression 3, bit 0 set.
   */
  MR,
  /** T.6: MMR, pure 2-D, no EOL, EOFB at the end; TIFF Compression 4. */
  MMR;

  /**
   * T.4 4.2.1.3.4: the K parameter (one 1-D row, then at most K-1 2-D rows): 2 at standard vertical
   * resolution, 4 at fine and higher.
   */
  public static int defaultK(Resolution resolution) {
    return resolution.yDpi() >= 150 ? 4 : 2;
  }
}
