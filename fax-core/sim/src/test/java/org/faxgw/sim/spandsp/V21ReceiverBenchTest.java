package org.faxgw.sim.spandsp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Random;
import org.faxgw.modem.HdlcDecoder;
import org.faxgw.modem.HdlcEncoder;
import org.faxgw.modem.ModemListener;
import org.faxgw.modem.V21Config;
import org.faxgw.modem.V21Receiver;
import org.faxgw.modem.V21Transmitter;
import org.faxgw.sim.LineModel;
import org.faxgw.sim.LineModelConfig;
import org.junit.jupiter.api.Test;

/**
 * CPU cost of our V.21 receiver (+ HDLC decoder) beside spandsp's fsk_rx (+ hdlc_rx) on the same 60
 * s of V.21 HDLC audio at −13 dBm0 with −60 dBm0 noise (on that set-up spandsp 0.0.6's V.21
 * receiver takes about 10 ms of CPU per 60 s of audio on a 2-vCPU machine), best of 10 runs in
 * thread CPU time on both sides. Prints ns/sample and the ratio; asserts nothing. Runs only with
 * {@code -Dfaxgw.bench=true}: {@code mvn -B -ntp -DbuildDirName=target-x -pl fax-core/sim -am test
 * -Dtest=V21ReceiverBenchTest -Dsurefire.failIfNoSpecifiedTests=false -Dfaxgw.bench=true}.
 */
class V21ReceiverBenchTest {

  @Test
  void javaVersusSpandsp() throws Exception {
    assumeTrue(Boolean.getBoolean("faxgw.bench"), "set -Dfaxgw.bench=true to run");
    int n = 8000 * 60;
    short[] audio = new short[n];
    Random r = new Random(1);
    int pos = 0;
    while (pos < n) {
      HdlcEncoder enc = new HdlcEncoder(HdlcEncoder.V21_PREAMBLE_FLAGS);
      for (int i = 0; i < 5; i++) {
        byte[] f = new byte[20];
        r.nextBytes(f);
        enc.sendFrame(f);
      }
      enc.finish();
      V21Transmitter tx = new V21Transmitter(V21Config.channel2(), enc, ModemListener.IGNORE);
      int got;
      do {
        got = tx.transmit(audio, pos, Math.min(160, n - pos));
        pos += got;
      } while (got == 160 && pos < n);
      pos = Math.min(n, pos + 600);
    }
    audio = LineModel.apply(LineModelConfig.clean().withNoiseDbm0(-60), audio);
    n = audio.length;

    // thread CPU time on both sides: the machine is shared, wall time would measure the others
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long[] frames = {0};
    double best = Double.MAX_VALUE;
    for (int run = 0; run < 15; run++) {
      HdlcDecoder dec = new HdlcDecoder((f, ok) -> frames[0] += ok ? 1 : 0);
      V21Receiver rx = new V21Receiver(V21Config.channel2(), dec, ModemListener.IGNORE);
      long t0 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i += 160) {
        rx.receive(audio, i, Math.min(160, n - i));
      }
      long t1 = threads.getCurrentThreadCpuTime();
      if (run >= 5) { // after JIT warm-up
        best = Math.min(best, (t1 - t0) / (double) n);
      }
    }
    Path dir = SpandspHarness.workDir("v21-bench");
    Path raw = dir.resolve("v21-60s.raw");
    SpandspHarness.writeRaw(raw, audio);
    String out = SpandspHarness.run("spandsp_v21.c", "time", raw.toString(), "10");
    double spandsp =
        out.lines()
            .filter(l -> l.startsWith("NS_PER_SAMPLE "))
            .mapToDouble(l -> Double.parseDouble(l.substring(14)))
            .findFirst()
            .orElseThrow();
    System.out.printf(
        "V.21 receiver + HDLC, 60 s of audio: java %.2f ns/sample (%.0fx real time), "
            + "spandsp 0.0.6 fsk_rx+hdlc_rx %.2f ns/sample; java/spandsp = %.2f (frames %d, %s)%n",
        best, 125_000 / best, spandsp, best / spandsp, frames[0] / 15, out.lines().toList());
  }
}
