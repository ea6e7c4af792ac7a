package org.faxgw.t30.spandsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.faxgw.sim.LineModelConfig;
import org.faxgw.sim.spandsp.SpandspHarness;
import org.faxgw.t30.Capabilities;
import org.faxgw.t30.FaxDirection;
import org.faxgw.t30.FaxRole;
import org.faxgw.t30.FaxTerminalConfig;
import org.faxgw.t30.FaxTerminalFactory;
import org.faxgw.t30.SignalRate;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.Resolution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Figures, printed, not asserted (run with {@code -Dfaxgw.bench=true}): success under random loss
 * of 20 ms blocks, V.17 14400 ECM, 3 pages, 100 seeded calls at 0.5% and 1%, for two libspandsp
 * terminals and for two of ours on the very same loss patterns (seed S+2i for the caller's line,
 * S+2i+1 for the answerer's, drawn as {@code LineModel} draws them). A call succeeds when both ends
 * report success and every page arrived (ours: bit-exact).
 */
@EnabledIfSystemProperty(named = "faxgw.bench", matches = "true")
class LossFiguresBench {
  static final int CALLS = Integer.getInteger("faxgw.loss.calls", 100);
  static final long SEED = 1;

  @Test
  void printSpandspAndOurSuccessesUnderBlockLoss() throws Exception {
    SpandspAvailability.assumeAvailable();
    Path dir = SpandspHarness.workDir("t30-loss-figures");
    List<BilevelPage> pages = TestDocuments.pages(3, Resolution.FINE, 700);
    Path tx = TestDocuments.writeTiff(dir.resolve("tx.tif"), pages);
    Set<FaxCompression> codings = EnumSet.allOf(FaxCompression.class);
    FaxTerminalFactory factory = Engine.standard();
    for (double loss : new double[] {0.005, 0.01}) {
      var spandsp =
          SpandspBackToBack.run(
              tx, dir.resolve("rx.tif"), true, SignalRate.V17_14400, codings, loss, SEED, CALLS);
      assertThat(spandsp.calls()).hasSize(CALLS);
      int ours = 0;
      for (int i = 0; i < CALLS; i++) {
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
                LineModelConfig.clean().withBlockLossRate(loss).withSeed(SEED + 2L * i),
                LineModelConfig.clean().withBlockLossRate(loss).withSeed(SEED + 2L * i + 1));
        ours += o.success(pages) ? 1 : 0;
      }
      System.out.printf(
          "block loss %.1f%%, V.17 14400 ECM, 3 fine pages, %d seeded calls: spandsp<->spandsp"
              + " %d/%d succeed, ours<->ours %d/%d%n",
          loss * 100, CALLS, spandsp.successes(), CALLS, ours, CALLS);
    }
  }
}
