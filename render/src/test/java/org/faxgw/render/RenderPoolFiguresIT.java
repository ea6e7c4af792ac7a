package org.faxgw.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.faxgw.render.worker.RenderWorkerPool;
import org.junit.jupiter.api.Test;

/**
 * Figures, printed and not asserted (issue 13 goals): CPU time per page of a 25-page text PDF
 * through a warm render worker against {@code gs -sDEVICE=tiffg3 -r204x196} as a process per
 * document; PostScript through ghost4j in a warm worker against a {@code gs -sDEVICE=pbmraw}
 * process per document. CPU on both sides: the worker's process CPU time (ProcessHandle) and gs's
 * user + system time ({@code /usr/bin/time}).
 */
class RenderPoolFiguresIT {
  private static final int RUNS = 5;

  @Test
  void cpuPerPageThroughAWarmWorkerBesideAGsProcessPerDocument() throws Exception {
    Path root = Tools.openTempDir("faxgw-figures-");
    try (PoolFixture f = new PoolFixture(1, PostScriptEngine.GHOST4J, List.of())) {
      Path ps = Tools.groffPs(root, "text", "a4", 260);
      Path pdf = root.resolve("text.pdf");
      Tools.run(root, "ps2pdf", "-sPAPERSIZE=a4", "-dLastPage=25", ps.toString(), pdf.toString());
      int pdfPages = f.render(pdf, null, RenderOptions.defaults()).size();
      int psPages = f.render(ps, null, RenderOptions.defaults()).size();
      assertThat(pdfPages).isPositive();

      double poolPdf = workerCpuMs(f, pdf) / pdfPages;
      double gsPdf = gsCpuMs(root, pdf, "tiffg3") / pdfPages;
      double poolPs = workerCpuMs(f, ps) / psPages;
      double gsPs = gsCpuMs(root, ps, "pbmraw") / psPages;
      System.out.printf(
          Locale.ROOT,
          "figures: text PDF, %d pages: worker (PDFBox, 1 thread, warm) %.1f ms CPU/page; gs"
              + " -sDEVICE=tiffg3 -r204x196 process per document %.1f ms CPU/page; ratio"
              + " worker/gs %.2f%n",
          pdfPages,
          poolPdf,
          gsPdf,
          poolPdf / gsPdf);
      System.out.printf(
          Locale.ROOT,
          "figures: PostScript, %d pages: worker (ghost4j, warm) %.1f ms CPU/page; gs"
              + " -sDEVICE=pbmraw process per document %.1f ms CPU/page; ratio worker/gs %.2f%n",
          psPages,
          poolPs,
          gsPs,
          poolPs / gsPs);
    } finally {
      Tools.deleteTree(root);
    }
  }

  /** Median CPU time of the worker process for one document, after two warm-up runs. */
  private static double workerCpuMs(PoolFixture f, Path doc) throws Exception {
    long pid = f.pool.pids().get(0);
    for (int i = 0; i < 2; i++) {
      f.render(doc, null, RenderOptions.defaults());
    }
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      Duration c0 = RenderWorkerPool.cpuTime(pid);
      f.render(doc, null, RenderOptions.defaults());
      Duration c1 = RenderWorkerPool.cpuTime(pid);
      ms.add(c1.minus(c0).toNanos() / 1e6);
    }
    assertThat(f.pool.pids()).as("the same warm worker").containsExactly(pid);
    return median(ms);
  }

  /** Median user + system CPU of a gs process per document. */
  private static double gsCpuMs(Path dir, Path doc, String device) throws Exception {
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      String out =
          Tools.run(
              dir,
              "/usr/bin/time",
              "-f",
              "cpu %U %S",
              "gs",
              "-q",
              "-dSAFER",
              "-dBATCH",
              "-dNOPAUSE",
              "-sDEVICE=" + device,
              "-r204x196",
              "-sPAPERSIZE=a4",
              "-sOutputFile=" + dir.resolve("gs-out"),
              doc.toString());
      String line = out.lines().filter(l -> l.startsWith("cpu ")).reduce((a, b) -> b).orElseThrow();
      String[] p = line.split(" ");
      ms.add((Double.parseDouble(p[1]) + Double.parseDouble(p[2])) * 1000);
    }
    return median(ms);
  }

  private static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    s.sort(null);
    return s.get(s.size() / 2);
  }
}
