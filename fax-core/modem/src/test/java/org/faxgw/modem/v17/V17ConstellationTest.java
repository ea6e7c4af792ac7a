package org.faxgw.modem.v17;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class V17ConstellationTest {
  @ParameterizedTest
  @ValueSource(ints = {14400, 12000, 9600, 7200})
  void pointsAreDistinctAndOnTheGrid(int rate) {
    V17Constellation c = V17Constellation.forBitRate(rate);
    assertThat(c.size()).isEqualTo(1 << (c.dataBitsPerSymbol() + 1));
    Set<String> seen = new HashSet<>();
    double energy = 0;
    for (int i = 0; i < c.size(); i++) {
      assertThat(seen.add(c.re(i) + "," + c.im(i))).as("label %d", i).isTrue();
      energy += c.re(i) * c.re(i) + c.im(i) * c.im(i);
    }
    // V.17 keeps the average power the same in every mode (within 5 %)
    assertThat(energy / c.size()).isBetween(38.0, 42.5);
  }

  @ParameterizedTest
  @ValueSource(ints = {14400, 12000, 9600, 7200})
  void rotationByNinetyDegreesKeepsQBitsAndStepsY2Y1(int rate) {
    V17Constellation c = V17Constellation.forBitRate(rate);
    for (int i = 0; i < c.size(); i++) {
      int j = find(c, c.im(i), -c.re(i));
      assertThat(j).as("rotated point of %d exists", i).isGreaterThanOrEqualTo(0);
      assertThat(j >> 3).isEqualTo(i >> 3);
      assertThat((j >> 1) & 3).isEqualTo(((i >> 1) + 1) & 3);
      assertThat(j & 1).isEqualTo((i & 1) ^ 1);
    }
  }

  /**
   * Set partitioning (Ungerboeck), which is what gives the trellis code its gain: the 8 subsets
   * Y2Y1Y0 have intra-subset distance 2√2 times the constellation's minimum distance.
   */
  @ParameterizedTest
  @ValueSource(ints = {14400, 12000, 9600, 7200})
  void subsetsArePartitionedWithGrowingDistance(int rate) {
    V17Constellation c = V17Constellation.forBitRate(rate);
    double all = Double.MAX_VALUE;
    double within = Double.MAX_VALUE;
    for (int i = 0; i < c.size(); i++) {
      for (int j = i + 1; j < c.size(); j++) {
        double dr = c.re(i) - c.re(j);
        double di = c.im(i) - c.im(j);
        double d = dr * dr + di * di;
        all = Math.min(all, d);
        if ((i & 7) == (j & 7)) {
          within = Math.min(within, d);
        }
      }
    }
    assertThat(within).isEqualTo(8 * all);
  }

  @ParameterizedTest
  @ValueSource(ints = {14400, 12000, 9600, 7200})
  void trainingPointsAreTheQuarterTurnsOfA(int rate) {
    for (int p = 0; p < 4; p++) {
      int next = (p + 1) & 3;
      // B = jA, C = jB, D = jC
      assertThat(V17Constellation.TRAINING_RE[next]).isEqualTo(-V17Constellation.TRAINING_IM[p]);
      assertThat(V17Constellation.TRAINING_IM[next]).isEqualTo(V17Constellation.TRAINING_RE[p]);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {14400, 12000, 9600, 7200})
  void nearestPerSubsetAgreesWithBruteForce(int rate) {
    V17Constellation c = V17Constellation.forBitRate(rate);
    java.util.Random r = new java.util.Random(rate);
    double[] d = new double[8];
    int[] l = new int[8];
    for (int t = 0; t < 20000; t++) {
      double x = (r.nextDouble() - 0.5) * 22;
      double y = (r.nextDouble() - 0.5) * 22;
      c.nearestPerSubset(x, y, d, l);
      for (int k = 0; k < 8; k++) {
        double best = Double.MAX_VALUE;
        for (int p = k; p < c.size(); p += 8) {
          best = Math.min(best, (x - c.re(p)) * (x - c.re(p)) + (y - c.im(p)) * (y - c.im(p)));
        }
        assertThat(d[k]).as("(%f, %f) subset %d", x, y, k).isCloseTo(best, within(1e-9));
      }
    }
  }

  @org.junit.jupiter.api.Test
  void fastTrigIsCloseToMath() {
    for (double x = -20; x < 20; x += 0.0137) {
      assertThat(FastTrig.sin(x)).isCloseTo(Math.sin(x), within(2e-5));
      assertThat(FastTrig.cos(x)).isCloseTo(Math.cos(x), within(2e-5));
    }
  }

  private static int find(V17Constellation c, double re, double im) {
    for (int i = 0; i < c.size(); i++) {
      if (c.re(i) == re && c.im(i) == im) {
        return i;
      }
    }
    return -1;
  }
}
