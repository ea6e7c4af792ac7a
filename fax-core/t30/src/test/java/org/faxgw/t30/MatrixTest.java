package org.faxgw.t30;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.Resolution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The clean-line matrix: rate × ECM × coding × resolution × pages, two of our terminals back to
 * back, every page bit-exact. In CI every rate runs with and without ECM (codings and resolutions
 * rotated so that each appears), plus 10-page calls at three rates; {@code -Dfaxgw.soak=true} runs
 * the whole matrix with 1 and 10 pages.
 */
class MatrixTest {
  static final boolean SOAK = Boolean.getBoolean("faxgw.soak");

  static Stream<Arguments> calls() {
    List<Arguments> out = new ArrayList<>();
    if (SOAK) {
      for (SignalRate r : SignalRate.values()) {
        for (boolean ecm : new boolean[] {false, true}) {
          for (FaxCompression c : FaxCompression.values()) {
            if (c == FaxCompression.MMR && !ecm) {
              continue;
            }
            for (boolean fine : new boolean[] {false, true}) {
              out.add(Arguments.of(r, ecm, c, fine, 1));
              out.add(Arguments.of(r, ecm, c, fine, 10));
            }
          }
        }
      }
      return out.stream();
    }
    FaxCompression[] nonEcm = {FaxCompression.MH, FaxCompression.MR};
    FaxCompression[] withEcm = {FaxCompression.MMR, FaxCompression.MR, FaxCompression.MH};
    int i = 0;
    for (SignalRate r : SignalRate.values()) {
      out.add(Arguments.of(r, false, nonEcm[i % 2], i % 2 == 0, 1));
      out.add(Arguments.of(r, true, withEcm[i % 3], i % 2 == 1, 1));
      i++;
    }
    out.add(Arguments.of(SignalRate.V17_14400, true, FaxCompression.MMR, true, 10));
    out.add(Arguments.of(SignalRate.V29_9600, false, FaxCompression.MR, false, 10));
    out.add(Arguments.of(SignalRate.V27TER_4800, true, FaxCompression.MH, false, 10));
    return out.stream();
  }

  @ParameterizedTest(name = "{0} ecm={1} {2} fine={3} pages={4}")
  @MethodSource("calls")
  void everyPageArrivesExact(
      SignalRate rate, boolean ecm, FaxCompression coding, boolean fine, int pageCount) {
    Resolution res = fine ? Resolution.FINE : Resolution.NORMAL;
    List<BilevelPage> pages = new ArrayList<>();
    for (int p = 0; p < pageCount; p++) {
      pages.add(BackToBack.page(100 + p, res, fine ? 240 : 120));
    }
    Capabilities send =
        new Capabilities(
            EnumSet.of(rate), ecm, 256, EnumSet.of(FaxCompression.MH, coding), fine, 0);
    BackToBack.Outcome o = BackToBack.run(pages, send, Capabilities.full());
    System.out.printf(
        "matrix %s ecm=%s %s fine=%s pages=%d: call %.2f s (sender %d samples)%n",
        rate, ecm, coding, fine, pageCount, o.samples() / 8000.0, o.sender().durationSamples());
    assertThat(o.sender().status()).as(o.ladder()).isEqualTo(FaxStatus.OK);
    assertThat(o.receiver().status()).as(o.ladder()).isEqualTo(FaxStatus.OK);
    assertThat(o.sender().rate()).isEqualTo(rate);
    assertThat(o.sender().ecm()).isEqualTo(ecm);
    assertThat(o.receiver().dataFormat()).isEqualTo(coding);
    assertThat(o.sender().pages()).isEqualTo(pageCount);
    assertThat(o.received()).hasSize(pageCount);
    for (int p = 0; p < pageCount; p++) {
      assertThat(o.received().get(p)).as("page %d", p + 1).isEqualTo(pages.get(p));
    }
  }
}
