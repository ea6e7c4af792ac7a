package org.faxgw.t4;

import java.util.Arrays;

/**
 * Error-tolerant, incremental decoder of one non-ECM fax page (T.4 MH or MR) as it comes off the
 * modem.
 *
 * <p>Feed it the demodulated bits <b>in line order</b> (the first bit on the line first) with
 * {@link #putBit(int)}, or whole octets with {@link #putBytes(byte[], int, int, BitOrder)} ({@link
 * BitOrder#LSB_FIRST} when the octets were packed as they came off the line). It finds rows between
 * EOLs (T.4 4.1.2), ignores fill bits (T.4 4.1.3) and everything before the first EOL, and ends the
 * page at RTC (T.4 4.1.4: six EOLs; the page is taken as ended after {@link #RTC_EOLS} consecutive
 * EOLs so that one damaged EOL of the RTC does not lose the page end).
 *
 * <p>A row that does not decode exactly to the page width (invalid code, runs too long or too
 * short, data after the row before the EOL) is a <em>bad row</em>: it is replaced by the row above
 * (white for the first row), counted, and decoding resumes at the next EOL. In MR the 2-D rows that
 * follow a bad row up to the next 1-D row are bad as well, since their reference row is lost (T.4
 * 4.2.1.3.4: the K parameter bounds this).
 *
 * <pre>{@code
 * T4StreamDecoder d = new T4StreamDecoder(1728, FaxCompression.MR, Resolution.FINE); // or null: detect MH/MR
 * for (each bit b from the V.17/V.29/V.27ter receiver) {
 *   d.putBit(b);
 *   if (d.isPageComplete()) break;          // RTC seen
 * }
 * if (!d.isPageComplete()) d.endOfData();   // carrier lost before RTC
 * BilevelPage page = d.page();
 * int bad = d.badRows(), worst = d.longestBadRun();
 * d.nextPage();                             // ready for the next page (same width and coding)
 * }</pre>
 *
 * <p>With {@code coding == null} the decoder detects MH or MR from the first row that decodes one
 * way only: an MR row begins with the tag bit after its EOL (T.4 4.2.2), the first row of an MR
 * page is 1-D. MMR is not accepted here: it travels only with ECM, where frames arrive error-free
 * and {@link T4Decoder} decodes the assembled data.
 *
 * <p>Not thread-safe: one instance belongs to one receive session. No allocation per bit; the page
 * buffer grows by doubling.
 */
public final class T4StreamDecoder {
  /** Consecutive EOLs taken as RTC (the transmitter sends six; spandsp's t4_rx uses five). */
  public static final int RTC_EOLS = 5;

  /** Most rows on a page; rows past this are dropped and the page ends. */
  public static final int MAX_ROWS = T4Decoder.MAX_ROWS;

  private final int width;
  private final int stride;
  private final FaxCompression givenCoding;
  private final Resolution resolution;
  private final RowCodec rc = new RowCodec();

  // The segment: bits since the last EOL, MSB first.
  private final int maxSegBits;
  private final byte[] seg;
  private int segBits;
  private int segOnes; // one bits in the segment
  private int segLastOne; // index of the last one bit
  private boolean segOverflow;
  private int zeros; // consecutive zero bits at the end of the input

  private boolean synced; // an EOL has been seen
  private int eolRun; // EOLs since the last row
  private boolean complete;
  private boolean endedByRtc;
  private FaxCompression coding;

  // The page being built.
  private byte[] out;
  private int rows;
  private int badRows;
  private int badRun;
  private int longestBadRun;
  private final java.util.BitSet badRowMap = new java.util.BitSet();
  private boolean refValid; // MR: the reference row decoded correctly
  private int[] ref;
  private int[] cur;
  private final int[] spare; // scratch row while MH or MR is being detected

