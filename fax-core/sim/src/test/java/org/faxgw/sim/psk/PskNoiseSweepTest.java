package org.faxgw.sim.psk;

import org.faxgw.modem.V27terConfig;
import org.faxgw.modem.V29Config;
import org.faxgw.sim.LineModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Noise-margin sweep (prints only; run with {@code -Dfaxgw.soak=true}): for each rate, the bit
 * error count of 300 000 bits at falling SNR, signal −13 dBm0.
 */
@EnabledIfSystemProperty(named = "faxgw.soak", matches = "true")
class PskNoiseSweepTest {
  @Test
  void sweep() {
    int[] rates = {9600, 7200, 4800, 2400};
    for (int rate : rates) {
      StringBuilder sb = new StringBuilder(rate + (rate >= 7200 ? " V.29" : " V.27ter") + ":");
      for (double snr = rate == 9600 ? 24 : rate == 7200 ? 19 : rate == 4800 ? 17 : 11;
          snr >= (rate == 2400 ? 5 : 10);
          snr -= 1) {
        LineModelConfig line = LineModelConfig.clean().withNoiseDbm0(-13 - snr).withSeed(42);
        PskLink link =
            rate >= 7200
                ? PskLink.v29(V29Config.of(rate).withTransmitLevel(-13))
                : PskLink.v27ter(V27terConfig.of(rate).withTransmitLevel(-13));
        link.send(300_000, line, -1);
        sb.append(
            String.format(
                " %.0fdB:%s/%d", snr, link.trained() ? "" : "NT ", link.checker.errors()));
      }
      System.out.println(sb);
    }
  }
}
