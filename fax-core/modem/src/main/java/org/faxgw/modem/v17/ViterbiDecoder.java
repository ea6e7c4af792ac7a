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
  private final double[] newMetric = new double[8];
  // survivors, flattened [time][state]: the label of the branch into each state
  private final int[] survivorLabel;
  // register exchange instead of a traceback: per state, the states of its survivor path, 3 bits a
  // symbol, newest in the low bits (the same path a traceback through the predecessors would find)
  private long[] path = new long[8];
  private long[] newPath = new long[8];
  private int pointer;
  private int filled;

  /**
   * @param depth traceback depth in symbols (the decision delay is depth − 1 symbols), 1 to 21
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
    // instead of unpredictable branches.
    long best = Long.MAX_VALUE;
    int bestState = 0;
    int[] pred = PRED_FLAT;
    int[] sub = SUBSET_FLAT;
    double[] metric = this.metric;
    double[] newMetric = this.newMetric;
    for (int s = 0; s < 8; s++) {
      int e = 4 * s;
      long m0 = Double.doubleToRawLongBits(metric[pred[e]] + distance[sub[e]]);
      long m1 = Double.doubleToRawLongBits(metric[pred[e + 1]] + distance[sub[e + 1]]);
      long m2 = Double.doubleToRawLongBits(metric[pred[e + 2]] + distance[sub[e + 2]]);
      long m3 = Double.doubleToRawLongBits(metric[pred[e + 3]] + distance[sub[e + 3]]);
      // the first of the smallest, as a sequential scan would choose
      boolean low1 = m1 < m0;
      long a = low1 ? m1 : m0;
      int ka = low1 ? e + 1 : e;
      boolean low3 = m3 < m2;
      long b = low3 ? m3 : m2;
      int kb = low3 ? e + 3 : e + 2;
      boolean lowB = b < a;
      long m = lowB ? b : a;
      int k = lowB ? kb : ka;
      newMetric[s] = Double.longBitsToDouble(m);
      newPath[s] = (path[pred[k]] << 3) | s;
      survivorLabel[row + s] = label[sub[k]];
      boolean lower = m < best;
      best = lower ? m : best;
      bestState = lower ? s : bestState;
    }
    double bestMetric = Double.longBitsToDouble(best);
    for (int s = 0; s < 8; s++) {
      metric[s] = newMetric[s] - bestMetric;
    }
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
