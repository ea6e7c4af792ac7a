package org.faxgw.bench.loopback;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.faxgw.render.FaxRenderer;
import org.faxgw.render.RenderException;
import org.faxgw.render.RenderOptions;
import org.faxgw.t30.Capabilities;
import org.faxgw.t30.FaxDirection;
import org.faxgw.t30.FaxResult;
import org.faxgw.t30.FaxRole;
import org.faxgw.t30.FaxTerminalConfig;
import org.faxgw.t30.FaxTerminalFactory;
import org.faxgw.t30.FaxTerminals;
import org.faxgw.t30.Modulation;
import org.faxgw.t30.SignalRate;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.FaxTiffWriter;
import org.faxgw.t4.Resolution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code faxgw loopback DOC...}: renders the documents as {@code faxgw render} does and faxes them
 * from one of our terminals to another, back to back in memory through a simulated line, faster
 * than real time; prints the T.30 ladder and both results, writes the received pages with {@code
 * -o}.
 */
@Command(
    name = "loopback",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    description = {
      "Fax documents from one of faxgw's T.30 terminals to another, back to back in memory",
      "(no network, faster than real time), through a simulated line with optional noise and",
      "lost 20 ms blocks. Prints the T.30 ladder of both ends and the results."
    },
    footer = {
      "",
      "--rate takes 14400, 12000, 9600, 7200 (V.17), v29-9600, v29-7200, 4800, 2400 (V.27ter)",
      "  or a name such as V17_9600; the sender offers only that rate. Default: the best.",
      "Exit codes: 0 both ends report success; 1 the call failed (reasons printed);",
      "  2 bad command line or a document that cannot be rendered."
    })
public final class LoopbackCommand implements Callable<Integer> {
  /** Codings by name. */
  public enum CodingName {
    mh(FaxCompression.MH),
    mr(FaxCompression.MR),
    mmr(FaxCompression.MMR);

    final FaxCompression coding;

    CodingName(FaxCompression c) {
      this.coding = c;
    }
  }

  /** Resolutions by name. */
  public enum ResolutionName {
    fine(Resolution.FINE),
    normal(Resolution.NORMAL);

    final Resolution resolution;

    ResolutionName(Resolution r) {
      this.resolution = r;
    }
  }

