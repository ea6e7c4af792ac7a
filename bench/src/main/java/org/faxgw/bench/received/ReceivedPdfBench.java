package org.faxgw.bench.received;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.faxgw.bench.CodecCorpus;
import org.faxgw.bench.Exec;
import org.faxgw.render.received.ReceivedPdfWriter;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.FaxTiffWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code faxgw bench received-pdf}: size and speed of the received-fax PDF beside the G4 TIFF of
 * the same pages and beside libtiff's tiff2pdf run on that TIFF (CPU time on both sides: this
 * thread's, the tiff2pdf child's). Prints figures and ratios; asserts nothing.
 */
@Command(
    name = "received-pdf",
    mixinStandardHelpOptions = true,
    description = {
      "Received pages -> PDF: bytes against the G4 TIFF of the same pages, ms/page warm,",
      "beside tiff2pdf on that TIFF; prints ratios."
    })
public final class ReceivedPdfBench implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--tiff", description = "fax TIFF to use (default: 10 fine pages of bash(1))")
  Path tiff;

  @Option(names = "--pages", defaultValue = "10", description = "pages (default 10)")
  int pages;

  @Option(names = "--warmup", defaultValue = "20", description = "warm-up passes (default 20)")
  int warmup;

  @Option(names = "--reps", defaultValue = "15", description = "timed passes, median (default 15)")
  int reps;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = Files.createTempDirectory("faxgw-bench-pdf");
    try {
      CodecCorpus.Corpus corpus =
          tiff != null ? CodecCorpus.load(tiff, pages) : CodecCorpus.build(dir, pages);
      List<BilevelPage> p = corpus.pages();
      out.println("pages: " + corpus.description());
      out.println(
          "       "
              + p.size()
              + " x "
              + p.get(0).width()
              + "x"
              + p.get(0).height()
              + " @ "
              + p.get(0).resolution()
              + " dpi");
      byte[] g4 = FaxTiffWriter.write(p, FaxCompression.MMR);
      Path g4File = dir.resolve("g4.tif");
      Files.write(g4File, g4);

      ReceivedPdfWriter w = new ReceivedPdfWriter();
      byte[] pdf = null;
      for (int i = 0; i < warmup; i++) {
        pdf = w.write(p, ReceivedPdfWriter.Info.untitled());
      }
      // Thread CPU time: the machine may be shared, wall time would count others' work.
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      List<Long> ours = new ArrayList<>();
      List<Long> oursWall = new ArrayList<>();
      for (int i = 0; i < reps; i++) {
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        pdf = w.write(p, ReceivedPdfWriter.Info.untitled());
        oursWall.add(System.nanoTime() - t0);
        ours.add(mx.getCurrentThreadCpuTime() - c0);
      }
      double oursMs = median(ours) / 1e6 / p.size();
      double oursWallMs = median(oursWall) / 1e6 / p.size();

      Long t2pSize = null;
      double t2pMs = Double.NaN;
      if (Exec.onPath("tiff2pdf")) {
        List<Long> theirs = new ArrayList<>();
        Path t2p = dir.resolve("tiff2pdf.pdf");
        // A child's CPU time comes in 10 ms ticks and one tiff2pdf of a few pages takes less:
        // each sample is the mean of a batch of runs.
        int batch = 20;
        samples:
        for (int i = 0; i < Math.max(3, reps / 3); i++) {
          long cpu = 0;
          for (int k = 0; k < batch; k++) {
            Exec.Result r =
                Exec.run(dir, 120, List.of("tiff2pdf", "-o", t2p.toString(), g4File.toString()));
            if (!r.ok()) {
              out.println("tiff2pdf failed: " + r.stderr());
              break samples;
            }
            cpu += r.cpuNanos();
          }
          theirs.add(cpu / batch);
        }
        if (!theirs.isEmpty()) {
          t2pMs = median(theirs) / 1e6 / p.size();
          t2pSize = Files.size(t2p);
        }
      } else {
        out.println("tiff2pdf is not installed (bin/install-test-deps); its column is empty");
      }
      out.printf(
          Locale.ROOT,
          "%-30s %10s %10s %12s %12s%n",
          "",
          "bytes",
          "x G4 TIFF",
          "CPU ms/page",
          "wall ms/page");
      out.printf(Locale.ROOT, "%-30s %10d %10.3f%n", "G4 TIFF (FaxTiffWriter)", g4.length, 1.0);
      out.printf(
          Locale.ROOT,
          "%-30s %10d %10.3f %12.2f %12.2f%n",
          "faxgw PDF (warm, T.6 encode)",
          pdf.length,
          pdf.length / (double) g4.length,
          oursMs,
          oursWallMs);
      if (t2pSize != null) {
        out.printf(
            Locale.ROOT,
            "%-30s %10d %10.3f %12.2f%n",
            "tiff2pdf (process, G4 copied)",
            t2pSize,
            t2pSize / (double) g4.length,
            t2pMs);
        out.printf(
            Locale.ROOT,
            "faxgw/tiff2pdf: size %.3f, time %.2f%n",
            pdf.length / (double) t2pSize,
            oursMs / t2pMs);
      }
      out.printf(
          Locale.ROOT,
          "goal: PDF <= 1.1 x G4 TIFF (%s), < 20 ms/page warm, CPU (%s)%n",
          pdf.length <= 1.1 * g4.length ? "met" : "NOT met",
          oursMs < 20 ? "met" : "NOT met");
      out.flush();
      return 0;
    } finally {
      try (var walk = Files.walk(dir)) {
        for (Path f : walk.sorted(Collections.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  private static double median(List<Long> xs) {
    List<Long> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
