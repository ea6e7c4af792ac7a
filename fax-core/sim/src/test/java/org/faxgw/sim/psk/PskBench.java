package org.faxgw.sim.psk;

import java.nio.file.Path;
import org.faxgw.modem.BitSource;
import org.faxgw.modem.ModemTransmitter;
import org.faxgw.sim.spandsp.SpandspHarness;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CPU figures (prints only; run with {@code -Dfaxgw.soak=true}): ns per 8 kHz sample of our
 * transmitters and receivers on about 30 s of modem audio, best of 5 after a warm-up, beside
 * libspandsp 0.0.6's receiver on the same audio.
 */
@EnabledIfSystemProperty(named = "faxgw.soak", matches = "true")
class PskBench {
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"v29, 9600", "v29, 7200", "v27ter, 4800", "v27ter, 2400"})
  void nanosPerSample(String modem, int rate) throws Exception {
    String bits = PskSpandspTest.randomBits(rate).repeat(rate / 1000);
    short[] audio = PskSpandspTest.ourAudio(modem, rate, bits);
    double tx = Double.MAX_VALUE;
    double rx = Double.MAX_VALUE;
    short[] block = new short[160];
    for (int round = 0; round < 7; round++) {
      int[] pos = new int[1];
      ModemTransmitter t =
          PskSpandspTest.transmitter(
              modem,
              rate,
              () -> pos[0] < bits.length() ? bits.charAt(pos[0]++) - '0' : BitSource.END);
      long n = 0;
      long t0 = System.nanoTime();
      for (int guard = 0; guard < 1_000_000; guard++) {
        int got = t.transmit(block, 0, 160);
        n += got;
        if (got < 160) {
          break;
        }
      }
      long t1 = System.nanoTime();
      double r = PskSpandspTest.ourNanosPerSample(modem, rate, audio, 1);
      if (round >= 2) {
        tx = Math.min(tx, (t1 - t0) / (double) n);
        rx = Math.min(rx, r);
      }
    }
    Path dir = SpandspHarness.workDir("psk-bench-" + modem + rate);
    Path raw = dir.resolve("ours.raw");
    SpandspHarness.writeRaw(raw, audio, 0, audio.length);
    double theirs = Double.MAX_VALUE;
    for (int round = 0; round < 3; round++) {
      String out = SpandspHarness.run(PskSpandspTest.C, "time", modem, "" + rate, "" + raw, "5");
      theirs =
          Math.min(
              theirs, Double.parseDouble(out.replaceAll("(?s).*NS_PER_SAMPLE ([0-9.]+).*", "$1")));
    }
    System.out.printf(
        "BENCH %s %d (%.1f s of audio): tx %.1f ns/sample, rx %.1f ns/sample, spandsp rx %.1f"
            + " ns/sample (ours/spandsp %.2f)%n",
        modem, rate, audio.length / 8000.0, tx, rx, theirs, rx / theirs);
  }
}
