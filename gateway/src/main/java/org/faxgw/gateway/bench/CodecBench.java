package org.faxgw.gateway.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.faxgw.gateway.bench.codec.CodecCorpus;
import org.faxgw.gateway.bench.codec.Exec;
import org.faxgw.gateway.bench.codec.LibtiffCodecTimer;
import org.faxgw.gateway.bench.codec.LibtiffCodecTimer.Timing;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.FaxTiffReader;
import org.faxgw.t4.FaxTiffWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code faxgw bench codec}: pages per second of our MH, MR (K=4 at fine) and MMR coding of a
 * multi-page TIFF (encode: {@link FaxTiffWriter}, decode: {@link FaxTiffReader}, in memory) beside
 * libtiff doing the same work in the same run: in process through a C harness compiled with gcc
 * against libtiff-dev (TIFFWriteEncodedStrip / TIFFReadEncodedStrip on tmpfs, process CPU time) and
 * as whole tiffcp processes. Our single-thread figures are the JVM's process CPU time (GC and JIT
 * threads included), comparable with the harness; the all-cores figures are wall time. Prints
 * figures and ratios; asserts nothing.
 */
@Command(
    name = "codec",
    mixinStandardHelpOptions = true,
    description = {
      "Pages/s of faxgw's T.4/T.6 codec (MH, MR, MMR; encode and decode of a multi-page TIFF)",
      "beside libtiff on the same pages in the same run; prints ratios."
    })
public final class CodecBench implements Callable<Integer> {
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

  @Option(
      names = "--threads",
      defaultValue = "0",
      description = "threads for the all-cores figures (default: all cores)")
  int threads;

