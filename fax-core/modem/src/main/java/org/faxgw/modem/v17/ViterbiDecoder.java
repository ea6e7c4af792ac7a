package org.faxgw.modem.v17;

/**
 * Soft-decision Viterbi decoder for the 8-state V.17 trellis code. Each symbol it takes, per subset
 * {@code Y2Y1Y0}, the squared distance from the received point to the nearest point of that subset
 * and that point's label; it returns the label decided {@link #depth()} − 1 symbols earlier.
 * Belongs to one thread; allocates nothing after construction.
 */
public final class ViterbiDecoder {
  /** Predecessor states of each state, and the subset (Y2Y1Y0) of the branch from each. */
  private static final int[][] PREDECESSOR = new int[8][4];

  private static final int[][] BRANCH_SUBSET = new int[8][4];

  /** The same two tables flattened, {@code [4 * state + branch]}, for the per-symbol loop. */
  private static final int[] PRED_FLAT = new int[32];

  private static final int[] SUBSET_FLAT = new int[32];

  static {
    int[] count = new int[8];
    for (int s = 0; s < 8; s++) {
      for (int y12 = 0; y12 < 4; y12++) {
        int next = TrellisEncoder.NEXT_STATE[s][y12];
        int k = count[next]++;
        PREDECESSOR[next][k] = s;
        BRANCH_SUBSET[next][k] = (y12 << 1) | (s & 1);
      }
    }
    for (int s = 0; s < 8; s++) {
      for (int k = 0; k < 4; k++) {
        PRED_FLAT[4 * s + k] = PREDECESSOR[s][k];
        SUBSET_FLAT[4 * s + k] = BRANCH_SUBSET[s][k];
      }
    }
    for (int c : count) {
      if (c != 4) {
        throw new IllegalStateException("V.17 trellis must have 4 branches into every state");
      }
    }
  }

  private final int depth;
  private final double[] metric = new double[8];
  // survivors, flattened [time][state]: the label of the branch into each state
  private final int[] survivorLabel;
  // register exchange instead of a traceback: per state, the states of its survivor path, 3 bits a
  // symbol, newest in the low bits (the same path a traceback through the predecessors would find)
  private long[] path = new long[8];
  private long[] newPath = new long[8];
  private int pointer;
  private int filled;

  /**
   * @param depth survivor path length in symbols (the decision delay is depth − 1 symbols), 1 to 21
   */
  public ViterbiDecoder(int depth) {
    if (depth < 1 || 3 * depth > Long.SIZE) {
      throw new IllegalArgumentException("traceback depth must be 1 to 21 symbols: " + depth);
    }
    this.depth = depth;
    survivorLabel = new int[depth * 8];
    reset();
  }

  public int depth() {
    return depth;
  }

  /** Forgets everything: all states equally likely. */
  public void reset() {
    java.util.Arrays.fill(metric, 0.0);
    pointer = 0;
    filled = 0;
  }

