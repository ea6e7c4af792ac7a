package org.faxgw.sim.xcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.faxgw.modem.ModemEvent;
import org.faxgw.modem.ModemReceiver;
import org.faxgw.modem.ModemTransmitter;
import org.faxgw.sim.LineModel;
import org.faxgw.sim.LineModelConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A carrier cut dead in the middle of the data (a VoIP path dropping the call's audio, a far end
 * hanging up): every receiver reports {@code CarrierDown} within 30 ms of the cut and delivers no
 * bit after it. Samples are fed one at a time so that each bit has the sample it came out at.
 */
class CarrierCutTest {
  /** 30 ms at 8 kHz. */
  static final long LIMIT_SAMPLES = 240;

  @ParameterizedTest
  @EnumSource(Modem.class)
  void carrierDownWithinThirtyMillisecondsAndNoBitAfterIt(Modem modem) {
    for (int cutMs : new int[] {300, 455}) {
      Random r = new Random(modem.ordinal() * 31L + cutMs);
      ModemTransmitter tx = modem.transmitter(() -> r.nextInt(2));
      short[] audio = new short[8000 * 4];
      // long enough for every training (V.27ter 2400: 1.4 s), then cutMs of data
      int burst = 8000 * 2 - 800 + cutMs * 8;
      for (int n = 800; n < 800 + burst; n += 160) {
        tx.transmit(audio, n, Math.min(160, 800 + burst - n));
      }
      long cut = 800 + burst;
      LineModelConfig line =
          LineModelConfig.clean()
              .withGainDb(Modem.NOISE_DBM0 + 30 - Modem.LEVEL_DBM0)
              .withNoiseDbm0(Modem.NOISE_DBM0)
              .withSeed(cutMs);
      short[] received = LineModel.apply(line, audio);
      List<ModemEvent> events = new ArrayList<>();
      StringBuilder bits = new StringBuilder();
      ModemReceiver rx = modem.receiver(bits, events);
      // the sample each bit came out at: the last one after which the bit count grew
      long lastBitAt = -1;
      int seen = 0;
      for (int i = 0; i < received.length; i++) {
        rx.receive(received, i, 1);
        if (bits.length() != seen) {
          seen = bits.length();
          lastBitAt = i;
        }
      }
      assertThat(events)
          .as(modem + " " + events)
          .anyMatch(e -> e instanceof ModemEvent.TrainingSucceeded);
      ModemEvent.CarrierDown down =
          (ModemEvent.CarrierDown)
              events.stream()
                  .filter(e -> e instanceof ModemEvent.CarrierDown)
                  .findFirst()
                  .orElseThrow(() -> new AssertionError(modem + ": no CarrierDown " + events));
      // the receiver counts samples from 1: sample() of the event is the count after it
      long downAt = down.sample() - 1;
      assertThat(downAt - cut)
          .as(
              "%s cut at %d ms of data: CarrierDown %d samples after the cut",
              modem, cutMs, downAt - cut)
          .isBetween(0L, LIMIT_SAMPLES);
      assertThat(lastBitAt)
          .as(modem + ": last bit at sample, carrier down at " + downAt)
          .isLessThanOrEqualTo(downAt);
      System.out.printf(
          "%s, cut %d ms into the burst's data: CarrierDown after %.1f ms, last bit %.1f ms"
              + " before it%n",
          modem, cutMs, (downAt - cut) / 8.0, (downAt - lastBitAt) / 8.0);
    }
  }
}
