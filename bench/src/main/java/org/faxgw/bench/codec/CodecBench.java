package org.faxgw.bench.codec;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.faxgw.bench.CodecCorpus;
import org.faxgw.bench.Exec;
import org.faxgw.bench.ScratchDir;
import org.faxgw.bench.codec.LibtiffCodecTimer.Timing;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.FaxTiffReader;
import org.faxgw.t4.FaxTiffWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code faxgw bench codec}: pages per CPU second of our MH, MR (K=4 at fine) and MMR coding of a
 * multi-page TIFF in memory (encode: {@link FaxTiffWriter}, decode: {@link FaxTiffReader}) beside
 * libtiff doing the same work in the same run, like for like: a C harness compiled with gcc against
 * libtiff-dev codes the same pages into and out of a TIFF in memory ({@code TIFFClientOpen}), one
 * thread, process CPU time, pages compared outside the timed part. Our figure is the JVM's process
 * CPU time (GC and JIT threads included) over one thread's work. Whole {@code tiffcp} processes
 * (their CPU time) are printed beside for reference. Prints figures and ratios; asserts nothing.
 */
@Command(
    name = "codec",
    mixinStandardHelpOptions = true,
    description = {
      "Pages per CPU second of faxgw's T.4/T.6 codec (MH, MR, MMR; encode and decode of a",
      "multi-page TIFF in memory) beside libtiff on the same pages in the same run; prints ratios."
    })
public final class CodecBench implements Callable<Integer> {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Spec CommandSpec spec;

  @Option(names = "--tiff", description = "bilevel TIFF to use as the corpus (default: built)")
  Path tiff;

  @Option(
      names = "--pages",
      defaultValue = "100",
      description = "pages in the corpus (default 100)")
  int pages;

  @Option(
      names = "--warmup",
      defaultValue = "3",
      description = "warm-up passes, at least 2 s of each coding (default 3)")
  int warmup;

  @Option(names = "--reps", defaultValue = "7", description = "timed passes, median (default 7)")
  int reps;

  @Option(names = "--no-tiffcp", description = "skip the whole-process tiffcp timings")
  boolean noTiffcp;

  /** Our medians for one coding, in CPU seconds for the whole corpus. */
  private record Ours(double encode, double decode, double decodeThread, long bytes) {}

  /** libtiff's timings: the in-process harness and whole tiffcp processes (empty: not measured). */
  private record Theirs(Map<FaxCompression, Timing> harness, Map<FaxCompression, Timing> tiffcp) {}

