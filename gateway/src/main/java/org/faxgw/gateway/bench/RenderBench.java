package org.faxgw.gateway.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.faxgw.render.FaxRenderer;
import org.faxgw.render.RenderException;
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
 * {@code faxgw bench render}: pages per second of our PDF renderer on a warm JVM beside {@code gs
 * -sDEVICE=tiffg3 -r204x196} (a whole process per document, as HylaFAX runs it) on the same file,
 * in the same run. Prints figures and ratios; asserts nothing.
 *
 * <p>Without a file it builds the research anchor's input (research/perf-anchors.md, "text.pdf"):
 * bash(1) through {@code groff -man -Tps} on A4, pages 1-10 through {@code ps2pdf}; where the bash
 * manual page is not installed, ten pages of generated groff -ms text.
 */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Pages/s of faxgw's PDF renderer (warm JVM, all cores) beside gs -sDEVICE=tiffg3 -r204x196",
      "on the same 10-page text PDF; prints the ratio."
    })
public final class RenderBench implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "PDF", description = "PDF to use (default: built)")
  Path pdf;

  @Option(names = "--warmup", defaultValue = "5", description = "warm-up passes (default 5)")
  int warmup;

  @Option(names = "--passes", defaultValue = "7", description = "timed passes (default 7)")
  int passes;

  @Option(names = "--gs-runs", defaultValue = "7", description = "timed gs runs (default 7)")
  int gsRuns;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (warmup < 0 || passes < 1 || gsRuns < 1 || passes > 1000 || gsRuns > 1000) {
      spec.commandLine().getErr().println("bench render: bad pass counts");
      return 2;
    }
    Path dir = Files.createTempDirectory("faxgw-bench-render-");
    try {
      Path input = pdf != null ? pdf : buildTextPdf(dir, out);
      RenderOptions o = RenderOptions.defaults();
      int cores = Runtime.getRuntime().availableProcessors();
      out.printf(
          Locale.ROOT,
          "input: %s (%d bytes); %d cores; JVM %s%n",
          input,
          Files.size(input),
          cores,
          System.getProperty("java.version"));
      out.flush();

      FaxRenderer parallel = new FaxRenderer();
      FaxRenderer single = new FaxRenderer(1);
      int pages = parallel.render(input, null, o).size();
      for (int i = 0; i < warmup; i++) {
        parallel.render(input, null, o);
        single.render(input, null, o);
      }
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean)
              java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      double[] parCpu = new double[passes];
      double[] par = new double[passes];
      double[] parTiff = new double[passes];
      double[] one = new double[passes];
      double[] oneCpu = new double[passes];
      long tiffBytes = 0;
      for (int i = 0; i < passes; i++) {
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        List<BilevelPage> rendered = parallel.render(input, null, o);
        long t1 = System.nanoTime();
        parCpu[i] = (os.getProcessCpuTime() - c0) / 1e6;
        ByteArrayOutputStream tiff = new ByteArrayOutputStream(1 << 20);
        FaxTiffWriter.write(rendered, FaxCompression.MH, tiff);
        long t2 = System.nanoTime();
        long c2 = os.getProcessCpuTime();
        single.render(input, null, o);
        long t3 = System.nanoTime();
        oneCpu[i] = (os.getProcessCpuTime() - c2) / 1e6;
        par[i] = (t1 - t0) / 1e6;
        parTiff[i] = (t2 - t0) / 1e6;
        one[i] = (t3 - t2) / 1e6;
        tiffBytes = tiff.size();
      }

      Path gsOut = dir.resolve("gs.tif");
      List<String> gsCmd =
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
              "-sOutputFile=" + gsOut,
              input.toString());
      double[] gs = new double[gsRuns];
      double[] gsCpu = new double[gsRuns];
      runGs(gsCmd); // warm the file cache
      for (int i = 0; i < gsRuns; i++) {
        long t0 = System.nanoTime();
        gsCpu[i] = runGs(gsCmd);
        gs[i] = (System.nanoTime() - t0) / 1e6;
      }

      out.printf(
          Locale.ROOT,
          "pages: %d; timed passes: %d after %d warm-up; gs runs: %d%n",
          pages,
          passes,
          warmup,
          gsRuns);
      line(out, "faxgw render, " + cores + " threads", par, pages);
      line(out, "faxgw render + MH TIFF encode", parTiff, pages);
      line(out, "faxgw render, 1 thread", one, pages);
      line(out, "gs -sDEVICE=tiffg3 -r204x196 (process)", gs, pages);
      out.println("CPU time (user+sys; faxgw: whole JVM incl. JIT/GC threads; gs: the process):");
      line(out, "faxgw render, " + cores + " threads, CPU", parCpu, pages);
      line(out, "faxgw render, 1 thread, CPU", oneCpu, pages);
      line(out, "gs -sDEVICE=tiffg3 -r204x196, CPU", gsCpu, pages);
      out.printf(
          Locale.ROOT,
          "MH TIFF: faxgw %d bytes/page, gs %d bytes/page%n",
          tiffBytes / pages,
          Files.size(gsOut) / pages);
      double gsMed = median(gs);
      out.printf(
          Locale.ROOT,
          "ratio (gs time / faxgw time, >1 = faxgw faster): render %.2f, render+MH %.2f,"
              + " 1 thread %.2f%n",
          gsMed / median(par),
          gsMed / median(parTiff),
          gsMed / median(one));
      out.printf(
          Locale.ROOT,
          "CPU ratio (gs CPU / faxgw CPU, >1 = faxgw cheaper): %d threads %.2f, 1 thread %.2f%n",
          cores,
          median(gsCpu) / median(parCpu),
          median(gsCpu) / median(oneCpu));
      out.flush();
      return 0;
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void line(PrintWriter out, String what, double[] ms, int pages) {
    double[] s = ms.clone();
    Arrays.sort(s);
    double med = median(ms);
    out.printf(
        Locale.ROOT,
        "%-42s %7.1f ms/doc [%.1f..%.1f]  %6.2f ms/page  %6.1f pages/s%n",
        what,
        med,
        s[0],
        s[s.length - 1],
        med / pages,
        pages * 1000.0 / med);
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** Runs gs under bash and returns its CPU time in ms (bash's {@code times}: children's). */
  private static double runGs(List<String> cmd) throws IOException, InterruptedException {
    List<String> sh =
        new ArrayList<>(List.of("bash", "-c", "\"$@\" >/dev/null 2>&1 || exit $?; times", "bash"));
    sh.addAll(cmd);
    Process p = new ProcessBuilder(sh).redirectErrorStream(true).start();
    byte[] text = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("gs did not finish in 120 s");
    }
    if (p.exitValue() != 0) {
      throw new IOException("gs failed with exit code " + p.exitValue() + ": " + cmd);
    }
    // second line of `times`: children's user and system time, e.g. "0m0.140s 0m0.016s"
    String[] lines =
        new String(text, java.nio.charset.StandardCharsets.US_ASCII).strip().split("\n");
    double ms = 0;
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d+)m([\\d.]+)s").matcher(lines[lines.length - 1]);
    while (m.find()) {
      ms += Long.parseLong(m.group(1)) * 60_000 + Double.parseDouble(m.group(2)) * 1000;
    }
    return ms;
  }

  /** The anchor's text.pdf: bash(1) pages 1-10, or generated -ms text. */
  static Path buildTextPdf(Path dir, PrintWriter out)
      throws IOException, InterruptedException, RenderException {
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
    Path ps = dir.resolve("text.ps");
    run(dir, ps, "groff", macros, "-Tps", "-dpaper=a4", "-P-pa4", src.toString());
    Path pdf = dir.resolve("text.pdf");
    run(dir, null, "ps2pdf", "-dLastPage=10", "-sPAPERSIZE=a4", ps.toString(), pdf.toString());
    return pdf;
  }

  private static void run(Path dir, Path stdout, String... cmd)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.redirectOutput(
        stdout == null
            ? ProcessBuilder.Redirect.DISCARD
            : ProcessBuilder.Redirect.to(stdout.toFile()));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IOException(
          cmd[0] + " is not installed (bin/install-test-deps): " + e.getMessage(), e);
    }
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(cmd[0] + " did not finish in 120 s");
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: exit " + p.exitValue());
    }
  }
}
