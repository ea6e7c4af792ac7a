package org.faxgw.sim.xcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.faxgw.sim.LineModel;
import org.faxgw.sim.LineModelConfig;
import org.faxgw.sim.spandsp.SpandspHarness;
import org.junit.jupiter.api.Test;

/**
 * Noise thresholds of our receivers and libspandsp's, measured in one run on the same audio: our
 * transmitter sends 50 000 random bits through the line model (white noise −50 dBm0 over 0–4 kHz,
 * signal level = noise + SNR, seed 1), at SNRs from threshold + 4 dB down in 1 dB steps; both
 * receivers (spandsp's with its fax front end's squelch, −45.5 dBm0; ours with the default, on at
 * −43 dBm0) decode each file. A receiver's threshold is the lowest SNR down to which every file
 * trained and arrived without a bit error. Printed as a table; ours must be at least as good at
 * every rate (a quality assertion).
 */
class NoiseThresholdTest {
  static final int BITS = 50_000;
  static final int STEPS = 11;

  @Test
  void oursAtLeastAsGoodAsSpandspOnTheSameAudio() throws Exception {
    Path dir = SpandspHarness.workDir("noise-thresholds");
    List<Modem> modems = new ArrayList<>();
    List<short[]> audio = new ArrayList<>();
    List<Double> snrs = new ArrayList<>();
    List<String> sent = new ArrayList<>();
    List<Boolean> ours = new ArrayList<>();
    for (Modem m : Modem.values()) {
      String bits = Modem.randomBits(BITS, m.ordinal() + 77);
      short[] clean = m.burst(bits);
      for (int s = 0; s < STEPS; s++) {
        double snr = m.thresholdDb + 4 - s;
        LineModelConfig line =
            LineModelConfig.clean()
                .withGainDb(Modem.NOISE_DBM0 + snr - Modem.LEVEL_DBM0)
                .withNoiseDbm0(Modem.NOISE_DBM0)
                .withSeed(1);
        short[] a = LineModel.apply(line, clean);
        Modem.Received r = m.receive(a);
        ours.add(r.trainings() == 1 && SpandspModems.errorsExact(bits, r.bits()) == 0);
        modems.add(m);
        audio.add(a);
        snrs.add(snr);
        sent.add(bits);
      }
    }
    List<SpandspModems.Decoded> theirs = SpandspModems.decode(dir, modems, audio);
    System.out.println(
        "noise threshold (dB SNR, error-free in " + BITS + " bits from there up), same audio:");
    System.out.printf(
        "  %-12s %6s %8s   per SNR (ours/spandsp, + = error-free)%n", "modem", "ours", "spandsp");
    List<String> worse = new ArrayList<>();
    for (int i = 0; i < Modem.values().length; i++) {
      Modem m = Modem.values()[i];
      double oursAt = Double.NaN;
      double theirsAt = Double.NaN;
      boolean oursOk = true;
      boolean theirsOk = true;
      StringBuilder row = new StringBuilder();
      for (int s = 0; s < STEPS; s++) {
        int k = i * STEPS + s;
        boolean t =
            theirs.get(k).trainings() > 0
                && SpandspModems.errorsAligned(sent.get(k), theirs.get(k).bits()) == 0;
        oursOk &= ours.get(k);
        theirsOk &= t;
        if (oursOk) {
          oursAt = snrs.get(k);
        }
        if (theirsOk) {
          theirsAt = snrs.get(k);
        }
        row.append(
            String.format(" %.0f:%s%s", snrs.get(k), ours.get(k) ? "+" : "-", t ? "+" : "-"));
      }
      System.out.printf("  %-12s %6.0f %8.0f  %s%n", m, oursAt, theirsAt, row);
      if (!(oursAt <= theirsAt) && !Double.isNaN(theirsAt)) {
        worse.add(m + ": ours " + oursAt + " dB, spandsp " + theirsAt + " dB");
      }
    }
    assertThat(worse).as("rates where our threshold is higher than spandsp's").isEmpty();
  }
}
