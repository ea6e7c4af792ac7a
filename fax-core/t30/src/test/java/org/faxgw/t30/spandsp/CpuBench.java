package org.faxgw.t30.spandsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.faxgw.sim.LineModelConfig;
import org.faxgw.sim.spandsp.SpandspHarness;
import org.faxgw.t30.Capabilities;
import org.faxgw.t30.FaxDirection;
import org.faxgw.t30.FaxRole;
import org.faxgw.t30.FaxTerminalConfig;
import org.faxgw.t30.FaxTerminals;
import org.faxgw.t30.SignalRate;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.Resolution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * CPU benchmark, printed, not asserted ({@code -Dfaxgw.bench=true}; issue 11 "goals beyond the
 * bar"): a whole back-to-back V.17 14400 ECM call of 10 fine pages (MMR), thread CPU time of the
 * call, ours (two of our terminals in this JVM) against two libspandsp terminals ({@code
 * spandsp_fax b2b --repeat}, its own thread CPU time), median of {@link #RUNS} after a warm-up.
 */
@EnabledIfSystemProperty(named = "faxgw.bench", matches = "true")
class CpuBench {
  static final int RUNS = Integer.getInteger("faxgw.bench.runs", 5);
  static final int WARMUP = 2;

  @Test
  void printCpuPerCallOursAgainstSpandsp() throws Exception {
    SpandspAvailability.assumeAvailable();
    var factory = FaxTerminals.standard();
    Path dir = SpandspHarness.workDir("t30-cpu-bench");
    List<BilevelPage> pages = TestDocuments.pages(10, Resolution.FINE, 900);
    Path tx = TestDocuments.writeTiff(dir.resolve("tx.tif"), pages);
    Set<FaxCompression> codings = EnumSet.allOf(FaxCompression.class);
    var spandsp =
        SpandspBackToBack.cpu(tx, dir.resolve("rx.tif"), true, SignalRate.V17_14400, codings, RUNS);

    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long[] ns = new long[RUNS];
    long samples = 0;
    for (int i = -WARMUP; i < RUNS; i++) {
      long t0 = mx.getCurrentThreadCpuTime();
      var o =
          OurBackToBack.run(
              factory,
              new FaxTerminalConfig(
                  FaxRole.CALLING,
                  FaxDirection.SEND,
                  "faxgw sender",
                  new Capabilities(Set.of(SignalRate.V17_14400), true, 256, codings, true, 0),
                  false),
              pages,
              new FaxTerminalConfig(
                  FaxRole.CALLED,
                  FaxDirection.RECEIVE,
                  "faxgw receiver",
                  Capabilities.full(),
                  false),
              LineModelConfig.clean(),
              LineModelConfig.clean());
      long dt = mx.getCurrentThreadCpuTime() - t0;
      assertThat(o.success(pages)).as("bench call %d", i).isTrue();
      samples = o.samples();
      if (i >= 0) {
        ns[i] = dt;
      }
    }
    Arrays.sort(ns);
    long ours = ns[RUNS / 2];
    System.out.printf(
        "CPU per call, V.17 14400 ECM MMR, 10 fine pages, median of %d after warm-up:%n"
            + "  ours    %8.1f ms (call %.1f s of audio, %.0fx real time, min %.1f max %.1f)%n"
            + "  spandsp %8.1f ms (call %.1f s of audio, %.0fx real time, min %.1f max %.1f)%n"
            + "  ours/spandsp %.2f%n",
        RUNS,
        ours / 1e6,
        samples / 8000.0,
        samples / 8000.0 / (ours / 1e9),
        ns[0] / 1e6,
        ns[RUNS - 1] / 1e6,
        spandsp.medianNs() / 1e6,
        spandsp.samples() / 8000.0,
        spandsp.samples() / 8000.0 / (spandsp.medianNs() / 1e9),
        spandsp.minNs() / 1e6,
        spandsp.maxNs() / 1e6,
        (double) ours / spandsp.medianNs());
  }
}
