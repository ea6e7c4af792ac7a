package org.faxgw.t4;

/**
 * Codes bilevel pages as T.4 MH or MR (with EOL, fill bits and RTC) or T.6 MMR (with EOFB).
 *
 * <p>Layout of an MH/MR page: {@code EOL[+tag] row0 [fill] EOL[+tag] row1 ... rowN [fill] RTC}: an
 * EOL precedes every row (T.4 4.1.2: the first EOL starts the page), fill bits (zeros) go just
 * before an EOL (T.4 4.1.3), the tag bit after an EOL says whether the next row is 1-D (1) or 2-D
 * (0) (T.4 4.2.2). MMR rows follow one another with no EOL; the first reference row is white (T.6
 * 2.2.1).
 *
 * <p>An instance reuses its buffers; it is not thread-safe. The static {@link #encode} is a
 * convenience that makes one.
 */
public final class T4Encoder {
  private BitWriter w = new BitWriter(64 * 1024);
  private int[] ref = new int[0];
  private int[] cur = new int[0];

  /** Codes a whole page. */
  public static byte[] encode(BilevelPage page, T4EncodeOptions options) {
    return new T4Encoder().encodeRows(page, 0, page.height(), options);
  }

  /**
   * Codes rows {@code [first, first + count)} of {@code page} as an independent unit (a page or a
   * TIFF strip): the first MR row is 1-D and the first MMR reference row is white.
   */
  public byte[] encodeRows(BilevelPage page, int first, int count, T4EncodeOptions o) {
    if (first < 0 || count < 0 || first + count > page.height()) {
      throw new IndexOutOfBoundsException(
          "rows " + first + "+" + count + " of a page of " + page.height());
    }
    int width = page.width();
    int stride = page.stride();
    byte[] bits = page.bitsInternal();
    if (ref.length < RowCodec.changesCapacity(width)) {
      ref = new int[RowCodec.changesCapacity(width)];
      cur = new int[RowCodec.changesCapacity(width)];
    }
    w.reset();
    int[] refRow = ref;
    int[] curRow = cur;
    RowCodec.whiteRow(refRow, width);
    if (o.compression() == FaxCompression.MMR) {
      for (int y = first; y < first + count; y++) {
        RowCodec.changes(bits, y * stride, width, curRow);
        RowCodec.encode2D(w, refRow, curRow, width);
        int[] t = refRow;
        refRow = curRow;
        curRow = t;
      }
      if (o.endOfPage()) {
        // T.6 2.4: EOFB = EOL EOL.
        w.put(T4Codes.EOL, T4Codes.EOL_BITS);
        w.put(T4Codes.EOL, T4Codes.EOL_BITS);
      }
    } else {
      boolean mr = o.compression() == FaxCompression.MR;
      int k = mr ? o.k() : 1;
      long rowStart = -1;
      for (int i = 0; i < count; i++) {
        int y = first + i;
        boolean oneD = !mr || i % k == 0;
        putEol(o, rowStart, mr, oneD);
        rowStart = w.bitLength();
        int n = RowCodec.changes(bits, y * stride, width, curRow);
        if (oneD) {
          RowCodec.encode1D(w, curRow, n, width);
        } else {
          RowCodec.encode2D(w, refRow, curRow, width);
        }
        int[] t = refRow;
        refRow = curRow;
        curRow = t;
      }
      if (o.endOfPage()) {
        // T.4 4.1.4: RTC = six EOLs (with tag bit 1 in MR, T.4 4.2.4).
        for (int i = 0; i < 6; i++) {
          putEol(o, i == 0 ? rowStart : -1, mr, true);
        }
      } else if (count > 0 && (o.minBitsPerRow() > 0)) {
        // The last row still honours the minimum time with an EOL after it.
        putEol(o, rowStart, mr, true);
      }
    }
    byte[] out = w.toByteArray();
    if (o.bitOrder() == BitOrder.LSB_FIRST) {
      BitOrder.reverseInPlace(out, 0, out.length);
    }
    return out;
  }

  /** Fill bits, EOL and tag bit; the fill makes the previous row at least minBitsPerRow long. */
  private void putEol(T4EncodeOptions o, long rowStart, boolean mr, boolean nextOneD) {
    int eolBits = T4Codes.EOL_BITS + (mr ? 1 : 0);
    if (rowStart >= 0 && o.minBitsPerRow() > 0) {
      long used = w.bitLength() - rowStart + eolBits;
      if (used < o.minBitsPerRow()) {
        w.zeros((int) (o.minBitsPerRow() - used));
      }
    }
    if (o.byteAlignedEol()) {
      // TIFF T4Options bit 2: fill so that the EOL ends on a byte boundary.
      int r = (int) ((w.bitLength() + T4Codes.EOL_BITS) & 7);
      if (r != 0) {
        w.zeros(8 - r);
      }
    }
    w.put(T4Codes.EOL, T4Codes.EOL_BITS);
    if (mr) {
      w.put(nextOneD ? 1 : 0, 1);
    }
  }
}