  /**
   * @param width pixels per row (T.30 DCS: 1728, 2048, 2432, ...)
   * @param coding {@link FaxCompression#MH}, {@link FaxCompression#MR}, or null to detect which
   * @param resolution the resolution of the page (from DCS), carried into the page
   */
  public T4StreamDecoder(int width, FaxCompression coding, Resolution resolution) {
    if (width <= 0 || width > FaxTiffReader.MAX_WIDTH) {
      throw new IllegalArgumentException("width " + width);
    }
    if (coding == FaxCompression.MMR) {
      throw new IllegalArgumentException(
          "MMR needs ECM: decode the assembled partial pages with T4Decoder");
    }
    this.width = width;
    this.stride = BilevelPage.stride(width);
    this.givenCoding = coding;
    this.resolution = resolution;
    // A row of single pixels costs 9 bits per two pixels in MH (6 + 3), up to 12 in MR (H mode:
    // 3 + 6 + 3); fill bits for the longest minimum scan line time (40 ms at 14400 bit/s = 576)
    // come on top.
    this.maxSegBits = width * 7 + 8192;
    this.seg = new byte[(maxSegBits >>> 3) + 8];
    this.ref = new int[RowCodec.changesCapacity(width)];
    this.cur = new int[RowCodec.changesCapacity(width)];
    this.spare = new int[RowCodec.changesCapacity(width)];
    nextPage();
  }

  /**
   * Decodes a whole page of line data (for a page received without ECM and stored), as if its bits
   * were fed one by one.
   */
  public static T4ReceivedPage decodePage(
      byte[] data, BitOrder order, int width, FaxCompression coding, Resolution resolution) {
    T4StreamDecoder d = new T4StreamDecoder(width, coding, resolution);
    d.putBytes(data, 0, data.length, order);
    if (!d.isPageComplete()) {
      d.endOfData();
    }
    return new T4ReceivedPage(d.page(), d.stats());
  }

  /** Forgets the page (complete or not) and gets ready for the next one. */
  public void nextPage() {
    Arrays.fill(seg, 0, Math.min(seg.length, (segBits >>> 3) + 1), (byte) 0);
    segBits = 0;
    segOnes = 0;
    segLastOne = -1;
    segOverflow = false;
    zeros = 0;
    synced = false;
    eolRun = 0;
    complete = false;
    endedByRtc = false;
    coding = givenCoding;
    out = new byte[stride * 64];
    rows = 0;
    badRows = 0;
    badRun = 0;
    longestBadRun = 0;
    badRowMap.clear();
    refValid = false;
    RowCodec.whiteRow(ref, width);
  }

  /** One bit off the line, 0 or 1 (any non-zero value is 1). Ignored once the page is complete. */
  public void putBit(int bit) {
    if (complete) {
      return;
    }
    if (bit == 0) {
      zeros++;
      if (segBits < maxSegBits) {
        segBits++;
      } else {
        segOverflow = true;
      }
      return;
    }
    if (zeros >= 11) {
      // T.4 4.1.2: EOL = eleven zeros and a one (fill zeros before it belong to the segment).
      zeros = 0;
      endOfSegment();
      return;
    }
    zeros = 0;
    if (segBits < maxSegBits) {
      seg[segBits >>> 3] |= (byte) (0x80 >>> (segBits & 7));
      segLastOne = segBits;
      segOnes++;
      segBits++;
    } else {
      segOverflow = true;
    }
  }

  /** Octets off the line; {@code order} tells which bit of each octet came first. */
  public void putBytes(byte[] data, int off, int len, BitOrder order) {
    for (int i = off; i < off + len && !complete; i++) {
      int b = data[i] & 0xFF;
      if (order == BitOrder.LSB_FIRST) {
        for (int k = 0; k < 8; k++) {
          putBit((b >>> k) & 1);
        }
      } else {
        for (int k = 7; k >= 0; k--) {
          putBit((b >>> k) & 1);
        }
      }
    }
  }

  /** The data stopped (carrier lost, end of the stored page): ends the page without RTC. */
  public void endOfData() {
    if (complete) {
      return;
    }
    if (synced && segOnes > (coding == FaxCompression.MR ? 1 : 0)) {
      // The last row may have come without its EOL.
      decodeSegment();
    }
    complete = true;
  }

  public boolean isPageComplete() {
    return complete;
  }

  /** The decoded page; only once {@link #isPageComplete()}. */
  public BilevelPage page() {
    if (!complete) {
      throw new IllegalStateException("page not complete: no RTC yet and endOfData() not called");
    }
    return BilevelPage.wrap(width, rows, resolution, Arrays.copyOf(out, rows * stride));
  }

