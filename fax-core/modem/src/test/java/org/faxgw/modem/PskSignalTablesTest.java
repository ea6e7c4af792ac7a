package org.faxgw.modem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The generated V.29 and V.27ter tables against values read off the recommendations. */
class PskSignalTablesTest {

  @Test
  void v29ConstellationIsTheTable2SignalSpace() {
    // V.29 Table 2: relative amplitudes 3 and 5 on the axes, √2 and 3√2 on the diagonals
    double[][] expected = {
      {3, 0}, {1, 1}, {0, 3}, {-1, 1}, {-3, 0}, {-1, -1}, {0, -3}, {1, -1},
      {5, 0}, {3, 3}, {0, 5}, {-3, 3}, {-5, 0}, {-3, -3}, {0, -5}, {3, -3}
    };
    for (int q1 = 0; q1 < 2; q1++) {
      for (int p = 0; p < 8; p++) {
        assertThat(V29Signal.re(p, q1)).isEqualTo(expected[q1 * 8 + p][0]);
        assertThat(V29Signal.im(p, q1)).isEqualTo(expected[q1 * 8 + p][1]);
      }
    }
    assertThat(V29Signal.dataPower(9600)).isEqualTo(13.5);
  }

  @Test
  void v29PhaseChangesAreTable1() {
    // Q2 Q3 Q4 → phase change (V.29 Table 1)
    int[][] table = {
      {0b001, 0}, {0b000, 45}, {0b010, 90}, {0b011, 135},
      {0b111, 180}, {0b110, 225}, {0b100, 270}, {0b101, 315}
    };
    for (int[] row : table) {
      assertThat(V29Signal.PHASE_STEP_3BITS[row[0]] * 45).isEqualTo(row[1]);
      assertThat(V29Signal.BITS_FOR_STEP_3[row[1] / 45]).isEqualTo(row[0]);
    }
  }

  @Test
  void v29TrainingPointsAreTable3() {
    // 9600: A (−3, 0), B (3, −3), C (3, 0), D (−3, 3); 7200: B (1, −1), D (−1, 1)
    assertThat(V29Signal.re(V29Signal.pointA(), 0)).isEqualTo(-3);
    assertThat(V29Signal.re(V29Signal.phaseB(9600), V29Signal.ampB(9600))).isEqualTo(3);
    assertThat(V29Signal.im(V29Signal.phaseB(9600), V29Signal.ampB(9600))).isEqualTo(-3);
    assertThat(V29Signal.re(V29Signal.phaseD(9600), V29Signal.ampD(9600))).isEqualTo(-3);
    assertThat(V29Signal.im(V29Signal.phaseD(9600), V29Signal.ampD(9600))).isEqualTo(3);
    assertThat(V29Signal.re(V29Signal.phaseB(7200), V29Signal.ampB(7200))).isEqualTo(1);
    assertThat(V29Signal.im(V29Signal.phaseD(7200), V29Signal.ampD(7200))).isEqualTo(1);
    assertThat(V29Signal.re(V29Signal.pointC(), 0)).isEqualTo(3);
  }

  @Test
  void v29TrainingGeneratorHasPeriod127() {
    // 1 + x^−6 + x^−7 from 0101010 is a maximal-length sequence: period 2^7 − 1
    int state = V29Signal.TRAINING_SEED;
    int start = state;
    int period = 0;
    do {
      state = V29Signal.trainingStep(state) >>> 1;
      period++;
    } while (state != start && period < 1000);
    assertThat(period).isEqualTo(127);
  }

  @Test
  void v27terPhaseChangesAreTables1And2() {
    int[][] tribits = {
      {0b001, 0}, {0b000, 45}, {0b010, 90}, {0b011, 135},
      {0b111, 180}, {0b110, 225}, {0b100, 270}, {0b101, 315}
    };
    for (int[] row : tribits) {
      assertThat(V27terSignal.PHASE_STEP_3BITS[row[0]] * 45).isEqualTo(row[1]);
    }
    // V.27ter Table 2: 00 → 0°, 01 → 90°, 11 → 180°, 10 → 270°
    assertThat(V27terSignal.PHASE_STEP_2BITS[0b00] * 45).isEqualTo(0);
    assertThat(V27terSignal.PHASE_STEP_2BITS[0b01] * 45).isEqualTo(90);
    assertThat(V27terSignal.PHASE_STEP_2BITS[0b11] * 45).isEqualTo(180);
    assertThat(V27terSignal.PHASE_STEP_2BITS[0b10] * 45).isEqualTo(270);
    for (int p = 0; p < 8; p++) {
      double r = Math.hypot(V27terSignal.re(p), V27terSignal.im(p));
      assertThat(r).isCloseTo(Math.sqrt(2), org.assertj.core.api.Assertions.within(1e-12));
    }
  }

  @Test
  void v27terTrainingSegmentsLastAsV27terSection2Point5Says() {
    // segment 1: 185–200 ms, segment 2: 20 ms
    assertThat(V27terSignal.seg1Symbols(1600) / 1600.0).isBetween(0.185, 0.200);
    assertThat(V27terSignal.seg1Symbols(1200) / 1200.0).isBetween(0.185, 0.200);
    assertThat(V27terSignal.seg2Symbols(1600) / 1600.0).isEqualTo(0.02);
    assertThat(V27terSignal.seg2Symbols(1200) / 1200.0).isEqualTo(0.02);
  }
}
