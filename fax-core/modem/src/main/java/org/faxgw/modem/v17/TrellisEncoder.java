package org.faxgw.modem.v17;

/**
 * The V.17 2.3 encoder: differential encoding of Q1 Q2 into Y1 Y2 (Table 1/V.17: {@code Y2Y1(n) =
 * Y2Y1(n-1) + Q2Q1(n) mod 4}) and the 8-state non-linear systematic convolutional encoder of Figure
 * 1/V.17 that adds the redundant bit Y0. Belongs to one thread.
 */
public final class TrellisEncoder {
  /** Next encoder state, indexed {@code [state][Y2Y1]}; state bit 0 is the output Y0. */
  static final int[][] NEXT_STATE = nextStateTable();

  private int previousY12;
  private int state;

  /**
   * V.17 Figure 1: with delay cells S1 (bit 0), S2 (bit 1), S3 (bit 2) and inputs Y1, Y2: S1' = Y2
   * ⊕ S2 ⊕ (Y1 ∧ S1), S2' = Y2 ⊕ Y1 ⊕ S3 ⊕ ((Y2 ⊕ S2) ∧ S1), S3' = S1; Y0 = S1.
   */
  static int[][] nextStateTable() {
    int[][] t = new int[8][4];
    for (int s = 0; s < 8; s++) {
      int s1 = s & 1;
      int s2 = (s >> 1) & 1;
      int s3 = (s >> 2) & 1;
      for (int y12 = 0; y12 < 4; y12++) {
        int y1 = y12 & 1;
        int y2 = y12 >> 1;
        int n1 = y2 ^ s2 ^ (y1 & s1);
        int n2 = y2 ^ y1 ^ s3 ^ ((y2 ^ s2) & s1);
        t[s][y12] = n1 | (n2 << 1) | (s1 << 2);
      }
    }
    return t;
  }

  /** Restarts with the given previous {@code Y2Y1} and the convolutional encoder cleared. */
  public void reset(int initialY12) {
    previousY12 = initialY12 & 3;
    state = 0;
  }

  /**
   * Encodes the data bits of one symbol ({@code q} bit 0 = Q1, bit 1 = Q2, bit 2 = Q3…) into a
   * constellation label.
   */
  public int encode(int q) {
    int y12 = (previousY12 + (q & 3)) & 3;
    previousY12 = y12;
    int y0 = state & 1;
    state = NEXT_STATE[state][y12];
    return ((q >> 2) << 3) | (y12 << 1) | y0;
  }
}
