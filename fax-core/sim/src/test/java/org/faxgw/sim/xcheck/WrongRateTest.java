package org.faxgw.sim.xcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.faxgw.sim.LineModel;
import org.faxgw.sim.LineModelConfig;
import org.junit.jupiter.api.Test;

/**
 * A receiver set for one modem and rate, given a burst of any other (the DCS was misread, or the
 * far end changed its mind): it must report a failed training and deliver no bit, never a
 * "successful" training followed by garbage. All 72 pairs, at 30 dB SNR.
 */
class WrongRateTest {
  @Test
  void everyReceiverRejectsEveryOtherModemAndRate() {
    List<String> accepted = new ArrayList<>();
    int pairs = 0;
    for (Modem burst : Modem.values()) {
      String bits = Modem.randomBits(3000, burst.ordinal());
      LineModelConfig line =
          LineModelConfig.clean()
              .withGainDb(Modem.NOISE_DBM0 + 30 - Modem.LEVEL_DBM0)
              .withNoiseDbm0(Modem.NOISE_DBM0)
              .withSeed(burst.ordinal());
      short[] audio = LineModel.apply(line, burst.burst(bits));
      for (Modem receiver : Modem.values()) {
        if (receiver == burst) {
          continue;
        }
        pairs++;
        Modem.Received got = receiver.receive(audio);
        if (got.trainings() > 0 || got.failures() == 0 || !got.bits().isEmpty()) {
          accepted.add(
              receiver
                  + " receiver, "
                  + burst
                  + " burst: "
                  + got.bits().length()
                  + " bits, "
                  + got.events());
        }
      }
    }
    assertThat(pairs).isEqualTo(72);
    accepted.forEach(a -> System.out.println("  ACCEPTED " + a));
    assertThat(accepted).as("wrong bursts not rejected").isEmpty();
  }
}
