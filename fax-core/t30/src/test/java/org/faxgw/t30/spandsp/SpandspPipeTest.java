package org.faxgw.t30.spandsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.faxgw.sim.spandsp.SpandspHarness;
import org.faxgw.t30.FaxDirection;
import org.faxgw.t30.FaxRole;
import org.faxgw.t30.SignalRate;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.Resolution;
import org.junit.jupiter.api.Test;

/**
 * The pipe driver itself, with spandsp at both ends: two {@code spandsp_fax term} processes joined
 * by {@link SpandspFax#exchange} in lock step make the same call as the in-process {@code b2b}
 * mode, pages exact, in the same number of samples within a block or two.
 */
class SpandspPipeTest {

  @Test
  void twoSpandspTerminalsThroughPipesMakeTheCallOfTheBackToBackMode() throws Exception {
    SpandspAvailability.assumeAvailable();
    Path dir = SpandspHarness.workDir("t30-spandsp-pipes");
    List<BilevelPage> pages = TestDocuments.pages(2, Resolution.FINE, 11);
    Path tx = TestDocuments.writeTiff(dir.resolve("tx.tif"), pages);
    Path rx = dir.resolve("rx.tif");
    SpandspFaxSpec caller =
        SpandspFaxSpec.of(FaxRole.CALLING, FaxDirection.SEND, true, tx)
            .withRate(SignalRate.V17_12000);
    SpandspFaxSpec answerer =
        SpandspFaxSpec.of(FaxRole.CALLED, FaxDirection.RECEIVE, true, rx)
            .withRate(SignalRate.V17_12000);
    SpandspFaxResult a;
    SpandspFaxResult b;
    try (SpandspFax sa = SpandspFax.start(caller, dir, "caller");
        SpandspFax sb = SpandspFax.start(answerer, dir, "answerer")) {
      short[] aOut = new short[SpandspFax.BLOCK];
      short[] bOut = new short[SpandspFax.BLOCK];
      // 10 minutes of line time at most
      for (int tick = 0; tick < 30_000; tick++) {
        short[] fromA = sa.exchange(bOut).clone();
        bOut = sb.exchange(aOut).clone();
        aOut = fromA;
        if (tick % 50 == 0 && sa.reachedPhaseE() && sb.reachedPhaseE()) {
          break;
        }
      }
      a = sa.finish();
      b = sb.finish();
    }
    var reference =
        SpandspBackToBack.cleanCall(
            tx,
            dir.resolve("rx-b2b.tif"),
            true,
            SignalRate.V17_12000,
            EnumSet.allOf(FaxCompression.class));
    System.out.printf(
        "spandsp<->spandsp V.17 12000 ECM 2 fine pages: through pipes caller phase E at %d,"
            + " answerer at %d samples; in-process b2b %d samples%n",
        a.phaseEAtSample(), b.phaseEAtSample(), reference.samples());
    assertThat(a.ok()).as(a.text()).isTrue();
    assertThat(b.ok()).as(b.text()).isTrue();
    assertThat(a.pagesSent()).isEqualTo(2);
    assertThat(b.pagesReceived()).isEqualTo(2);
    assertThat(b.bitRate()).isEqualTo(12000);
    assertThat(b.encoding()).isEqualTo("mmr");
    assertThat(TestDocuments.readTiff(rx)).containsExactlyElementsOf(pages);
    assertThat(reference.ok()).isTrue();
    assertThat(Math.max(a.phaseEAtSample(), b.phaseEAtSample()))
        .isBetween(reference.samples() - 2 * 160, reference.samples() + 2 * 160);
  }
}
