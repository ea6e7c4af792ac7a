package org.faxgw.t30;

/**
 * The receiver's judgement of a non-ECM page, with HylaFAX's defaults ({@code PercentGoodLines:
 * 95}, {@code MaxConsecutiveBadLines: 5}):
 *
 * <ul>
 *   <li>at least 95 % good rows and at most 5 bad rows in a row: MCF;
 *   <li>otherwise, at least 85 % good rows: RTP (the page is kept, the sender retrains);
 *   <li>otherwise (or no row at all): RTN (the sender retrains and sends the page again).
 * </ul>
 *
 * In every case the page is kept, bad rows repaired by the decoder (the row above repeated).
 */
final class CopyQuality {
  private CopyQuality() {}

  static final int PERCENT_GOOD_ROWS = 95;
  static final int MAX_CONSECUTIVE_BAD_ROWS = 5;
  static final int PERCENT_GOOD_ROWS_FOR_RTP = 85;

  static Fcf answer(int rows, int badRows, int maxConsecutiveBad) {
    if (rows <= 0) {
      return Fcf.RTN;
    }
    long good = rows - (long) badRows;
    if (good * 100 >= (long) PERCENT_GOOD_ROWS * rows
        && maxConsecutiveBad <= MAX_CONSECUTIVE_BAD_ROWS) {
      return Fcf.MCF;
    }
    return good * 100 >= (long) PERCENT_GOOD_ROWS_FOR_RTP * rows ? Fcf.RTP : Fcf.RTN;
  }
}
