package org.faxgw.modem.v17;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TrellisCodeTest {
  @Test
  void everyStateHasFourDistinctSuccessorsAndFourPredecessors() {
    int[] into = new int[8];
    for (int s = 0; s < 8; s++) {
      assertThat(TrellisEncoder.NEXT_STATE[s]).doesNotHaveDuplicates();
      for (int y = 0; y < 4; y++) {
        into[TrellisEncoder.NEXT_STATE[s][y]]++;
      }
    }
    assertThat(into).containsOnly(4);
  }

  /**
   * V.17 is designed to be transparent to 90° phase ambiguities: a quarter turn of every symbol
   * (Y2Y1 + 1, Y0 inverted) must map code sequences to code sequences. So there is a state map σ
   * with next(σ(s), y + 1) = σ(next(s, y)) and Y0(σ(s)) = 1 − Y0(s).
   */
  @Test
  void codeIsInvariantUnderQuarterTurns() {
    int found = 0;
    for (int[] sigma : permutations()) {
      boolean ok = true;
      for (int s = 0; s < 8 && ok; s++) {
        ok = (sigma[s] & 1) == ((s & 1) ^ 1);
        for (int y = 0; y < 4 && ok; y++) {
          ok =
              TrellisEncoder.NEXT_STATE[sigma[s]][(y + 1) & 3]
                  == sigma[TrellisEncoder.NEXT_STATE[s][y]];
        }
      }
      if (ok) {
        found++;
      }
    }
    assertThat(found).isGreaterThan(0);
  }

  @Test
  void differentialEncodingAddsQ2Q1ModuloFour() {
    TrellisEncoder e = new TrellisEncoder();
    e.reset(1);
    int prev = 1;
    Random r = new Random(5);
    for (int i = 0; i < 100; i++) {
      int q = r.nextInt(64);
      int label = e.encode(q);
      int y12 = (label >> 1) & 3;
      assertThat(y12).isEqualTo((prev + q) & 3);
      assertThat(label >> 3).isEqualTo(q >> 2);
      prev = y12;
    }
  }

  @Test
  void viterbiDecodesNoiselessSymbolsWithFifteenSymbolsDelay() {
    V17Constellation c = V17Constellation.forBitRate(14400);
    int[] labels = encodeRandom(2000, 11);
    ViterbiDecoder v = new ViterbiDecoder(16);
    double[] d = new double[8];
    int[] l = new int[8];
    int out = 0;
    for (int label : labels) {
      nearest(c, c.re(label), c.im(label), d, l);
      int got = v.step(d, l);
      if (got >= 0) {
        assertThat(got).isEqualTo(labels[out++]);
      }
    }
    assertThat(out).isEqualTo(labels.length - 15);
  }

  /** With noise the trellis decoder must beat symbol-by-symbol slicing clearly (coding gain). */
  @Test
  void viterbiCorrectsMostErrorsOfTheSlicer() {
    V17Constellation c = V17Constellation.forBitRate(14400);
    int n = 20000;
    int[] labels = encodeRandom(n, 3);
    Random noise = new Random(9);
    ViterbiDecoder v = new ViterbiDecoder(16);
    double[] d = new double[8];
    int[] l = new int[8];
    int out = 0;
    int viterbiErrors = 0;
    int slicerErrors = 0;
    double sigma = 0.42; // per dimension, minimum distance 1: slicer symbol errors near 1e-2
    for (int label : labels) {
      double re = c.re(label) + noise.nextGaussian() * sigma;
      double im = c.im(label) + noise.nextGaussian() * sigma;
      nearest(c, re, im, d, l);
      int best = 0;
      for (int k = 1; k < 8; k++) {
        if (d[k] < d[best]) {
          best = k;
        }
      }
      if (l[best] != label) {
        slicerErrors++;
      }
      int got = v.step(d, l);
      if (got >= 0 && got != labels[out++]) {
        viterbiErrors++;
      }
    }
    assertThat(slicerErrors).isGreaterThan(100);
    assertThat(viterbiErrors).isLessThan(slicerErrors / 10);
  }

  private static int[] encodeRandom(int n, long seed) {
    TrellisEncoder e = new TrellisEncoder();
    e.reset(0);
    Random r = new Random(seed);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = e.encode(r.nextInt(64));
    }
    return labels;
  }

  private static void nearest(V17Constellation c, double re, double im, double[] d, int[] l) {
    java.util.Arrays.fill(d, Double.MAX_VALUE);
    for (int p = 0; p < c.size(); p++) {
      double dr = re - c.re(p);
      double di = im - c.im(p);
      double x = dr * dr + di * di;
      if (x < d[p & 7]) {
        d[p & 7] = x;
        l[p & 7] = p;
      }
    }
  }

  private static java.util.List<int[]> permutations() {
    java.util.List<int[]> out = new java.util.ArrayList<>();
    permute(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 0, out);
    return out;
  }

  private static void permute(int[] a, int k, java.util.List<int[]> out) {
    if (k == a.length) {
      out.add(a.clone());
      return;
    }
    for (int i = k; i < a.length; i++) {
      int t = a[k];
      a[k] = a[i];
      a[i] = t;
      permute(a, k + 1, out);
      a[i] = a[k];
      a[k] = t;
    }
  }
}
