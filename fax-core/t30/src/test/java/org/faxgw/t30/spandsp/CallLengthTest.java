package org.faxgw.t30.spandsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Clean-line call length (issue 11 acceptance "Matrix, clean line"): two of our terminals back to
 * back take no more samples than two libspandsp terminals back to back with the same pages, rate,
 * ECM and coding, plus 2%. A call's length is the later of the two terminals' end (spandsp: phase
 * E; ours: {@code FaxResult.durationSamples}). Both figures are printed.
 */
class CallLengthTest {
  static final double MARGIN = 1.02;

  static Stream<Arguments> calls() {
    List<Arguments> list = new ArrayList<>();
    for (SignalRate rate : SignalRate.values()) {
      list.add(Arguments.of(rate, false, FaxCompression.MR, Resolution.NORMAL, 1));
      list.add(Arguments.of(rate, true, FaxCompression.MMR, Resolution.FINE, 1));
    }
    list.add(Arguments.of(SignalRate.V17_14400, false, FaxCompression.MH, Resolution.FINE, 1));
    list.add(Arguments.of(SignalRate.V17_14400, true, FaxCompression.MMR, Resolution.FINE, 10));
    list.add(Arguments.of(SignalRate.V29_9600, false, FaxCompression.MR, Resolution.NORMAL, 10));
    return list.stream();
  }

  @ParameterizedTest(name = "{0} ecm={1} {2} {3} {4} pages")
  @MethodSource("calls")
  void ourBackToBackCallIsNoLongerThanSpandspsPlusTwoPercent(
      SignalRate rate, boolean ecm, FaxCompression coding, Resolution res, int count)
      throws Exception {
    SpandspAvailability.assumeAvailable();
    var factory = FaxTerminals.standard();
    Path dir = SpandspHarness.workDir("t30-call-length-" + rate + "-" + ecm + "-" + coding + count);
    List<BilevelPage> pages = TestDocuments.pages(count, res, 500 + rate.ordinal());
    Path tx = TestDocuments.writeTiff(dir.resolve("tx.tif"), pages);
    Set<FaxCompression> codings = EnumSet.of(FaxCompression.MH, coding);
    var spandsp = SpandspBackToBack.cleanCall(tx, dir.resolve("rx.tif"), ecm, rate, codings);
    assertThat(spandsp.ok()).as("spandsp<->spandsp call").isTrue();
    var ours =
        OurBackToBack.run(
            factory,
            new FaxTerminalConfig(
                FaxRole.CALLING,
                FaxDirection.SEND,
                "faxgw sender",
                new Capabilities(Set.of(rate), ecm, 256, codings, true, 0),
                false),
            pages,
            new FaxTerminalConfig(
                FaxRole.CALLED,
                FaxDirection.RECEIVE,
                "faxgw receiver",
                new Capabilities(EnumSet.allOf(SignalRate.class), ecm, 256, codings, true, 0),
                false),
            LineModelConfig.clean(),
            LineModelConfig.clean());
    System.out.printf(
        "call length %s ecm=%s %s %s %d pages: ours %d samples (%.1f s), spandsp %d samples"
            + " (%.1f s), ours/spandsp %.4f%n",
        rate,
        ecm,
        coding,
        res,
        count,
        ours.samples(),
        ours.samples() / 8000.0,
        spandsp.samples(),
        spandsp.samples() / 8000.0,
        (double) ours.samples() / spandsp.samples());
    assertThat(ours.success(pages))
        .as("our call: %s / %s", ours.sender(), ours.receiver())
        .isTrue();
    assertThat(ours.sender().rate()).isEqualTo(rate);
    assertThat(ours.sender().dataFormat()).isEqualTo(coding);
    assertThat((double) ours.samples()).isLessThanOrEqualTo(spandsp.samples() * MARGIN);
  }
}