  /** CPU time of the whole JVM (all threads: ours, GC, JIT), as libtiff's process CPU time. */
  private static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return THREADS.getCurrentThreadCpuTime();
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (pages < 1 || pages > 2000 || reps < 1 || reps > 100 || warmup < 0 || warmup > 100) {
      spec.commandLine().getErr().println("bench codec: --pages 1..2000, --reps 1..100");
      return 2;
    }
    try (ScratchDir dir = ScratchDir.inMemory("faxgw-bench-codec-")) {
      CodecCorpus.Corpus corpus =
          tiff != null ? CodecCorpus.load(tiff, pages) : CodecCorpus.build(dir.path(), pages);
      List<BilevelPage> list = corpus.pages();
      printCorpus(out, corpus, dir.path());
      Map<FaxCompression, Ours> ours = new EnumMap<>(FaxCompression.class);
      for (FaxCompression c : FaxCompression.values()) {
        Ours o = timeOurs(list, c);
        if (o == null) {
          out.println("  ERROR: our " + c + " round trip changed the pages");
          return 1;
        }
        ours.put(c, o);
      }
      StringBuilder why = new StringBuilder();
      Theirs lib = timeLibtiff(dir.path(), list, why);
      if (why.length() > 0) {
        out.println("  libtiff: not measured: " + why);
      }
      printTable(out, list.size(), ours, lib.harness(), lib.tiffcp());
      return 0;
    }
  }

  private void printCorpus(PrintWriter out, CodecCorpus.Corpus corpus, Path dir) {
    BilevelPage first = corpus.pages().get(0);
    out.printf(
        Locale.ROOT,
        "corpus: %s%n  %d pages, first %dx%d @%s; %d cores; JVM %s; scratch %s%n",
        corpus.description(),
        corpus.pages().size(),
        first.width(),
        first.height(),
        first.resolution(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        dir);
    out.printf(
        Locale.ROOT,
        "  load average now: %.1f (the machine may be shared; compare the ratios)%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    out.flush();
  }

  /**
   * Medians of our encode and decode of the whole corpus, in CPU seconds per pass; null when a
   * round trip is wrong. The JVM's process CPU clock ticks in 10 ms steps, so a timed pass codes
   * the corpus as many times as fill about a second and reports the mean of those.
   */
  private Ours timeOurs(List<BilevelPage> list, FaxCompression c) throws Exception {
    // Warm up the JIT: the passes asked for and at least two seconds of this coding, so that
    // compilation (counted in process CPU time) is over before timing starts.
    long warmEnd = System.nanoTime() + 2_000_000_000L;
    long passNanos = Long.MAX_VALUE;
    for (int i = 0; i < warmup || (warmup > 0 && System.nanoTime() < warmEnd && i < 200); i++) {
      long t = System.nanoTime();
      FaxTiffReader.read(FaxTiffWriter.write(list, c));
      passNanos = Math.min(passNanos, System.nanoTime() - t);
    }
    int loops = (int) Math.max(1, Math.min(1000, 1_000_000_000L / Math.max(1, passNanos)));
    double[] enc = new double[reps];
    double[] dec = new double[reps];
    double[] decThread = new double[reps];
    byte[] file = FaxTiffWriter.write(list, c);
    if (!FaxTiffReader.read(file).equals(list)) {
      return null;
    }
    for (int i = 0; i < reps; i++) {
      long t0 = cpuNanos();
      for (int k = 0; k < loops; k++) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(1 << 20);
        FaxTiffWriter.write(list, c, bos);
        file = bos.toByteArray();
      }
      long t1 = cpuNanos();
      long u1 = THREADS.getCurrentThreadCpuTime();
      for (int k = 0; k < loops; k++) {
        FaxTiffReader.read(file);
      }
      long u2 = THREADS.getCurrentThreadCpuTime();
      long t2 = cpuNanos();
      enc[i] = (t1 - t0) / 1e9 / loops;
      dec[i] = (t2 - t1) / 1e9 / loops;
      decThread[i] = (u2 - u1) / 1e9 / loops;
    }
    return new Ours(
        LibtiffCodecTimer.median(enc),
        LibtiffCodecTimer.median(dec),
        LibtiffCodecTimer.median(decThread),
        file.length);
  }

  /** libtiff on the same pages; what could not be measured is empty, the reason in {@code why}. */
  private Theirs timeLibtiff(Path dir, List<BilevelPage> list, StringBuilder why) throws Exception {
    Theirs unmeasured = new Theirs(Map.of(), Map.of());
    if (!Exec.onPath("tiffcp")) {
      why.append("tiffcp not found (install libtiff-tools)");
      return unmeasured;
    }
    Path mmr = dir.resolve("corpus_g4.tif");
    Files.write(mmr, FaxTiffWriter.write(list, FaxCompression.MMR));
    Path none = dir.resolve("corpus_none.tif");
    Exec.Result r =
        Exec.run(
            dir,
            600,
            List.of("tiffcp", "-c", "none", "-r", "100000", mmr.toString(), none.toString()));
    if (!r.ok()) {
      why.append("tiffcp -c none failed: ").append(r.stderr());
      return unmeasured;
    }
    return new Theirs(
        LibtiffCodecTimer.inProcess(dir, none, reps, why),
        noTiffcp ? Map.of() : LibtiffCodecTimer.tiffcp(dir, none, Math.min(reps, 5)));
  }

  private void printTable(
      PrintWriter out,
      int n,
      Map<FaxCompression, Ours> ours,
      Map<FaxCompression, Timing> lib,
      Map<FaxCompression, Timing> cli) {
    out.println();
    out.printf(
        Locale.ROOT,
        "%-4s %-6s | %14s | %14s %8s | %14s %8s | %s%n",
        "code",
        "",
        "faxgw CPU",
        "libtiff CPU",
        "ratio",
        "tiffcp CPU",
        "ratio",
        "bytes/page faxgw / libtiff");
    for (FaxCompression c : FaxCompression.values()) {
      Ours o = ours.get(c);
      Timing lt = lib.get(c);
      Timing ct = cli.get(c);
      for (int k = 0; k < 2; k++) {
        double ps = n / (k == 0 ? o.encode() : o.decode());
        double l = lt == null ? Double.NaN : n / (k == 0 ? lt.encodeSeconds() : lt.decodeSeconds());
        double t = ct == null ? Double.NaN : n / (k == 0 ? ct.encodeSeconds() : ct.decodeSeconds());
        String tail =
            k == 0
                ? (o.bytes() / n)
                    + " / "
                    + (lt == null ? "-" : lt.bytes() / n + " (" + lt.note() + ")")
                : String.format(
                    Locale.ROOT,
                    "decoding thread alone: %.0f p/s, %.2fx (rest: GC of the new pages)",
                    n / o.decodeThread(),
                    n / o.decodeThread() / l);
        out.printf(
            Locale.ROOT,
            "%-4s %-6s | %10.0f p/s | %10.0f p/s %7.2fx | %10.0f p/s %7.2fx | %s%n",
            c,
            k == 0 ? "encode" : "decode",
            ps,
            l,
            ps / l,
            t,
            ps / t,
            tail);
      }
    }
    out.println();
    out.println(
        "faxgw CPU: JVM process CPU time (all threads, GC and JIT included) of one thread running"
            + " FaxTiffWriter.write / FaxTiffReader.read of the whole corpus in memory (each pass about 1 s of"
            + " repeats: the clock ticks in 10 ms), median of "
            + reps
            + " after "
            + warmup
            + "+ warm-up passes (2 s at least);");
    out.println(
        "libtiff CPU: process CPU time of a C harness coding the same pages into / out of a TIFF in"
            + " memory (TIFFClientOpen; TIFFWriteEncodedStrip / TIFFReadEncodedStrip, one strip a"
            + " page; the pages compared outside the timing), median;");
    out.println(
        "tiffcp CPU: user + system time of whole tiffcp -c g3:1d|g3:2d|g4 / -c none processes"
            + " (files on tmpfs, process start included; 10 ms ticks). ratio = faxgw p/s / theirs (>1: faxgw"
            + " faster).");
    out.flush();
  }
}