  @Option(names = "--no-tiffcp", description = "skip the whole-process tiffcp timings")
  boolean noTiffcp;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** CPU time of the whole JVM (all threads: ours, GC, JIT), as libtiff's process CPU time. */
  private static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    return mx.getCurrentThreadCpuTime();
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (pages < 1 || pages > 2000 || reps < 1 || reps > 100 || warmup < 0 || warmup > 100) {
      spec.commandLine().getErr().println("bench codec: --pages 1..2000, --reps 1..100");
      return 2;
    }
    int cores = Runtime.getRuntime().availableProcessors();
    int nThreads = threads > 0 ? threads : cores;
    Path shm = Path.of("/dev/shm");
    Path dir =
        Files.isDirectory(shm) && Files.isWritable(shm)
            ? Files.createTempDirectory(shm, "faxgw-bench-codec-")
            : Files.createTempDirectory("faxgw-bench-codec-");
    try {
      CodecCorpus.Corpus corpus =
          tiff != null ? CodecCorpus.load(tiff, pages) : CodecCorpus.build(dir, pages);
      List<BilevelPage> list = corpus.pages();
      BilevelPage first = list.get(0);
      out.printf(
          Locale.ROOT,
          "corpus: %s%n  %d pages, first %dx%d @%s; %d cores; JVM %s; scratch %s%n",
          corpus.description(),
          list.size(),
          first.width(),
          first.height(),
          first.resolution(),
          cores,
          System.getProperty("java.version"),
          dir);
      out.printf(
          Locale.ROOT,
          "  load average now: %.1f (the machine may be shared; compare the ratios)%n",
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      out.flush();

      Map<FaxCompression, double[]> ours = new EnumMap<>(FaxCompression.class);
      Map<FaxCompression, double[]> oursPar = new EnumMap<>(FaxCompression.class);
      Map<FaxCompression, Long> oursBytes = new EnumMap<>(FaxCompression.class);
      for (FaxCompression c : FaxCompression.values()) {
        double[] encCpu = new double[reps];
        double[] decCpu = new double[reps];
        double[] decThr = new double[reps];
        byte[] file = null;
        // Warm up the JIT: the passes asked for and at least two seconds of this coding, so that
        // compilation (counted in process CPU time) is over before timing starts.
        long warmEnd = System.nanoTime() + 2_000_000_000L;
        for (int i = 0; i < warmup || (warmup > 0 && System.nanoTime() < warmEnd && i < 200); i++) {
          FaxTiffReader.read(FaxTiffWriter.write(list, c));
        }
        for (int i = warmup; i < warmup + reps; i++) {
          long t0 = cpuNanos();
          ByteArrayOutputStream bos = new ByteArrayOutputStream(1 << 20);
          FaxTiffWriter.write(list, c, bos);
          file = bos.toByteArray();
          long t1 = cpuNanos();
          long u1 = THREADS.getCurrentThreadCpuTime();
          List<BilevelPage> back = FaxTiffReader.read(file);
          long u2 = THREADS.getCurrentThreadCpuTime();
          long t2 = cpuNanos();
          if (i == warmup && !back.equals(list)) {
            out.println("  ERROR: our " + c + " round trip changed the pages");
            return 1;
          }
          if (i >= warmup) {
            encCpu[i - warmup] = (t1 - t0) / 1e9;
            decCpu[i - warmup] = (t2 - t1) / 1e9;
            decThr[i - warmup] = (u2 - u1) / 1e9;
          }
        }
        ours.put(c, new double[] {median(encCpu), median(decCpu), median(decThr)});
        oursBytes.put(c, (long) file.length);
        oursPar.put(c, parallel(list, c, nThreads));
      }

      Map<FaxCompression, Timing> lib = Map.of();
      Map<FaxCompression, Timing> cli = Map.of();
      StringBuilder why = new StringBuilder();
      if (Exec.onPath("tiffcp")) {
        Path mmr = dir.resolve("corpus_g4.tif");
        Files.write(mmr, FaxTiffWriter.write(list, FaxCompression.MMR));
        Path none = dir.resolve("corpus_none.tif");
        Exec.Result r =
            Exec.run(
                dir,
                600,
                List.of("tiffcp", "-c", "none", "-r", "100000", mmr.toString(), none.toString()));
        if (r.ok()) {
          lib = LibtiffCodecTimer.inProcess(dir, none, reps, why);
          if (!noTiffcp) {
            cli = LibtiffCodecTimer.tiffcp(dir, none, Math.min(reps, 5));
          }
        } else {
          why.append("tiffcp -c none failed: ").append(r.stderr());
        }
      } else {
        why.append("tiffcp not found (install libtiff-tools)");
      }
      if (why.length() > 0) {
        out.println("  libtiff in-process: not measured: " + why);
      }

      int n = list.size();
      out.println();
      out.printf(
          Locale.ROOT,
          "%-4s %-6s | %12s %14s | %14s %8s | %14s %8s | %s%n",
          "code",
          "",
          "ours 1 thr",
          "ours " + nThreads + " thr",
          "libtiff in-pr",
          "ratio",
          "tiffcp proc",
          "ratio",
          "bytes/page ours / libtiff");
      for (FaxCompression c : FaxCompression.values()) {
        for (int k = 0; k < 2; k++) {
          double o = n / ours.get(c)[k];
          double op = n / oursPar.get(c)[k];
          Timing lt = lib.get(c);
          Timing ct = cli.get(c);
          double l =
              lt == null ? Double.NaN : n / (k == 0 ? lt.encodeSeconds() : lt.decodeSeconds());
          double t =
              ct == null ? Double.NaN : n / (k == 0 ? ct.encodeSeconds() : ct.decodeSeconds());
          out.printf(
              Locale.ROOT,
              "%-4s %-6s | %8.0f p/s %10.0f p/s | %10.0f p/s %7.2fx | %10.0f p/s %7.2fx | %s%n",
              c,
              k == 0 ? "encode" : "decode",
              o,
              op,
              l,
              o / l,
              t,
              o / t,
              k == 0
                  ? (oursBytes.get(c) / n)
                      + " / "
                      + (lt == null ? "-" : Long.toString(lt.bytes() / n))
                      + (lt == null ? "" : " (" + lt.note() + ")")
                  : String.format(
                      Locale.ROOT,
                      "decoding thread alone: %.0f p/s, %.2fx (rest: GC of the new pages)",
                      n / ours.get(c)[2],
                      n / ours.get(c)[2] / l));
        }
      }
      out.println();
      out.println(
          "ours 1 thr: JVM process CPU time (all threads, GC and JIT included), one thread running"
              + " FaxTiffWriter.write / FaxTiffReader.read of the whole"
              + " corpus in memory, median of "
              + reps
              + " after "
              + warmup
              + "+ warm-up passes (2 s at least);");
      out.println(
          "ours N thr: wall time, the pages split over N threads (one TIFF per thread);"
              + " libtiff in-pr: process CPU time of a C harness (TIFFWriteEncodedStrip /");
      out.println(
          "TIFFReadEncodedStrip, one strip per page, tmpfs file), median; tiffcp proc: wall time"
              + " of whole tiffcp -c g3:1d|g3:2d|g4 / -c none processes. ratio = ours 1 thr /"
              + " libtiff.");
      out.flush();
      return 0;
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Wall seconds {encode, decode} with the pages split over {@code nThreads} threads. */
  private double[] parallel(List<BilevelPage> list, FaxCompression c, int nThreads)
      throws Exception {
    List<List<BilevelPage>> parts = new ArrayList<>();
    for (int t = 0; t < nThreads; t++) {
      List<BilevelPage> part = new ArrayList<>();
      for (int i = t; i < list.size(); i += nThreads) {
        part.add(list.get(i));
      }
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(parts.size());
    try {
      double[] enc = new double[reps];
      double[] dec = new double[reps];
      byte[][] files = new byte[parts.size()][];
      for (int i = 0; i < warmup + reps; i++) {
        long t0 = System.nanoTime();
        List<Future<byte[]>> fs = new ArrayList<>();
        for (List<BilevelPage> part : parts) {
          fs.add(pool.submit(() -> FaxTiffWriter.write(part, c)));
        }
        for (int k = 0; k < fs.size(); k++) {
          files[k] = fs.get(k).get();
        }
        long t1 = System.nanoTime();
        List<Future<List<BilevelPage>>> ds = new ArrayList<>();
        for (byte[] f : files) {
          ds.add(pool.submit(() -> FaxTiffReader.read(f)));
        }
        for (Future<List<BilevelPage>> d : ds) {
          d.get();
        }
        long t2 = System.nanoTime();
        if (i >= warmup) {
          enc[i - warmup] = (t1 - t0) / 1e9;
          dec[i - warmup] = (t2 - t1) / 1e9;
        }
      }
      return new double[] {median(enc), median(dec)};
    } finally {
      pool.shutdownNow();
    }
  }

  private static double median(double[] v) {
    return LibtiffCodecTimer.median(v);
  }
}