  /** yes or no. */
  public enum YesNo {
    yes,
    no
  }

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "DOC", description = "documents to fax")
  List<Path> documents;

  @Option(names = "--rate", paramLabel = "R", description = "signalling rate (see below)")
  String rate;

  @Option(names = "--ecm", defaultValue = "yes", description = "error correction mode; yes or no")
  YesNo ecm;

  @Option(
      names = "--coding",
      description = "mh, mr or mmr (mmr needs ECM); default mmr with ECM, mr without")
  CodingName coding;

  @Option(
      names = "--resolution",
      defaultValue = "fine",
      description = "fine (204x196) or normal (204x98); default ${DEFAULT-VALUE}")
  ResolutionName resolution;

  @Option(
      names = "--snr",
      paramLabel = "DB",
      description = "white noise at this SNR (against the modems' -14 dBm0); default none")
  Double snrDb;

  @Option(
      names = "--loss",
      paramLabel = "PERCENT",
      defaultValue = "0",
      description = "lose each 20 ms block of either direction with this probability")
  double lossPercent;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "seed of the noise and loss (caller's line N, answerer's N+1)")
  long seed;

  @Option(names = "--log", paramLabel = "FILE", description = "write the session logs here too")
  Path log;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE.tif",
      description = "write the received pages as a TIFF file")
  Path output;

  private final Supplier<FaxTerminalFactory> engine;

  public LoopbackCommand() {
    this(FaxTerminals::standard);
  }

  LoopbackCommand(Supplier<FaxTerminalFactory> engine) {
    this.engine = engine;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SignalRate chosen;
    try {
      chosen = rate == null ? null : parseRate(rate);
    } catch (IllegalArgumentException e) {
      return usage(err, e.getMessage());
    }
    boolean useEcm = ecm == YesNo.yes;
    FaxCompression c =
        coding != null ? coding.coding : useEcm ? FaxCompression.MMR : FaxCompression.MR;
    if (c == FaxCompression.MMR && !useEcm) {
      return usage(err, "--coding mmr needs --ecm yes (T.30 Table 2: T.6 coding only with ECM)");
    }
    if (!(lossPercent >= 0 && lossPercent <= 100)) {
      return usage(err, "--loss is a percentage, 0 to 100");
    }
    LoopbackLine line =
        new LoopbackLine(
            snrDb == null ? Double.POSITIVE_INFINITY : snrDb, lossPercent / 100.0, seed);

    List<BilevelPage> pages = new ArrayList<>();
    RenderOptions ro = RenderOptions.defaults().withResolution(resolution.resolution);
    FaxRenderer renderer = new FaxRenderer();
    for (Path d : documents) {
      if (!Files.isRegularFile(d)) {
        return usage(err, d + ": no such file");
      }
      try {
        pages.addAll(renderer.render(d, null, ro));
      } catch (RenderException e) {
        return usage(err, d.getFileName() + ": " + e.getMessage());
      }
    }

    Set<FaxCompression> codings = EnumSet.of(FaxCompression.MH, c);
    Set<SignalRate> rates = chosen == null ? EnumSet.allOf(SignalRate.class) : Set.of(chosen);
    FaxTerminalConfig senderConfig =
        new FaxTerminalConfig(
            FaxRole.CALLING,
            FaxDirection.SEND,
            "faxgw loopback tx",
            new Capabilities(rates, useEcm, 256, codings, true, 0),
            false);
    FaxTerminalConfig receiverConfig =
        new FaxTerminalConfig(
            FaxRole.CALLED,
            FaxDirection.RECEIVE,
            "faxgw loopback rx",
            new Capabilities(EnumSet.allOf(SignalRate.class), useEcm, 256, codings, true, 0),
            false);
    long t0 = System.nanoTime();
    LoopbackCall.Outcome o =
        new LoopbackCall(engine.get()).run(senderConfig, pages, receiverConfig, line);
    long ms = Math.max(1, (System.nanoTime() - t0) / 1_000_000);

    List<String> ladder = new ArrayList<>();
    for (LoopbackCall.LogLine l : o.ladder()) {
      ladder.add(
          String.format(Locale.ROOT, "%9.3f %-8s %s", l.atSample() / 8000.0, l.who(), l.text()));
    }
    ladder.forEach(out::println);
    out.println();
    out.printf(
        Locale.ROOT, "pages: %d rendered from %d document(s)%n", pages.size(), documents.size());
    out.println("caller (sends):     " + describe(o.sender()));
    out.println("answerer (receives): " + describe(o.receiver()));
    out.printf(
        Locale.ROOT,
        "line: %s, %.2f%% block loss (%d blocks lost), seed %d; call %.1f s of line time in %d ms"
            + " (%.0fx real time)%n",
        Double.isInfinite(line.snrDb()) ? "no noise" : "SNR " + line.snrDb() + " dB",
        lossPercent,
        o.lostBlocks(),
        seed,
        o.samples() / 8000.0,
        ms,
        o.samples() / 8.0 / ms);
    out.flush();
    if (log != null) {
      try {
        Files.write(log, ladder, StandardCharsets.UTF_8);
      } catch (IOException e) {
        err.println("faxgw loopback: cannot write " + log + ": " + e.getMessage());
      }
    }
    if (output != null && !o.received().isEmpty()) {
      FaxCompression fileCoding =
          o.receiver() != null && o.receiver().dataFormat() != null
              ? o.receiver().dataFormat()
              : FaxCompression.MH;
      try (OutputStream os = Files.newOutputStream(output)) {
        FaxTiffWriter.write(o.received(), fileCoding, os);
      } catch (IOException e) {
        err.println("faxgw loopback: cannot write " + output + ": " + e.getMessage());
        err.flush();
        return 1;
      }
      out.printf(Locale.ROOT, "%s: %d page(s) received%n", output, o.received().size());
      out.flush();
    }
    boolean exact = o.received().equals(pages);
    if (o.success() && !exact) {
      err.println("faxgw loopback: both ends report success but the received pages differ");
      err.flush();
      return 1;
    }
    return o.success() ? 0 : 1;
  }

  static String describe(FaxResult r) {
    if (r == null) {
      return "did not finish";
    }
    StringBuilder b = new StringBuilder();
    b.append(r.success() ? "OK" : "FAILED: " + r.status().text());
    if (!r.detail().isEmpty()) {
      b.append(" (").append(r.detail()).append(')');
    }
    b.append(", ").append(r.pages()).append(" page(s)");
    if (r.rate() != null) {
      b.append(", ").append(r.rate().label());
    }
    if (r.dataFormat() != null) {
      b.append(", ").append(r.dataFormat());
    }
    if (r.resolution() != null) {
      b.append(", ").append(r.resolution().yDpi() >= 196 ? "fine" : "normal");
    }
    b.append(r.ecm() ? ", ECM" : ", no ECM");
    if (!r.remoteId().isEmpty()) {
      b.append(", remote \"").append(r.remoteId()).append('"');
    }
    b.append(String.format(Locale.ROOT, ", %.1f s", r.durationSamples() / 8000.0));
    if (r.badRows() > 0) {
      b.append(", ").append(r.badRows()).append(" bad rows");
    }
    return b.toString();
  }

  /** 14400, 12000, 9600, 7200 (V.17), v29-9600, v29-7200, 4800, 2400, or a {@link SignalRate}. */
  static SignalRate parseRate(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT).replace(".", "").replace('-', '_');
    for (SignalRate r : SignalRate.values()) {
      if (r.name().equals(t)) {
        return r;
      }
    }
    Modulation family = null;
    if (t.startsWith("V29_")) {
      family = Modulation.V29;
      t = t.substring(4);
    } else if (t.startsWith("V17_")) {
      family = Modulation.V17;
      t = t.substring(4);
    } else if (t.startsWith("V27TER_")) {
      family = Modulation.V27TER;
      t = t.substring(7);
    }
    int bps;
    try {
      bps = Integer.parseInt(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("unknown rate: " + text);
    }
    // SignalRate's order puts V.17 before V.29 at 9600 and 7200: plain numbers mean V.17
    for (SignalRate r : SignalRate.values()) {
      if (r.bitsPerSecond() == bps && (family == null || r.modulation() == family)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown rate: " + text);
  }

  private static int usage(PrintWriter err, String why) {
    err.println("faxgw loopback: " + why);
    err.flush();
    return 2;
  }
}
