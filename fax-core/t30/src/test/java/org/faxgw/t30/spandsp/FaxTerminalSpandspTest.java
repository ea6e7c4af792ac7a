package org.faxgw.t30.spandsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * libspandsp 0.0.6 as the far machine (issue 11 acceptance "spandsp as the far machine"): we send
 * and spandsp receives, spandsp sends and we receive, at every modem and rate spandsp offers (V.17
 * 14400/12000/9600/7200, V.29 9600/7200, V.27ter 4800/2400), ECM on and off. Both sides report
 * success, at the rate asked for, and the pages arrive bit for bit.
 */
class FaxTerminalSpandspTest {

  static Stream<Arguments> matrix() {
    List<Arguments> list = new ArrayList<>();
    for (SignalRate rate : SignalRate.values()) {
      for (boolean ecm : new boolean[] {false, true}) {
        list.add(Arguments.of(rate, ecm));
      }
    }
    return list.stream();
  }

  /** Pages of one call: fine with ECM (MMR), normal without (MR), so both resolutions are used. */
  static List<BilevelPage> pages(SignalRate rate, boolean ecm) {
    return TestDocuments.pages(
        1, ecm ? Resolution.FINE : Resolution.NORMAL, 100 + rate.ordinal() * 2 + (ecm ? 1 : 0));
  }

  static Capabilities ours(Set<SignalRate> rates, boolean ecm) {
    return new Capabilities(rates, ecm, 256, EnumSet.allOf(FaxCompression.class), true, 0);
  }

  @ParameterizedTest(name = "{0} ecm={1}")
  @MethodSource("matrix")
  void weSendSpandspReceives(SignalRate rate, boolean ecm) throws Exception {
    SpandspAvailability.assumeAvailable();
    var factory = FaxTerminals.standard();
    Path dir = SpandspHarness.workDir("t30-we-send-" + rate + "-" + ecm);
    List<BilevelPage> pages = pages(rate, ecm);
    Path rx = dir.resolve("spandsp-rx.tif");
    var outcome =
        FarMachineCall.run(
            factory,
            new FaxTerminalConfig(
                FaxRole.CALLING, FaxDirection.SEND, "faxgw", ours(Set.of(rate), ecm), false),
            pages,
            SpandspFaxSpec.of(FaxRole.CALLED, FaxDirection.RECEIVE, ecm, rx)
                .withRecord(dir.resolve("spandsp-tx.raw")),
            dir,
            "spandsp");
    assertThat(outcome.ours()).as(outcome::describe).isNotNull();
    assertThat(outcome.ours().success()).as(outcome::describe).isTrue();
    assertThat(outcome.theirs().ok()).as(outcome::describe).isTrue();
    assertThat(outcome.ours().pages()).as(outcome::describe).isEqualTo(1);
    assertThat(outcome.ours().rate()).as(outcome::describe).isEqualTo(rate);
    assertThat(outcome.ours().ecm()).as(outcome::describe).isEqualTo(ecm);
    assertThat(outcome.theirs().pagesReceived()).as(outcome::describe).isEqualTo(1);
    assertThat(outcome.theirs().bitRate()).as(outcome::describe).isEqualTo(rate.bitsPerSecond());
    assertThat(outcome.theirs().ecm()).as(outcome::describe).isEqualTo(ecm);
    assertThat(TestDocuments.readTiff(rx)).containsExactlyElementsOf(pages);
  }

  @ParameterizedTest(name = "{0} ecm={1}")
  @MethodSource("matrix")
  void spandspSendsWeReceive(SignalRate rate, boolean ecm) throws Exception {
    SpandspAvailability.assumeAvailable();
    var factory = FaxTerminals.standard();
    Path dir = SpandspHarness.workDir("t30-spandsp-sends-" + rate + "-" + ecm);
    List<BilevelPage> pages = pages(rate, ecm);
    Path tx = TestDocuments.writeTiff(dir.resolve("spandsp-tx.tif"), pages);
    var outcome =
        FarMachineCall.run(
            factory,
            new FaxTerminalConfig(
                FaxRole.CALLED,
                FaxDirection.RECEIVE,
                "faxgw",
                ours(EnumSet.allOf(SignalRate.class), ecm),
                false),
            null,
            SpandspFaxSpec.of(FaxRole.CALLING, FaxDirection.SEND, ecm, tx)
                .withRate(rate)
                .withRecord(dir.resolve("spandsp-tx.raw")),
            dir,
            "spandsp");
    assertThat(outcome.ours()).as(outcome::describe).isNotNull();
    assertThat(outcome.ours().success()).as(outcome::describe).isTrue();
    assertThat(outcome.theirs().ok()).as(outcome::describe).isTrue();
    assertThat(outcome.theirs().pagesSent()).as(outcome::describe).isEqualTo(1);
    assertThat(outcome.ours().pages()).as(outcome::describe).isEqualTo(1);
    assertThat(outcome.ours().rate()).as(outcome::describe).isEqualTo(rate);
    assertThat(outcome.ours().ecm()).as(outcome::describe).isEqualTo(ecm);
    assertThat(outcome.received()).containsExactlyElementsOf(pages);
  }
}
