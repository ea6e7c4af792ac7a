package org.faxgw.t30;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.faxgw.sim.spandsp.SpandspHarness;
import org.faxgw.t30.spandsp.SpandspBackToBack;
import org.faxgw.t30.spandsp.TestDocuments;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.Resolution;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Figures, printed, not asserted ({@code -Dfaxgw.bench=true}; issue 11 "Packet loss, where others
 * fail"): {@link PacketLossTest}'s calls (ECM, V.17 14400, its 3 fine pages, loss of 20 ms blocks
 * drawn from Random(seed) per block, the caller's line seed s, the answerer's 1000+s, s = 1..100)
 * between two of our terminals, and the same pages over the very same loss patterns between two
 * libspandsp terminals ({@code spandsp_fax b2b --seeds plain}). {@code -Dfaxgw.loss.calls=N}
 * changes the number of calls.
 */
@EnabledIfSystemProperty(named = "faxgw.bench", matches = "true")
class SpandspLossFiguresBench {
  static final int CALLS = Integer.getInteger("faxgw.loss.calls", 100);

  @ParameterizedTest(name = "loss {0} %")
  @ValueSource(doubles = {0.5, 1.0})
  void printOursBesideSpandspOnTheSameLossPatterns(double percent) throws Exception {
    try {
      SpandspHarness.compile("spandsp_fax.c");
    } catch (IllegalStateException e) {
      Assumptions.abort(e.getMessage());
    }
    List<BilevelPage> pages = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      pages.add(BackToBack.page(200 + p, Resolution.FINE, 240));
    }
    Capabilities caps =
        new Capabilities(
            EnumSet.of(SignalRate.V17_14400),
            true,
            256,
            EnumSet.allOf(FaxCompression.class),
            true,
            0);
    int ours = 0;
    for (int seed = 1; seed <= CALLS; seed++) {
      BackToBack.Outcome o =
          BackToBack.run(
              pages,
              caps,
              Capabilities.full(),
              BackToBack.loss(percent / 100, seed),
              BackToBack.loss(percent / 100, 1000 + seed));
      if (o.sender().success() && o.receiver().success() && o.pagesExact(pages)) {
        ours++;
      }
    }
    Path dir = SpandspHarness.workDir("t30-loss-figures-" + percent);
    Path tx = TestDocuments.writeTiff(dir.resolve("tx.tif"), pages);
    var spandsp =
        SpandspBackToBack.run(
            tx,
            dir.resolve("rx.tif"),
            true,
            SignalRate.V17_14400,
            EnumSet.allOf(FaxCompression.class),
            percent / 100,
            SpandspBackToBack.Seeds.PLAIN,
            1,
            CALLS);
    assertThat(spandsp.calls()).hasSize(CALLS);
    System.out.printf(
        "block loss %.1f %%, ECM V.17 14400, 3 fine pages of 240 rows, %d seeded calls (same loss"
            + " patterns): ours<->ours %d/%d complete with exact pages, spandsp<->spandsp %d/%d%n",
        percent, CALLS, ours, CALLS, spandsp.successes(), CALLS);
  }
}