  /**
   * Advances the trellis by one symbol.
   *
   * @param distance squared distance to the nearest point of each subset, indexed by {@code Y2Y1Y0}
   * @param label label of that nearest point, indexed the same way
   * @return the label decided for the symbol {@code depth − 1} steps back, or −1 while the trellis
   *     is still filling
   */
  // The 8 trellis states are written out one by one (no loops, no arrays of branches): this is the
  // V.17 receiver's hottest loop, and the unrolled form is what makes it fast (ViterbiDecoderTest
  // checks it against a plain textbook decoder). Hence longer than the house limit of 150 lines.
  @SuppressWarnings("checkstyle:MethodLength")
  public int step(double[] distance, int[] label) {
    if (++pointer >= depth) {
      pointer = 0;
    }
    int row = pointer * 8;
    int[] survivorLabel = this.survivorLabel;
    long[] path = this.path;
    long[] newPath = this.newPath;
    // Metrics and distances are never negative, so their IEEE bit patterns order like the values:
    // comparing them as longs gives the same choices and lets the compiler use conditional moves
    // instead of unpredictable branches. The 8 states are written out (predecessors and branch
    // subsets from PRED_FLAT and SUBSET_FLAT, checked against them by a test), with the old
    // metrics and the distances in locals: no table lookups, no bounds checks in the recursion.
    double[] metric = this.metric;
    double[] dist = distance;
    final double m0 = metric[0];
    final double m1 = metric[1];
    final double m2 = metric[2];
    final double m3 = metric[3];
    final double m4 = metric[4];
    final double m5 = metric[5];
    final double m6 = metric[6];
    final double m7 = metric[7];
    final double d0 = dist[0];
    final double d1 = dist[1];
    final double d2 = dist[2];
    final double d3 = dist[3];
    final double d4 = dist[4];
    final double d5 = dist[5];
    final double d6 = dist[6];
    final double d7 = dist[7];
    long best = Long.MAX_VALUE;
    int bestState = 0;
    // state 0
    long a00 = Double.doubleToRawLongBits(m0 + d0);
    long a01 = Double.doubleToRawLongBits(m2 + d6);
    long a02 = Double.doubleToRawLongBits(m4 + d2);
    long a03 = Double.doubleToRawLongBits(m6 + d4);
    boolean l01 = a01 < a00;
    long x0 = l01 ? a01 : a00;
    int px0 = l01 ? 2 : 0;
    int qx0 = l01 ? 6 : 0;
    boolean l03 = a03 < a02;
    long y0 = l03 ? a03 : a02;
    int py0 = l03 ? 6 : 4;
    int qy0 = l03 ? 4 : 2;
    boolean lb0 = y0 < x0;
    long n0 = lb0 ? y0 : x0;
    newPath[0] = (path[lb0 ? py0 : px0] << 3) | 0;
    survivorLabel[row + 0] = label[lb0 ? qy0 : qx0];
    boolean lower0 = n0 < best;
    best = lower0 ? n0 : best;
    bestState = lower0 ? 0 : bestState;
    // state 1
    long a10 = Double.doubleToRawLongBits(m0 + d6);
    long a11 = Double.doubleToRawLongBits(m2 + d0);
    long a12 = Double.doubleToRawLongBits(m4 + d4);
    long a13 = Double.doubleToRawLongBits(m6 + d2);
    boolean l11 = a11 < a10;
    long x1 = l11 ? a11 : a10;
    int px1 = l11 ? 2 : 0;
    int qx1 = l11 ? 0 : 6;
    boolean l13 = a13 < a12;
    long y1 = l13 ? a13 : a12;
    int py1 = l13 ? 6 : 4;
    int qy1 = l13 ? 2 : 4;
    boolean lb1 = y1 < x1;
    long n1 = lb1 ? y1 : x1;
    newPath[1] = (path[lb1 ? py1 : px1] << 3) | 1;
    survivorLabel[row + 1] = label[lb1 ? qy1 : qx1];
    boolean lower1 = n1 < best;
    best = lower1 ? n1 : best;
    bestState = lower1 ? 1 : bestState;
    // state 2
    long a20 = Double.doubleToRawLongBits(m0 + d2);
    long a21 = Double.doubleToRawLongBits(m2 + d4);
    long a22 = Double.doubleToRawLongBits(m4 + d0);
    long a23 = Double.doubleToRawLongBits(m6 + d6);
    boolean l21 = a21 < a20;
    long x2 = l21 ? a21 : a20;
    int px2 = l21 ? 2 : 0;
    int qx2 = l21 ? 4 : 2;
    boolean l23 = a23 < a22;
    long y2 = l23 ? a23 : a22;
    int py2 = l23 ? 6 : 4;
    int qy2 = l23 ? 6 : 0;
    boolean lb2 = y2 < x2;
    long n2 = lb2 ? y2 : x2;
    newPath[2] = (path[lb2 ? py2 : px2] << 3) | 2;
    survivorLabel[row + 2] = label[lb2 ? qy2 : qx2];
    boolean lower2 = n2 < best;
    best = lower2 ? n2 : best;
    bestState = lower2 ? 2 : bestState;
    // state 3
    long a30 = Double.doubleToRawLongBits(m0 + d4);
    long a31 = Double.doubleToRawLongBits(m2 + d2);
    long a32 = Double.doubleToRawLongBits(m4 + d6);
    long a33 = Double.doubleToRawLongBits(m6 + d0);
    boolean l31 = a31 < a30;
    long x3 = l31 ? a31 : a30;
    int px3 = l31 ? 2 : 0;
    int qx3 = l31 ? 2 : 4;
    boolean l33 = a33 < a32;
    long y3 = l33 ? a33 : a32;
    int py3 = l33 ? 6 : 4;
    int qy3 = l33 ? 0 : 6;
    boolean lb3 = y3 < x3;
    long n3 = lb3 ? y3 : x3;
    newPath[3] = (path[lb3 ? py3 : px3] << 3) | 3;
    survivorLabel[row + 3] = label[lb3 ? qy3 : qx3];
    boolean lower3 = n3 < best;
    best = lower3 ? n3 : best;
    bestState = lower3 ? 3 : bestState;
    // state 4
    long a40 = Double.doubleToRawLongBits(m1 + d1);
    long a41 = Double.doubleToRawLongBits(m3 + d3);
    long a42 = Double.doubleToRawLongBits(m5 + d7);
    long a43 = Double.doubleToRawLongBits(m7 + d5);
    boolean l41 = a41 < a40;
    long x4 = l41 ? a41 : a40;
    int px4 = l41 ? 3 : 1;
    int qx4 = l41 ? 3 : 1;
    boolean l43 = a43 < a42;
    long y4 = l43 ? a43 : a42;
    int py4 = l43 ? 7 : 5;
    int qy4 = l43 ? 5 : 7;
    boolean lb4 = y4 < x4;
    long n4 = lb4 ? y4 : x4;
    newPath[4] = (path[lb4 ? py4 : px4] << 3) | 4;
    survivorLabel[row + 4] = label[lb4 ? qy4 : qx4];
    boolean lower4 = n4 < best;
    best = lower4 ? n4 : best;
    bestState = lower4 ? 4 : bestState;
    // state 5
    long a50 = Double.doubleToRawLongBits(m1 + d5);
    long a51 = Double.doubleToRawLongBits(m3 + d7);
    long a52 = Double.doubleToRawLongBits(m5 + d3);
    long a53 = Double.doubleToRawLongBits(m7 + d1);
    boolean l51 = a51 < a50;
    long x5 = l51 ? a51 : a50;
    int px5 = l51 ? 3 : 1;
    int qx5 = l51 ? 7 : 5;
    boolean l53 = a53 < a52;
    long y5 = l53 ? a53 : a52;
    int py5 = l53 ? 7 : 5;
    int qy5 = l53 ? 1 : 3;
    boolean lb5 = y5 < x5;
    long n5 = lb5 ? y5 : x5;
    newPath[5] = (path[lb5 ? py5 : px5] << 3) | 5;
    survivorLabel[row + 5] = label[lb5 ? qy5 : qx5];
    boolean lower5 = n5 < best;
    best = lower5 ? n5 : best;
    bestState = lower5 ? 5 : bestState;
    // state 6
    long a60 = Double.doubleToRawLongBits(m1 + d7);
    long a61 = Double.doubleToRawLongBits(m3 + d5);
    long a62 = Double.doubleToRawLongBits(m5 + d1);
    long a63 = Double.doubleToRawLongBits(m7 + d3);
    boolean l61 = a61 < a60;
    long x6 = l61 ? a61 : a60;
    int px6 = l61 ? 3 : 1;
    int qx6 = l61 ? 5 : 7;
    boolean l63 = a63 < a62;
    long y6 = l63 ? a63 : a62;
    int py6 = l63 ? 7 : 5;
    int qy6 = l63 ? 3 : 1;
    boolean lb6 = y6 < x6;
    long n6 = lb6 ? y6 : x6;
    newPath[6] = (path[lb6 ? py6 : px6] << 3) | 6;
    survivorLabel[row + 6] = label[lb6 ? qy6 : qx6];
    boolean lower6 = n6 < best;
    best = lower6 ? n6 : best;
    bestState = lower6 ? 6 : bestState;
    // state 7
    long a70 = Double.doubleToRawLongBits(m1 + d3);
    long a71 = Double.doubleToRawLongBits(m3 + d1);
    long a72 = Double.doubleToRawLongBits(m5 + d5);
    long a73 = Double.doubleToRawLongBits(m7 + d7);
    boolean l71 = a71 < a70;
    long x7 = l71 ? a71 : a70;
    int px7 = l71 ? 3 : 1;
    int qx7 = l71 ? 1 : 3;
    boolean l73 = a73 < a72;
    long y7 = l73 ? a73 : a72;
    int py7 = l73 ? 7 : 5;
    int qy7 = l73 ? 7 : 5;
    boolean lb7 = y7 < x7;
    long n7 = lb7 ? y7 : x7;
    newPath[7] = (path[lb7 ? py7 : px7] << 3) | 7;
    survivorLabel[row + 7] = label[lb7 ? qy7 : qx7];
    boolean lower7 = n7 < best;
    best = lower7 ? n7 : best;
    bestState = lower7 ? 7 : bestState;
    double bestMetric = Double.longBitsToDouble(best);
    metric[0] = Double.longBitsToDouble(n0) - bestMetric;
    metric[1] = Double.longBitsToDouble(n1) - bestMetric;
    metric[2] = Double.longBitsToDouble(n2) - bestMetric;
    metric[3] = Double.longBitsToDouble(n3) - bestMetric;
    metric[4] = Double.longBitsToDouble(n4) - bestMetric;
    metric[5] = Double.longBitsToDouble(n5) - bestMetric;
    metric[6] = Double.longBitsToDouble(n6) - bestMetric;
    metric[7] = Double.longBitsToDouble(n7) - bestMetric;
    this.path = newPath;
    this.newPath = path;
    if (filled < depth) {
      filled++;
      if (filled < depth) {
        return -1;
      }
    }
    // the best path's state depth − 1 symbols back, and the label of the branch into it
    int old = (int) (newPath[bestState] >>> (3 * (depth - 1))) & 7;
    int oldRow = pointer + 1 == depth ? 0 : pointer + 1;
    return survivorLabel[oldRow * 8 + old];
  }
}
