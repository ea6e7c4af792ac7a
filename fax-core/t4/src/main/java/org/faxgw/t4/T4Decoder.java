package org.faxgw.t4;

import java.util.Arrays;

/**
 * Strict decoder of complete coded pages or TIFF strips: MH and MR (T.4, with or without EOLs and
 * fill bits, RTC optional) and MMR (T.6, EOFB optional). Any coding error throws a {@link
 * T4FormatException} naming the row and the bit position. For the error-tolerant non-ECM receive
 * path use {@link T4StreamDecoder} instead.
 *
 * <p>An instance reuses its scratch rows; it is not thread-safe.
 */
public final class T4Decoder {
  /** Most rows a page may have when its height is not given (T.4 pages are far shorter). */
  public static final int MAX_ROWS = 65535;

  private final RowCodec rc = new RowCodec();
  private int[] ref = new int[0];
  private int[] cur = new int[0];
  private byte[] grown;
  private int rowsDone;

  /** Rows completed by the last {@link #decodeRows} call, also when it threw. */
  int rowsDone() {
    return rowsDone;
  }

  /**
   * Decodes one page.
   *
   * @param height the number of rows, or -1 to decode until RTC/EOFB or the end of the data
   */
  public static BilevelPage decode(
      byte[] data,
      FaxCompression compression,
      int width,
      int height,
      Resolution resolution,
      BitOrder order)
      throws T4FormatException {
    if (width <= 0 || width > FaxTiffReader.MAX_WIDTH) {
      throw new T4FormatException("page width " + width + " outside 1.." + FaxTiffReader.MAX_WIDTH);
    }
    if (height > MAX_ROWS) {
      throw new T4FormatException("page height " + height + " over " + MAX_ROWS);
    }
    byte[] in = order == BitOrder.LSB_FIRST ? order.fromMsbFirst(data) : data;
    T4Decoder d = new T4Decoder();
    int stride = BilevelPage.stride(width);
    if (height >= 0) {
      byte[] dst = new byte[stride * height];
      d.decodeRows(in, 0, in.length, compression, false, width, dst, 0, height, true, "page");
      return BilevelPage.wrap(width, height, resolution, dst);
    }
    int rows =
        d.decodeRows(in, 0, in.length, compression, false, width, null, 0, MAX_ROWS, false, "page");
    return BilevelPage.wrap(width, rows, resolution, Arrays.copyOf(d.grown, stride * rows));
  }

  /**
   * Decodes up to {@code maxRows} rows of one independently coded unit (a page or a TIFF strip)
   * into {@code dst} at byte {@code dstOff} (zeroed), or into a growing internal buffer when {@code
   * dst} is null.
   *
   * @param rle TIFF Compression 2: MH rows without EOL, each starting on a byte boundary
   * @param exact fail unless exactly {@code maxRows} rows are present; otherwise stop quietly at
   *     RTC, EOFB or the end of the data
   * @return the number of rows decoded
   */
  int decodeRows(
      byte[] data,
      int off,
      int len,
      FaxCompression c,
      boolean rle,
      int width,
      byte[] dst,
      int dstOff,
      int maxRows,
      boolean exact,
      String where)
      throws T4FormatException {
    int stride = BilevelPage.stride(width);
    if (ref.length < RowCodec.changesCapacity(width)) {
      ref = new int[RowCodec.changesCapacity(width)];
      cur = new int[RowCodec.changesCapacity(width)];
    }
    int[] refRow = ref;
    int[] curRow = cur;
    RowCodec.whiteRow(refRow, width);
    BitReader r = new BitReader(data, off, len);
    boolean mr = c == FaxCompression.MR;
    boolean mmr = c == FaxCompression.MMR;
    int rows = 0;
    rowsDone = 0;
    if (dst == null) {
      grown = new byte[stride * Math.min(maxRows, 256)];
    }
    rowLoop:
    while (rows < maxRows) {
      boolean oneD;
      if (mmr) {
        if (r.remaining() <= 0 || restIsZero(r)) {
          break;
        }
        if (r.peek(24) == (T4Codes.EOL << 12 | T4Codes.EOL)) {
          break; // T.6 2.4: EOFB
        }
        oneD = false;
      } else if (rle) {
        r.alignToByte();
        if (r.remaining() <= 0) {
          break;
        }
        oneD = true;
      } else {
        int eols = 0;
        int tag = -1;
        while (true) {
          if (r.remaining() <= 0 || restIsZero(r)) {
            break rowLoop;
          }
          int p = r.peek(T4Codes.EOL_BITS);
          if (p == 0) {
            skipZeros(r); // T.4 4.1.3: fill bits before the EOL
            r.skip(1);
          } else if (p == T4Codes.EOL) {
            r.skip(T4Codes.EOL_BITS);
          } else {
            break;
          }
          eols++;
          if (mr) {
            tag = r.bit();
          }
        }
        if (eols >= 2 && rows > 0) {
          break; // T.4 4.1.4: RTC
        }
        oneD = !mr || tag == 1 || (tag < 0 && rows == 0);
      }
      int n = oneD ? rc.decode1D(r, curRow, width) : rc.decode2D(r, refRow, curRow, width);
      if (n < 0) {
        throw new T4FormatException(
            where
                + ": row "
                + rows
                + " ("
                + (oneD ? "1-D" : "2-D")
                + "): "
                + rc.error
                + " near bit "
                + r.bitsConsumed(off));
      }
      byte[] out = dst;
      int rowOff = dstOff + rows * stride;
      if (out == null) {
        if (grown.length < (rows + 1) * stride) {
          grown = Arrays.copyOf(grown, Math.min(maxRows, rows * 2 + 1) * stride);
        }
        out = grown;
        rowOff = rows * stride;
      }
      RowCodec.fill(curRow, n, width, out, rowOff);
      int[] t = refRow;
      refRow = curRow;
      curRow = t;
      rows++;
      rowsDone = rows;
    }
    if (exact && rows < maxRows) {
      throw new T4FormatException(where + ": coded data ends after row " + rows + " of " + maxRows);
    }
    return rows;
  }

  /** True when only zero bits are left. */
  private static boolean restIsZero(BitReader r) {
    long rem = r.remaining();
    if (rem >= 32) {
      return false; // possibly zeros, but followed by more data: the caller skips them as fill
    }
    return rem <= 0 || r.peek((int) rem) == 0;
  }

  /** Skips zero bits up to the next one bit (or the end of the data). */
  private static void skipZeros(BitReader r) {
    while (r.remaining() > 0) {
      int p = r.peek(32);
      if (p == 0) {
        r.skip((int) Math.min(32, r.remaining()));
        continue;
      }
      r.skip(Integer.numberOfLeadingZeros(p));
      return;
    }
  }
}
