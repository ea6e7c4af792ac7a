package org.faxgw.modem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class V29LoopbackTest {
  @ParameterizedTest
  @ValueSource(ints = {9600, 7200, 4800})
  void cleanLoopbackHasNoErrors(int rate) {
    Loopback lb = new Loopback(20000, rate);
    V29Transmitter tx = new V29Transmitter(V29Config.of(rate), lb.source());
    V29Receiver rx = new V29Receiver(V29Config.of(rate), lb.sink(), lb.listener());
    lb.run(tx, rx, (b, n) -> {}, 10);
    System.out.println(rate + " events " + lb.events);
    int[] r = lb.errorsBestAlignment(40);
    System.out.println(
        rate + " errors " + r[0] + " shift " + r[1] + " received " + lb.receivedCount);
    assertThat(lb.events)
        .anyMatch(e -> e instanceof ModemEvent.TrainingSucceeded t && t.bitRate() == rate);
    assertThat(r[0]).isZero();
    assertThat(r[1]).isZero();
    assertThat(lb.events).anyMatch(e -> e instanceof ModemEvent.CarrierDown);
  }
}
