package org.faxgw.modem.v17;

import static org.assertj.core.api.Assertions.assertThat;

import org.faxgw.modem.ModemEvent;
import org.faxgw.modem.V17Config;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Transmitter straight into receiver (quick; the impaired-line tests live in fax-core/sim). */
class V17LoopbackTest {
  @ParameterizedTest
  @ValueSource(ints = {14400, 12000, 9600, 7200})
  void longTrainThenDataWithoutErrors(int rate) {
    LoopHarness h = new LoopHarness();
    h.run(V17Config.longTrain(rate), 20000, 40, rate);
    assertThat(h.events).anyMatch(e -> e instanceof ModemEvent.TrainingSucceeded);
    assertThat(h.receivedCount).isGreaterThanOrEqualTo(20000);
    assertThat(h.errors()).isZero();
    assertThat(h.txEvents).singleElement().isInstanceOf(ModemEvent.TransmitComplete.class);
    assertThat(h.events.get(h.events.size() - 1)).isInstanceOf(ModemEvent.CarrierDown.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {14400, 12000, 9600, 7200})
  void shortTrainAfterLongTrainReusesTheEqualizer(int rate) {
    LoopHarness h = new LoopHarness();
    h.run(V17Config.longTrain(rate), 5000, 40, 1);
    assertThat(h.errors()).isZero();
    for (int page = 0; page < 3; page++) {
      h.run(V17Config.shortTrain(rate), 10000, 40, 2 + page);
      assertThat(h.events).anyMatch(e -> e instanceof ModemEvent.TrainingSucceeded);
      assertThat(h.errors()).as("page %d", page).isZero();
    }
  }

  /** A receiver set for another rate must fail the training, not deliver garbage. */
  @ParameterizedTest
  @ValueSource(ints = {14400, 12000, 9600, 7200})
  void trainingAtAnotherRateFails(int rate) {
    int other = rate == 14400 ? 9600 : 14400;
    java.util.List<ModemEvent> events = new java.util.ArrayList<>();
    int[] bits = new int[1];
    org.faxgw.modem.V17Receiver rx =
        new org.faxgw.modem.V17Receiver(V17Config.longTrain(other), b -> bits[0]++, events::add);
    int[] left = {20000};
    org.faxgw.modem.V17Transmitter tx =
        new org.faxgw.modem.V17Transmitter(
            V17Config.longTrain(rate), () -> left[0]-- > 0 ? 0 : -1, e -> {});
    short[] block = new short[160];
    for (int guard = 0; guard < 10_000; guard++) {
      int n = tx.transmit(block, 0, 160);
      java.util.Arrays.fill(block, n, 160, (short) 0);
      rx.receive(block, 0, 160);
      if (n < 160) {
        break;
      }
    }
    assertThat(events).noneMatch(e -> e instanceof ModemEvent.TrainingSucceeded);
    assertThat(events).anyMatch(e -> e instanceof ModemEvent.TrainingFailed);
    assertThat(bits[0]).isZero();
  }
}
