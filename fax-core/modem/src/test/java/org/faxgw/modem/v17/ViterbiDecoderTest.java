package org.faxgw.modem.v17;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The written-out add-compare-select of {@link ViterbiDecoder} against a plain reference built from
 * the trellis ({@link TrellisEncoder#NEXT_STATE}) the way the decoder's tables are: the same
 * decisions on random soft inputs, ties included.
 */
class ViterbiDecoderTest {
  /** Textbook Viterbi with full traceback, first-of-the-smallest on ties, predecessors in order. */
  static final class Reference {
    final int[][] pred = new int[8][4];
    final int[][] sub = new int[8][4];
    final int depth;
    double[] metric = new double[8];
    final int[][] fromState;
    final int[][] labels;
    int t;

    Reference(int depth) {
      this.depth = depth;
      int[] count = new int[8];
      for (int s = 0; s < 8; s++) {
        for (int y12 = 0; y12 < 4; y12++) {
          int next = TrellisEncoder.NEXT_STATE[s][y12];
          int k = count[next]++;
          pred[next][k] = s;
          sub[next][k] = (y12 << 1) | (s & 1);
        }
      }
      fromState = new int[100_000][8];
      labels = new int[100_000][8];
    }

    int step(double[] d, int[] label) {
      double[] next = new double[8];
      double best = Double.MAX_VALUE;
      int bestState = 0;
      for (int s = 0; s < 8; s++) {
        double m = Double.MAX_VALUE;
        int k = 0;
        for (int j = 0; j < 4; j++) {
          double c = metric[pred[s][j]] + d[sub[s][j]];
          if (c < m) {
            m = c;
            k = j;
          }
        }
        next[s] = m;
        fromState[t][s] = pred[s][k];
        labels[t][s] = label[sub[s][k]];
        if (m < best) {
          best = m;
          bestState = s;
        }
      }
      for (int s = 0; s < 8; s++) {
        metric[s] = next[s] - best;
      }
      t++;
      if (t < depth) {
        return -1;
      }
      int s = bestState;
      for (int back = t - 1; back > t - depth; back--) {
        s = fromState[back][s];
      }
      return labels[t - depth][s];
    }
  }

  @Test
  void sameDecisionsAsTheReference() {
    Random r = new Random(5);
    for (int depth : new int[] {1, 2, 16, 21}) {
      ViterbiDecoder v = new ViterbiDecoder(depth);
      Reference ref = new Reference(depth);
      double[] d = new double[8];
      int[] label = new int[8];
      int decided = 0;
      for (int i = 0; i < 20_000; i++) {
        for (int k = 0; k < 8; k++) {
          // coarse values make ties common
          d[k] = (i % 3 == 0) ? r.nextInt(4) : r.nextDouble() * 10;
          label[k] = r.nextInt(128);
        }
        int got = v.step(d, label);
        int want = ref.step(d, label);
        assertThat(got).as("step %d, depth %d", i, depth).isEqualTo(want);
        decided += got >= 0 ? 1 : 0;
      }
      assertThat(decided).isGreaterThan(19_000);
    }
  }
}
