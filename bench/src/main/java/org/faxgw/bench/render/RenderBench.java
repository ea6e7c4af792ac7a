package org.faxgw.bench.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import org.faxgw.bench.ChildCpu;
import org.faxgw.bench.Exec;
import org.faxgw.bench.ScratchDir;
import org.faxgw.render.FaxRenderer;
import org.faxgw.render.RenderOptions;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.FaxTiffWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code faxgw bench render}: a document to a G3 fax TIFF on disk, like for like. Ours: a warm JVM,
 * one thread, {@link FaxRenderer} then MH encode ({@link FaxTiffWriter}) and the file written;
 * theirs: one {@code gs -sDEVICE=tiffg3 -r204x196} process per document, as HylaFAX runs it,
 * writing its TIFF beside ours. Both sides are timed in CPU time (user + system): ours the JVM
 * process, gs the reaped child ({@link ChildCpu}). Wall times are printed beside. Asserts nothing.
 *
 * <p>Without a file it builds a ten-page text PDF: bash(1) through {@code groff -man -Tps} on A4,
 * pages 1-10 through {@code ps2pdf}; where the bash manual page is not installed, ten pages of
 * generated groff -ms text.
 */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "CPU time of faxgw's render + MH encode + file write (warm JVM, one thread) beside one",
      "gs -sDEVICE=tiffg3 -r204x196 process per document, on the same PDF; prints the ratio."
    })
