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
    for (int c : count) {
      if (c != 4) {
        throw new IllegalStateException("V.17 trellis must have 4 branches into every state");
      }
    }
  }

  private final int depth;
  private final double[] metric = new double[8];
  private final double[] newMetric = new double[8];
  // survivors, flattened [time][state]: predecessor state and the label of the branch
  private final int[] survivorState;
  private final int[] survivorLabel;
  private int pointer;
  private int filled;

  /**
   * @param depth traceback depth in symbols (the decision delay is depth − 1 symbols)
   */
  public ViterbiDecoder(int depth) {
    this.depth = depth;
    survivorState = new int[depth * 8];
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
    double best = Double.MAX_VALUE;
    int bestState = 0;
    for (int s = 0; s < 8; s++) {
      int[] pred = PREDECESSOR[s];
      int[] sub = BRANCH_SUBSET[s];
      double m = metric[pred[0]] + distance[sub[0]];
      int k = 0;
      for (int j = 1; j < 4; j++) {
        double c = metric[pred[j]] + distance[sub[j]];
        if (c < m) {
          m = c;
          k = j;
        }
      }
      newMetric[s] = m;
      survivorState[row + s] = pred[k];
      survivorLabel[row + s] = label[sub[k]];
      if (m < best) {
        best = m;
        bestState = s;
      }
    }
    for (int s = 0; s < 8; s++) {
      metric[s] = newMetric[s] - best;
    }
    if (filled < depth) {
      filled++;
      if (filled < depth) {
        return -1;
      }
    }
    int s = bestState;
    int p = pointer;
    for (int i = 0; i < depth - 1; i++) {
      s = survivorState[p * 8 + s];
      if (--p < 0) {
        p = depth - 1;
      }
    }
    return survivorLabel[p * 8 + s];
  }
}
