package org.faxgw.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.Resolution;
import org.junit.jupiter.api.Test;

class HalftoneTest {
  @Test
  void bayerMatrixIsAPermutationWithNeighboursFarApart() {
    int[] m = Halftone.bayer8();
    assertThat(Arrays.stream(m).sorted().toArray())
        .isEqualTo(java.util.stream.IntStream.range(0, 64).toArray());
    // the classic 8x8 matrix starts 0 32 8 40 2 34 10 42
    assertThat(Arrays.copyOf(m, 8)).containsExactly(0, 32, 8, 40, 2, 34, 10, 42);
  }

  @Test
  void nearBlackAndNearWhiteAreThresholded() {
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        assertThat(Halftone.black(Halftone.BLACK_AT_OR_BELOW, x, y)).isTrue();
        assertThat(Halftone.black(0, x, y)).isTrue();
        assertThat(Halftone.black(Halftone.WHITE_AT_OR_ABOVE, x, y)).isFalse();
        assertThat(Halftone.black(255, x, y)).isFalse();
      }
    }
  }

  @Test
  void midTonesGetTheirShareOfInk() {
    for (int v = 49; v < 208; v += 7) {
      int black = 0;
      for (int y = 0; y < 8; y++) {
        for (int x = 0; x < 8; x++) {
          black += Halftone.black(v, x, y) ? 1 : 0;
        }
      }
      double expected = (208.0 - v) / 160.0 * 64;
      assertThat((double) black)
          .as("grey %d", v)
          .isCloseTo(expected, org.assertj.core.data.Offset.offset(1.5));
    }
  }

  @Test
  void packsRowsMsbFirstWithBlackSet() {
    int w = 20;
    int h = 3;
    byte[] grey = new byte[w * h];
    Arrays.fill(grey, (byte) 255);
    grey[0] = 0; // row 0, x 0
    grey[w + 9] = 10; // row 1, x 9
    grey[2 * w + 19] = 0; // row 2, x 19 (in the partial last byte)
    BilevelPage p = Halftone.toPage(grey, 0, w, w, h, Resolution.FINE);
    assertThat(p.blackPixels()).isEqualTo(3);
    assertThat(p.pixel(0, 0)).isTrue();
    assertThat(p.pixel(9, 1)).isTrue();
    assertThat(p.pixel(19, 2)).isTrue();
  }
}