public final class RenderBench implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "PDF", description = "PDF to use (default: built)")
  Path pdf;

  // 30 passes: with 5 the JIT was still compiling PDFBox and the ratio came out 0.54 instead of
  // 0.72.
  @Option(names = "--warmup", defaultValue = "30", description = "warm-up passes (default 30)")
  int warmup;

  @Option(names = "--passes", defaultValue = "9", description = "timed passes (default 9)")
  int passes;

  @Option(names = "--gs-runs", defaultValue = "9", description = "timed gs runs (default 9)")
  int gsRuns;

  /** Medians of one side, in milliseconds per document. */
  private record Side(double cpuMs, double wallMs, double minCpu, double maxCpu, long bytes) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (warmup < 0 || passes < 1 || gsRuns < 1 || passes > 1000 || gsRuns > 1000) {
      spec.commandLine().getErr().println("bench render: bad pass counts");
      return 2;
    }
    if (!ChildCpu.available()) {
      spec.commandLine().getErr().println("bench render: needs /proc (Linux) for gs's CPU time");
      return 2;
    }
    try (ScratchDir dir = ScratchDir.create("faxgw-bench-render-")) {
      Path input = pdf != null ? pdf : buildTextPdf(dir.path(), out);
      out.printf(
          Locale.ROOT,
          "input: %s (%d bytes); %d cores; JVM %s; load average now %.1f%n",
          input,
          Files.size(input),
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      out.flush();
      int[] pages = new int[1];
      Side ours = timeOurs(input, dir.path().resolve("faxgw.tif"), pages);
      Side gs = timeGs(input, dir.path().resolve("gs.tif"));
      int n = pages[0];
      out.printf(
          Locale.ROOT,
          "pages: %d; faxgw: %d timed passes after %d warm-up; gs: %d timed runs after 1%n",
          n,
          passes,
          warmup,
          gsRuns);
      line(out, "faxgw render+MH encode+write, 1 thread", ours, n);
      line(out, "gs -sDEVICE=tiffg3 -r204x196, a process", gs, n);
      out.printf(
          Locale.ROOT,
          "MH TIFF: faxgw %d bytes/page, gs %d bytes/page%n",
          ours.bytes() / n,
          gs.bytes() / n);
      out.printf(
          Locale.ROOT,
          "ratio, CPU (gs CPU / faxgw CPU, >1 = faxgw cheaper): %.2f; wall (gs / faxgw): %.2f%n",
          gs.cpuMs() / ours.cpuMs(),
          gs.wallMs() / ours.wallMs());
      out.println(
          "CPU: user + system; faxgw: the whole JVM (JIT and GC threads included) over one"
              + " thread's work; gs: the child process, from /proc/self/stat (10 ms ticks).");
      out.flush();
      return 0;
    }
  }

  /** Warm render + MH encode + file write on one thread; {@code pages[0]} gets the page count. */
  private Side timeOurs(Path input, Path tiff, int[] pages) throws Exception {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    FaxRenderer single = new FaxRenderer(1);
    RenderOptions o = RenderOptions.defaults();
    for (int i = 0; i < warmup; i++) {
      pages[0] = renderToFile(single, input, o, tiff);
    }
    double[] cpu = new double[passes];
    double[] wall = new double[passes];
    for (int i = 0; i < passes; i++) {
      long c0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      pages[0] = renderToFile(single, input, o, tiff);
      wall[i] = (System.nanoTime() - t0) / 1e6;
      cpu[i] = (os.getProcessCpuTime() - c0) / 1e6;
    }
    return side(cpu, wall, Files.size(tiff));
  }

  private static int renderToFile(FaxRenderer r, Path input, RenderOptions o, Path tiff)
      throws Exception {
    List<BilevelPage> rendered = r.render(input, null, o);
    try (OutputStream os = Files.newOutputStream(tiff)) {
      FaxTiffWriter.write(rendered, FaxCompression.MH, os);
    }
    return rendered.size();
  }

  private Side timeGs(Path input, Path tiff) throws Exception {
    List<String> cmd =
        List.of(
            "gs",
            "-q",
            "-dNOPAUSE",
            "-dBATCH",
            "-dSAFER",
            "-sDEVICE=tiffg3",
            "-r204x196",
            "-sPAPERSIZE=a4",
            "-dFIXEDMEDIA",
            "-sOutputFile=" + tiff,
            input.toString());
    Path dir = tiff.getParent();
    runGs(dir, cmd); // warm the file cache
    double[] cpu = new double[gsRuns];
    double[] wall = new double[gsRuns];
    for (int i = 0; i < gsRuns; i++) {
      Exec.Result r = runGs(dir, cmd);
      cpu[i] = r.cpuNanos() / 1e6;
      wall[i] = r.wallNanos() / 1e6;
    }
    return side(cpu, wall, Files.size(tiff));
  }

  private static Exec.Result runGs(Path dir, List<String> cmd) throws Exception {
    Exec.Result r = Exec.run(dir, 120, cmd);
    if (!r.ok()) {
      throw new IOException("gs failed with exit code " + r.exit() + ": " + r.stderr().strip());
    }
    return r;
  }

  private static Side side(double[] cpu, double[] wall, long bytes) {
    double[] s = cpu.clone();
    Arrays.sort(s);
    return new Side(median(cpu), median(wall), s[0], s[s.length - 1], bytes);
  }

  private static void line(PrintWriter out, String what, Side s, int pages) {
    out.printf(
        Locale.ROOT,
        "%-42s CPU %7.1f ms/doc [%.1f..%.1f] %6.2f ms/page %6.1f pages/s | wall %7.1f ms/doc%n",
        what,
        s.cpuMs(),
        s.minCpu(),
        s.maxCpu(),
        s.cpuMs() / pages,
        pages * 1000.0 / s.cpuMs(),
        s.wallMs());
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** A ten-page text PDF: bash(1) pages 1-10, or generated -ms text. */
  static Path buildTextPdf(Path dir, PrintWriter out) throws IOException, InterruptedException {
    Path man = Path.of("/usr/share/man/man1/bash.1.gz");
    Path src = dir.resolve("text.roff");
    String macros;
    if (Files.isReadable(man)) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(man))) {
        Files.write(src, in.readAllBytes());
      }
      macros = "-man";
      out.println("building text.pdf: bash(1), groff -man -Tps A4, pages 1-10, ps2pdf");
    } else {
      StringBuilder sb = new StringBuilder(".TL\nBenchmark text\n");
      for (int p = 0; p < 120; p++) {
        sb.append(p % 8 == 0 ? ".NH\nSection " + (p / 8 + 1) + "\n" : "").append(".PP\n");
        for (int w = 0; w < 80; w++) {
          sb.append("word").append((p * 31 + w * 7) % 97).append(w % 11 == 10 ? ".\n" : " ");
        }
        sb.append('\n');
      }
      Files.writeString(src, sb);
      macros = "-ms";
      out.println("building text.pdf: bash(1) not installed; generated groff -ms text, pages 1-10");
    }
    Path psFile = dir.resolve("text.ps");
    List<String> groff = List.of("groff", macros, "-Tps", "-dpaper=a4", "-P-pa4", src.toString());
    Exec.Result ps = Exec.run(dir, 120, groff, psFile);
    if (!ps.ok()) {
      throw new IOException("groff failed (bin/install-test-deps): " + ps.stderr().strip());
    }
    Path pdf = dir.resolve("text.pdf");
    Exec.Result p2p =
        Exec.run(
            dir,
            120,
            List.of(
                "ps2pdf", "-dLastPage=10", "-sPAPERSIZE=a4", psFile.toString(), pdf.toString()));
    if (!p2p.ok()) {
      throw new IOException("ps2pdf failed: " + p2p.stderr().strip());
    }
    return pdf;
  }
}
