package org.faxgw.t30;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.Resolution;
import org.junit.jupiter.api.Test;

class BackToBackTest {

  static Capabilities caps(SignalRate rate, boolean ecm, FaxCompression coding) {
    return new Capabilities(
        EnumSet.of(rate), ecm, 256, EnumSet.of(FaxCompression.MH, coding), true, 0);
  }

  @Test
  void ecmMmrTwoFinePages() {
    List<BilevelPage> pages =
        List.of(BackToBack.page(2, Resolution.FINE, 400), BackToBack.page(3, Resolution.FINE, 400));
    BackToBack.Outcome o =
        BackToBack.run(
            pages, caps(SignalRate.V17_14400, true, FaxCompression.MMR), Capabilities.full());
    System.out.println(o.ladder());
    assertThat(o.sender().status()).as(o.ladder()).isEqualTo(FaxStatus.OK);
    assertThat(o.receiver().status()).isEqualTo(FaxStatus.OK);
    assertThat(o.pagesExact(pages)).isTrue();
  }

  @Test
  void oneNonEcmPageAtV17() {
    List<BilevelPage> pages = List.of(BackToBack.page(1, Resolution.NORMAL, 300));
    BackToBack.Outcome o =
        BackToBack.run(
            pages, caps(SignalRate.V17_14400, false, FaxCompression.MH), Capabilities.full());
    System.out.println(o.ladder());
    assertThat(o.sender().status()).as(o.ladder()).isEqualTo(FaxStatus.OK);
    assertThat(o.receiver().status()).isEqualTo(FaxStatus.OK);
    assertThat(o.pagesExact(pages)).isTrue();
  }
}
