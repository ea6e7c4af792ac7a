package org.faxgw.bench.loopback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.faxgw.bench.BenchMain;
import org.faxgw.render.FaxRenderer;
import org.faxgw.render.RenderOptions;
import org.faxgw.t30.SignalRate;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxTiffReader;
import org.faxgw.t4.Resolution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code faxgw loopback} in process: the call completes, the ladder and both results are printed,
 * and {@code -o} holds exactly the pages {@code faxgw render} makes of the documents.
 */
class LoopbackCommandTest {
  @TempDir Path dir;

  record Result(int exit, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new BenchMain()).setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  private Path text() throws Exception {
    Path txt = dir.resolve("note.txt");
    Files.writeString(
        txt, "A loopback fax from faxgw, line after line.\n".repeat(90), StandardCharsets.UTF_8);
    return txt;
  }

  @Test
  void faxesTheRenderedPagesAndWritesThemWithDashO() throws Exception {
    Path txt = text();
    Path out = dir.resolve("rx.tif");
    Path log = dir.resolve("session.log");
    Result r =
        run(
            "loopback",
            txt.toString(),
            "--rate",
            "9600",
            "--ecm",
            "no",
            "--coding",
            "mr",
            "--resolution",
            "normal",
            "--log",
            log.toString(),
            "-o",
            out.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("caller (sends):     OK")
        .contains("answerer (receives): OK")
        .contains(SignalRate.V17_9600.label())
        .contains("MR")
        .contains("no ECM")
        .contains("DCS");
    List<BilevelPage> expected =
        new FaxRenderer()
            .render(txt, null, RenderOptions.defaults().withResolution(Resolution.NORMAL));
    assertThat(expected).hasSizeGreaterThan(1);
    assertThat(FaxTiffReader.read(Files.readAllBytes(out))).containsExactlyElementsOf(expected);
    assertThat(Files.readString(log)).contains("DCS");
  }

  @Test
  void ecmCallOverALossyLineStillDeliversEveryPage() throws Exception {
    Path txt = text();
    Path out = dir.resolve("rx.tif");
    Result r =
        run("loopback", txt.toString(), "--loss", "0.5", "--seed", "7", "-o", out.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("ECM").contains("MMR").contains("0.50% block loss");
    List<BilevelPage> expected = new FaxRenderer().render(txt, null, RenderOptions.defaults());
    assertThat(FaxTiffReader.read(Files.readAllBytes(out))).containsExactlyElementsOf(expected);
  }

  @Test
  void mmrWithoutEcmIsABadCommandLine() throws Exception {
    Result r = run("loopback", text().toString(), "--ecm", "no", "--coding", "mmr");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--coding mmr needs --ecm yes");
  }

  @Test
  void unknownRateIsABadCommandLine() throws Exception {
    Result r = run("loopback", text().toString(), "--rate", "33600");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unknown rate: 33600");
  }

  @Test
  void ratesByNumberNameOrFamily() {
    assertThat(LoopbackCommand.parseRate("14400")).isEqualTo(SignalRate.V17_14400);
    assertThat(LoopbackCommand.parseRate("9600")).isEqualTo(SignalRate.V17_9600);
    assertThat(LoopbackCommand.parseRate("v29-9600")).isEqualTo(SignalRate.V29_9600);
    assertThat(LoopbackCommand.parseRate("V.29-7200")).isEqualTo(SignalRate.V29_7200);
    assertThat(LoopbackCommand.parseRate("4800")).isEqualTo(SignalRate.V27TER_4800);
    assertThat(LoopbackCommand.parseRate("v27ter_2400")).isEqualTo(SignalRate.V27TER_2400);
    assertThat(LoopbackCommand.parseRate("V17_7200")).isEqualTo(SignalRate.V17_7200);
  }
}
