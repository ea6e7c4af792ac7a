package org.faxgw.sim.v17;

import static org.assertj.core.api.Assumptions.assumeThat;

import org.faxgw.modem.V17Config;
import org.faxgw.sim.LineModelConfig;
import org.junit.jupiter.api.Test;

/**
 * Noise margin: for each rate, the lowest SNR (0.5 dB steps) at which 300 000 bits arrive without
 * error (signal −13 dBm0, white noise over 0–4 kHz; on this set-up spandsp 0.0.6 is error-free down
 * to 24/21/18/14 dB at 14400/12000/9600/7200 bit/s). Long: runs only with {@code
 * -Dfaxgw.soak=true}; prints the table.
 */
class V17NoiseMarginSoakTest {
  @Test
  void lowestErrorFreeSnr() {
    assumeThat(Boolean.getBoolean("faxgw.soak")).as("-Dfaxgw.soak=true").isTrue();
    long bits = Long.getLong("faxgw.v17.bits", 300_000);
    int[] rates = {14400, 12000, 9600, 7200};
    double[] start = {24, 21, 18, 14};
    for (int i = 0; i < rates.length; i++) {
      V17Config c = V17Config.longTrain(rates[i]).withTxPower(-13);
      StringBuilder row = new StringBuilder();
      double lowest = Double.NaN;
      for (double snr = start[i]; snr > start[i] - 8; snr -= 0.5) {
        LineModelConfig line = LineModelConfig.clean().withNoiseDbm0(-13 - snr).withSeed(7);
        V17Link link = new V17Link(c).send(c, bits, line, -1);
        long bad = link.trained() ? link.badBits(bits) : bits;
        row.append(String.format(" %.1f dB: %s;", snr, link.trained() ? "" + bad : "no train"));
        if (bad != 0) {
          break;
        }
        lowest = snr;
      }
      System.out.printf("V.17 %d: error-free down to %.1f dB |%s%n", rates[i], lowest, row);
    }
  }
}
