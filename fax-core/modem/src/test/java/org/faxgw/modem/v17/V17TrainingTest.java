package org.faxgw.modem.v17;

import static org.assertj.core.api.Assertions.assertThat;

import org.faxgw.modem.dsp.Scrambler;
import org.junit.jupiter.api.Test;

class V17TrainingTest {
  @Test
  void segmentTwoStartsWithCdcd() {
    Scrambler s = V17Training.newScrambler();
    s.setRegister(V17Training.TRAINING_SEED);
    int[] first = new int[4];
    for (int i = 0; i < 4; i++) {
      first[i] = V17Training.segment2Point(s);
    }
    assertThat(first).containsExactly(2, 3, 2, 3);
  }

  @Test
  void bridgeStepsAreQuarterTurnsFromThePreviousPoint() {
    Scrambler s = V17Training.newScrambler();
    s.setRegister(V17Training.TRAINING_SEED);
    int point = 0;
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int k = 0; k < V17Training.SEGMENT_3; k++) {
      int next = V17Training.bridgePoint(s, k, point);
      seen.add((next - point) & 3);
      point = next;
    }
    assertThat(seen).isSubsetOf(0, 1, 2, 3).hasSizeGreaterThan(1);
  }
}
