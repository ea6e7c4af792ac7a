package org.faxgw.modem.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NearestPointSlicerTest {
  /** Full search in index order, keeping the first of equally near points. */
  private static int bruteForce(double[] re, double[] im, double x, double y) {
    int best = 0;
    double bestD = Double.MAX_VALUE;
    for (int i = 0; i < re.length; i++) {
      double d = (x - re[i]) * (x - re[i]) + (y - im[i]) * (y - im[i]);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  @Test
  void agreesWithAFullSearchEverywhere() {
    // V.29 9600 bit/s points (Table 2) and an irregular set
    double[][] sets = {
      {3, 1, 0, -1, -3, -1, 0, 1, 5, 3, 0, -3, -5, -3, 0, 3},
      {0, 1, 3, 1, 0, -1, -3, -1, 0, 3, 5, 3, 0, -3, -5, -3},
      {0.3, -2.2, 1.7, 4.1, -0.9},
      {1.1, 0.4, -3.3, 2.2, -1.8}
    };
    Random random = new Random(29);
    for (int s = 0; s < sets.length; s += 2) {
      double[] re = sets[s];
      double[] im = sets[s + 1];
      NearestPointSlicer slicer = new NearestPointSlicer(re, im, 8.0, 128);
      for (int k = 0; k < 200_000; k++) {
        double x = random.nextGaussian() * 4;
        double y = random.nextGaussian() * 4;
        assertThat(slicer.slice(x, y)).as("%f %f", x, y).isEqualTo(bruteForce(re, im, x, y));
      }
      // on the points, on cell edges and far outside the grid
      for (int i = 0; i < re.length; i++) {
        assertThat(slicer.slice(re[i], im[i])).isEqualTo(bruteForce(re, im, re[i], im[i]));
      }
      for (double x = -9; x <= 9; x += 0.125) {
        for (double y = -9; y <= 9; y += 0.125) {
          assertThat(slicer.slice(x, y)).as("%f %f", x, y).isEqualTo(bruteForce(re, im, x, y));
        }
      }
    }
  }
}
