package org.faxgw.t30;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.Resolution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Random loss of 20 ms blocks in both directions (the lost audio reported through fillIn), ECM,
 * V.17 14400, 3 pages, seeded calls: 20 in CI, 100 with {@code -Dfaxgw.soak=true}. The figure is
 * printed; the targets are asserted scaled to the number of calls (≥ 95 of 100 at 0.5 %, ≥ 90 of
 * 100 at 1 %).
 */
class PacketLossTest {

  @ParameterizedTest(name = "loss {0} %")
  @CsvSource({"0.5, 95", "1.0, 90"})
  void ecmCallsSurviveLoss(double percent, int targetOf100) {
    int calls = MatrixTest.SOAK ? 100 : 20;
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
    int ok = 0;
    List<String> failures = new ArrayList<>();
    for (int seed = 1; seed <= calls; seed++) {
      BackToBack.Outcome o =
          BackToBack.run(
              pages,
              caps,
              Capabilities.full(),
              BackToBack.loss(percent / 100, seed),
              BackToBack.loss(percent / 100, 1000 + seed));
      if (o.sender().success() && o.receiver().success() && o.pagesExact(pages)) {
        ok++;
      } else {
        failures.add("seed " + seed + ": " + o.sender().status() + "/" + o.receiver().status());
      }
    }
    System.out.printf(
        "packet loss %.1f %%: %d of %d calls complete with exact pages %s%n",
        percent, ok, calls, failures);
    assertThat(ok * 100).as(failures.toString()).isGreaterThanOrEqualTo(targetOf100 * calls);
  }
}