  public int rows() {
    return rows;
  }

  public int badRows() {
    return badRows;
  }

  public int longestBadRun() {
    return longestBadRun;
  }

  /** Which rows were bad (replaced by the row above), by row number from 0. A copy. */
  public java.util.BitSet badRowMap() {
    return (java.util.BitSet) badRowMap.clone();
  }

  /** The coding in use: the one given, or the one detected (null while not yet known). */
  public FaxCompression coding() {
    return coding;
  }

  public T4PageStats stats() {
    return new T4PageStats(rows, badRows, longestBadRun, coding, endedByRtc);
  }

  private void endOfSegment() {
    if (!synced) {
      synced = true; // everything before the first EOL is not page data
    } else {
      boolean empty = segOnes == 0 || (coding == FaxCompression.MR && segOnes == 1 && seg[0] < 0);
      if (coding == null && segOnes == 1 && seg[0] < 0) {
        empty = true; // a tag bit alone: an MR EOL
      }
      if (empty) {
        eolRun++;
        if (rows > 0 && eolRun >= RTC_EOLS) {
          complete = true;
          endedByRtc = true;
        }
      } else {
        eolRun = 1;
        decodeSegment();
      }
    }
    clearSegment();
  }

  private void clearSegment() {
    Arrays.fill(seg, 0, Math.min(seg.length, (segBits >>> 3) + 1), (byte) 0);
    segBits = 0;
    segOnes = 0;
    segLastOne = -1;
    segOverflow = false;
  }

  /** Decodes the segment as one row, good or bad, and appends it. */
  private void decodeSegment() {
    if (rows >= MAX_ROWS) {
      complete = true;
      return;
    }
    int len = (segBits + 7) >>> 3;
    int n = -1;
    if (!segOverflow) {
      if (coding == null) {
        n = tryOneD(0);
        if (n >= 0) {
          // MH fits; lock in only if MR would not have fitted.
          int[] keep = cur;
          cur = spare;
          int alt = (seg[0] < 0) ? tryOneD(1) : -1;
          cur = keep;
          if (alt < 0) {
            coding = FaxCompression.MH;
          }
        } else if (seg[0] < 0) {
          n = tryOneD(1);
          if (n >= 0) {
            coding = FaxCompression.MR;
            refValid = true;
          }
        }
      } else if (coding == FaxCompression.MH) {
        n = tryOneD(0);
      } else {
        boolean oneD = seg[0] < 0; // T.4 4.2.2: tag bit 1 = next row 1-D
        if (oneD) {
          n = tryOneD(1);
          refValid = n >= 0;
        } else if (refValid) {
          BitReader r = new BitReader(seg, 0, len);
          r.skip(1);
          n = rc.decode2D(r, ref, cur, width);
          if (n >= 0 && !endsClean(r)) {
            n = -1;
          }
          refValid = n >= 0;
        }
      }
    }
    int rowOff = rows * stride;
    if (out.length < rowOff + stride) {
      out = Arrays.copyOf(out, Math.min(out.length * 2, MAX_ROWS * stride));
    }
    if (n >= 0) {
      RowCodec.fill(cur, n, width, out, rowOff);
      int[] t = ref;
      ref = cur;
      cur = t;
      badRun = 0;
    } else {
      if (rows > 0) {
        System.arraycopy(out, rowOff - stride, out, rowOff, stride);
      }
      badRows++;
      badRowMap.set(rows);
      badRun++;
      longestBadRun = Math.max(longestBadRun, badRun);
    }
    rows++;
  }

  /** Decodes the segment from bit {@code from} as a 1-D row into cur; -1 if it is not one. */
  private int tryOneD(int from) {
    BitReader r = new BitReader(seg, 0, (segBits + 7) >>> 3);
    if (from > 0) {
      r.skip(from);
    }
    int n = rc.decode1D(r, cur, width);
    return n >= 0 && endsClean(r) ? n : -1;
  }

  /** The row used the segment's bits and only fill zeros are left. */
  private boolean endsClean(BitReader r) {
    long used = r.bitsConsumed(0);
    return used <= segBits && segLastOne < used;
  }
}
