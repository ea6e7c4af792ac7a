package org.faxgw.sim.xcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.faxgw.sim.LineModel;
import org.faxgw.sim.LineModelConfig;
import org.faxgw.sim.spandsp.SpandspHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Carrier frequency offset (V.29 1.1 and V.27ter 2.1: the received carrier may be off by ±7 Hz;
 * V.17 likewise): our transmitter → line model (offset, white noise, seed) → both our receiver and
 * libspandsp's on the same audio. The noise floor is −50 dBm0 (7 dB under the carrier-on level of
 * both receivers, as on a real line) and the signal level sets the SNR. Wherever libspandsp trains
 * and decodes every bit, ours must too. CI runs a sample of 20 cases (including the offsets that
 * used to fail); {@code -Dfaxgw.soak=true} sweeps −7…+7 Hz in 0.5 Hz steps × 5 noise seeds × {30
 * dB, threshold + 3 dB} for every rate.
 */
class CarrierOffsetTest {
  static final int BITS = 2000;

  record Case(Modem modem, double offsetHz, long seed, double snrDb) {
    short[] audio(String bits) {
      LineModelConfig line =
          LineModelConfig.clean()
              .withGainDb(Modem.NOISE_DBM0 + snrDb - Modem.LEVEL_DBM0)
              .withFrequencyOffsetHz(offsetHz)
              .withNoiseDbm0(Modem.NOISE_DBM0)
              .withSeed(seed);
      return LineModel.apply(line, modem.burst(bits));
    }

    @Override
    public String toString() {
      return String.format("%s %+.1f Hz seed %d %.0f dB", modem, offsetHz, seed, snrDb);
    }
  }

  @Test
  void sampleOfTwentyCases() throws Exception {
    List<Case> cases = new ArrayList<>();
    // the offsets and rates found failing (issue 10), then one case of every other rate
    cases.add(new Case(Modem.V29_9600, 3.0, 1, 30));
    cases.add(new Case(Modem.V29_9600, -3.0, 2, 30));
    cases.add(new Case(Modem.V29_7200, 3.0, 3, 30));
    cases.add(new Case(Modem.V29_7200, -3.0, 4, 30));
    cases.add(new Case(Modem.V29_9600, 2.5, 5, Modem.V29_9600.thresholdDb + 3));
    cases.add(new Case(Modem.V27TER_4800, 0.5, 1, 30));
    cases.add(new Case(Modem.V27TER_4800, -0.5, 2, 30));
    cases.add(new Case(Modem.V27TER_4800, 2.0, 3, 30));
    cases.add(new Case(Modem.V27TER_4800, 3.0, 4, 30));
    cases.add(new Case(Modem.V27TER_4800, 3.5, 5, Modem.V27TER_4800.thresholdDb + 3));
    cases.add(new Case(Modem.V27TER_2400, 0.5, 1, 30));
    cases.add(new Case(Modem.V27TER_2400, -0.5, 2, 30));
    cases.add(new Case(Modem.V27TER_2400, -6.5, 3, Modem.V27TER_2400.thresholdDb + 3));
    cases.add(new Case(Modem.V29_4800, 5.0, 4, 30));
    cases.add(new Case(Modem.V29_4800, -7.0, 2, Modem.V29_4800.thresholdDb + 3));
    cases.add(new Case(Modem.V17_14400, 2.0, 1, 30));
    cases.add(new Case(Modem.V17_14400, -5.5, 2, Modem.V17_14400.thresholdDb + 3));
    cases.add(new Case(Modem.V17_12000, 7.0, 3, 30));
    cases.add(new Case(Modem.V17_9600, -1.5, 4, Modem.V17_9600.thresholdDb + 3));
    cases.add(new Case(Modem.V17_7200, 6.5, 5, 30));
    assertThat(run("offset-sample", cases)).as("cases spandsp decodes and we do not").isEmpty();
  }

  @Test
  @EnabledIfSystemProperty(named = "faxgw.soak", matches = "true")
  void fullSweep() throws Exception {
    List<String> failures = new ArrayList<>();
    for (Modem modem : Modem.values()) {
      List<Case> cases = new ArrayList<>();
      for (int tenths = -70; tenths <= 70; tenths += 5) {
        for (long seed = 1; seed <= 5; seed++) {
          cases.add(new Case(modem, tenths / 10.0, seed, 30));
          cases.add(new Case(modem, tenths / 10.0, seed, modem.thresholdDb + 3));
        }
      }
      failures.addAll(run("offset-sweep-" + modem.spandspName + modem.rate, cases));
    }
    assertThat(failures).as("cases spandsp decodes and we do not").isEmpty();
  }

  /** Runs both receivers on every case; returns the cases spandsp decodes and we do not. */
  private static List<String> run(String name, List<Case> cases) throws Exception {
    Path dir = SpandspHarness.workDir(name);
    List<String> sent = new ArrayList<>();
    List<short[]> audio = new ArrayList<>();
    List<Modem> modems = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      String bits = Modem.randomBits(BITS, 1000 + i);
      sent.add(bits);
      audio.add(cases.get(i).audio(bits));
      modems.add(cases.get(i).modem());
    }
    List<SpandspModems.Decoded> theirs = SpandspModems.decode(dir, modems, audio);
    List<String> failures = new ArrayList<>();
    Map<String, int[]> tally = new TreeMap<>();
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      Modem.Received ours = c.modem().receive(audio.get(i));
      boolean theyDecode =
          theirs.get(i).trainings() > 0
              && SpandspModems.errorsAligned(sent.get(i), theirs.get(i).bits()) == 0;
      int ourErrors = SpandspModems.errorsExact(sent.get(i), ours.bits());
      boolean weDecode = ours.trainings() == 1 && ourErrors == 0;
      int[] t =
          tally.computeIfAbsent(
              String.format("%-11s %2.0f dB", c.modem(), c.snrDb()), k -> new int[3]);
      t[0]++;
      t[1] += theyDecode ? 1 : 0;
      t[2] += weDecode ? 1 : 0;
      if (theyDecode && !weDecode) {
        failures.add(c + ": ours " + ourErrors + " errors, " + ours.events());
      }
    }
    System.out.println(
        "carrier offset, " + name + ": cases / decoded by spandsp / decoded by ours");
    tally.forEach((k, v) -> System.out.printf("  %s  %4d %4d %4d%n", k, v[0], v[1], v[2]));
    failures.forEach(f -> System.out.println("  FAIL " + f));
    return failures;
  }
}
