package org.faxgw.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxTiffReader;
import org.junit.jupiter.api.Test;

/**
 * The render worker pool with real worker JVMs (dropped to {@code nobody} when the tests run as
 * root): ghost4j inside the worker, the damaged-PDF repair, hostile documents, kill -9.
 */
class RenderWorkerPoolIT {

  /** A {@code gs} wrapper that notes every start in {@code starts}, then runs the real gs. */
  private static Path gsSpy(Path root) throws Exception {
    Path bin = Files.createDirectory(root.resolve("bin"));
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path notes = Files.createDirectory(root.resolve("notes"));
    Files.setPosixFilePermissions(notes, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path spy = bin.resolve("gs-spy");
    Files.writeString(
        spy, "#!/bin/sh\necho started >> " + notes.resolve("starts") + "\nexec gs \"$@\"\n");
    Files.setPosixFilePermissions(spy, PosixFilePermissions.fromString("rwxr-xr-x"));
    return spy;
  }

  private static List<String> spyOption(Path root) {
    return List.of("-D" + PostScriptRenderer.GS_PROPERTY + "=" + root.resolve("bin/gs-spy"));
  }

  @Test
  void postScriptRendersThroughGhost4jInTheWorkerAndAgreesWithGsTiffG4() throws Exception {
    Path root = Tools.openTempDir("faxgw-ps-it-");
    gsSpy(root);
    Path ps = Tools.groffPs(root, "letter", "a4", 24);
    Path tiff = root.resolve("gs.tif");
    Tools.ghostscript(
        root, "tiffg4", "204x196", tiff, ps, "-sPAPERSIZE=a4", "-dFIXEDMEDIA", "-dPSFitPage");
    List<BilevelPage> ref = FaxTiffReader.read(Files.readAllBytes(tiff));
    assertThat(ref).as("gs pages").hasSizeGreaterThanOrEqualTo(3);

    try (PoolFixture f = new PoolFixture(1, PostScriptEngine.GHOST4J, spyOption(root))) {
      List<BilevelPage> ours = f.render(ps, "application/postscript", RenderOptions.defaults());
      assertThat(root.resolve("notes/starts")).as("no gs process was started").doesNotExist();
      assertThat(ours).hasSize(ref.size());
      for (int i = 0; i < ours.size(); i++) {
        double agree = bestBlockAgreement(ours.get(i), ref.get(i));
        System.out.printf("ghost4j vs gs tiffg4, page %d: blocks agreeing %.4f%n", i + 1, agree);
        assertThat(agree)
            .as("page %d: 16x16 blocks agreeing on ink", i + 1)
            .isGreaterThanOrEqualTo(0.98);
        assertThat(ours.get(i).blackPixels()).as("page %d has ink", i + 1).isGreaterThan(10_000);
      }
      // the measure tells pages apart
      assertThat(bestBlockAgreement(ours.get(0), ref.get(1))).as("control").isLessThan(0.98);
    } finally {
      Tools.deleteTree(root);
    }
  }

  @Test
  void theProcessEngineStartsGsAndTheSpySeesIt() throws Exception {
    Path root = Tools.openTempDir("faxgw-ps-it-");
    gsSpy(root);
    Path ps = Tools.groffPs(root, "letter", "a4", 2);
    try (PoolFixture f = new PoolFixture(1, PostScriptEngine.PROCESS, spyOption(root))) {
      List<BilevelPage> pages = f.render(ps, null, RenderOptions.defaults());
      assertThat(pages).isNotEmpty();
      assertThat(root.resolve("notes/starts")).as("gs was started").exists();
    } finally {
      Tools.deleteTree(root);
    }
  }

  @Test
  void aDamagedPdfThatPdfBoxRefusesIsRepairedByGhostscriptInTheWorker() throws Exception {
    Path root = Tools.openTempDir("faxgw-pdf-it-");
    try {
      Path good = Tools.groffPdf(root, "good", "a4", 24);
      Path bad = HostileDocuments.brokenTrailer(good, root.resolve("broken.pdf"));
      RenderException refused =
          catchThrowableOfType(
              RenderException.class,
              () -> PdfRenderer.load(new DocumentSource.FileSource(bad)).close());
      assertThat(refused).as("PDFBox refuses the file").isNotNull();
      assertThat(PdfRenderer.unparsable(refused)).isTrue();
      int goodPages = new FaxRenderer(1).render(good, null, RenderOptions.defaults()).size();

      try (PoolFixture f = new PoolFixture(1, PostScriptEngine.GHOST4J, List.of())) {
        List<BilevelPage> pages = f.render(bad, "application/pdf", RenderOptions.defaults());
        assertThat(pages).hasSize(goodPages);
        assertThat(pages.get(0).blackPixels()).isGreaterThan(10_000);
      }
    } finally {
      Tools.deleteTree(root);
    }
  }

  @Test
  void hostileDocumentsKillOrTimeOutOnlyTheirWorker() throws Exception {
    Path root = Tools.openTempDir("faxgw-hostile-it-");
    RenderOptions o = RenderOptions.defaults().withTimeLimit(Duration.ofSeconds(8));
    try (PoolFixture f = new PoolFixture(2, PostScriptEngine.GHOST4J, List.of())) {
      Path text = Tools.groffPdf(root, "text", "a4", 4);
      List<Path> hostile =
          List.of(
              HostileDocuments.endlessLoop(root),
              HostileDocuments.endlessAllocation(root),
              HostileDocuments.heapExhaustingPdf(root),
              HostileDocuments.decompressionBomb(root));
      for (Path doc : hostile) {
        int startedBefore = f.pool.workersStarted();
        RenderException e =
            catchThrowableOfType(RenderException.class, () -> f.render(doc, null, o));
        assertThat(e).as("%s fails", doc.getFileName()).isNotNull();
        System.out.printf("%s: %s (%s)%n", doc.getFileName(), e.getMessage(), e.reason());
        assertThat(e.reason())
            .isIn(RenderException.Reason.TIME_LIMIT, RenderException.Reason.TOO_LARGE);
        assertThat(e.getMessage())
            .matches("took longer than 8 s to render|.*more CPU time.*|document too large: .*");
        assertThat(f.refilled()).as("pool back to full size after %s", doc.getFileName()).isTrue();
        assertThat(f.pool.workersStarted())
            .as("its worker was replaced")
            .isGreaterThan(startedBefore);
        // the pool still renders
        assertThat(f.render(text, null, RenderOptions.defaults())).isNotEmpty();
      }
    } finally {
      Tools.deleteTree(root);
    }
  }

  @Test
  void aWorkerKilledMidDocumentIsReplacedAndAnotherRendersTheDocument() throws Exception {
    Path root = Tools.openTempDir("faxgw-kill-it-");
    try (PoolFixture f = new PoolFixture(2, PostScriptEngine.GHOST4J, List.of())) {
      Path pdf = Tools.groffPdf(root, "long", "a4", 40);
      int expected = new FaxRenderer(1).render(pdf, null, RenderOptions.defaults()).size();
      AtomicBoolean killed = new AtomicBoolean();
      List<Long> victims = new ArrayList<>();
      List<BilevelPage> pages = new ArrayList<>();
      int n =
          f.pool.render(
              pdf,
              null,
              RenderOptions.defaults(),
              (done, total) -> {
                if (!killed.getAndSet(true)) {
                  long pid = f.pool.busyPids().get(0);
                  victims.add(pid);
                  // SIGKILL, as kill -9
                  ProcessHandle.of(pid).orElseThrow().destroyForcibly();
                }
              },
              (i, p) -> pages.add(p));
      assertThat(victims).hasSize(1);
      assertThat(n).isEqualTo(expected);
      assertThat(pages).hasSize(expected);
      assertThat(f.refilled()).isTrue();
      assertThat(f.pool.pids()).doesNotContain(victims.get(0));
      assertThat(f.pool.workersStarted()).isEqualTo(3);
    } finally {
      Tools.deleteTree(root);
    }
  }

  @Test
  void aDocumentThatKilledTwoWorkersFailsForGood() throws Exception {
    Path root = Tools.openTempDir("faxgw-oom-it-");
    // a small heap, so that the image's samples exhaust it at once (-XX:+ExitOnOutOfMemoryError)
    try (PoolFixture f = new PoolFixture(2, "96m", PostScriptEngine.GHOST4J, List.of())) {
      Path pdf = HostileDocuments.heapExhaustingPdf(root);
      RenderException e =
          catchThrowableOfType(
              RenderException.class, () -> f.render(pdf, null, RenderOptions.defaults()));
      assertThat(e).isNotNull();
      System.out.printf("heap.pdf in 96m workers: %s (%s)%n", e.getMessage(), e.reason());
      assertThat(e.reason()).isEqualTo(RenderException.Reason.TOO_LARGE);
      assertThat(e.getMessage())
          .isEqualTo("document too large: it needs more memory than the renderer may use (96m)");
      assertThat(f.refilled()).isTrue();
      assertThat(f.pool.workersStarted()).as("two workers died and were replaced").isEqualTo(4);
    } finally {
      Tools.deleteTree(root);
    }
  }

  @Test
  void postScriptAllocatingOutsideTheJavaHeapIsStoppedByTheMemoryWatch() throws Exception {
    Path root = Tools.openTempDir("faxgw-rss-it-");
    // 64 MB heap: the watch allows 2 x 64 MB + 256 MB resident; libgs grows by about 200 MB/s
    try (PoolFixture f = new PoolFixture(1, "64m", PostScriptEngine.GHOST4J, List.of())) {
      Path alloc = HostileDocuments.endlessAllocation(root);
      RenderException e =
          catchThrowableOfType(
              RenderException.class,
              () ->
                  f.render(
                      alloc, null, RenderOptions.defaults().withTimeLimit(Duration.ofSeconds(60))));
      assertThat(e).isNotNull();
      System.out.printf("alloc.ps in a 64m worker: %s%n", e.getMessage());
      assertThat(e.getMessage())
          .isEqualTo("document too large: it needs more memory than the renderer may use (64m)");
      assertThat(f.refilled()).isTrue();
    } finally {
      Tools.deleteTree(root);
    }
  }

  @Test
  void aDocumentOverItsCpuTimeLimitKillsItsWorker() throws Exception {
    Path root = Tools.openTempDir("faxgw-cpu-it-");
    try (PoolFixture f =
        new PoolFixture(1, "512m", PostScriptEngine.GHOST4J, List.of(), Duration.ofSeconds(2))) {
      Path loop = HostileDocuments.endlessLoop(root);
      RenderException e =
          catchThrowableOfType(
              RenderException.class,
              () ->
                  f.render(
                      loop, null, RenderOptions.defaults().withTimeLimit(Duration.ofSeconds(60))));
      assertThat(e).isNotNull();
      assertThat(e.getMessage()).isEqualTo("took more than 2 s of CPU time to render");
      assertThat(f.refilled()).isTrue();
      assertThat(f.pool.workersStarted()).isEqualTo(2);
    } finally {
      Tools.deleteTree(root);
    }
  }

  @Test
  void anIdleWorkerThatDiesIsReplacedWithoutWaitingForWork() throws Exception {
    try (PoolFixture f = new PoolFixture(1, PostScriptEngine.GHOST4J, List.of())) {
      long pid = f.pool.pids().get(0);
      ProcessHandle h = ProcessHandle.of(pid).orElseThrow();
      h.destroyForcibly();
      h.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
      long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (f.pool.workersStarted() < 2 && System.nanoTime() < end) {
        Thread.sleep(50); // waiting for a real process to start, not logic
      }
      assertThat(f.refilled()).isTrue();
      assertThat(f.pool.workersStarted()).isEqualTo(2);
      assertThat(f.pool.pids()).hasSize(1).doesNotContain(pid);
    }
  }

  @Test
  void textRendersInAWorker() throws Exception {
    try (PoolFixture f = new PoolFixture(1, PostScriptEngine.GHOST4J, List.of())) {
      List<BilevelPage> pages = f.pool.renderText("Hello\fWorld", RenderOptions.defaults());
      assertThat(pages).hasSize(2);
      // as root, the worker runs as nobody (real, effective, saved and file-system uid)
      long pid = f.pool.pids().get(0);
      boolean root = Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0);
      String uids =
          Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
              .filter(l -> l.startsWith("Uid:"))
              .findFirst()
              .orElseThrow();
      String nobody =
          Files.readAllLines(Path.of("/etc/passwd")).stream()
              .filter(l -> l.startsWith("nobody:"))
              .findFirst()
              .orElseThrow()
              .split(":")[2];
      System.out.printf("worker %d %s (nobody is %s)%n", pid, uids, nobody);
      if (root) {
        assertThat(uids.substring(4).trim().split("\\s+")).containsOnly(nobody);
      }
      assertThatThrownBy(
              () -> f.render(f.root.resolve("missing.pdf"), null, RenderOptions.defaults()))
          .isInstanceOf(RenderException.class);
    }
  }

  /**
   * The share of 16x16 blocks agreeing on ink, with the pages aligned on their leftmost ink (gs's
   * tiffg4 puts the 1686-pixel A4 line at the left of 1728 pixels; we centre it), best of +-2.
   */
  static double bestBlockAgreement(BilevelPage ours, BilevelPage gs) {
    int base = leftmostInk(ours) - leftmostInk(gs);
    double best = 0;
    for (int shift = base - 2; shift <= base + 2; shift++) {
      best = Math.max(best, blockAgreement(ours, gs, shift));
    }
    return best;
  }

  private static int leftmostInk(BilevelPage p) {
    for (int x = 0; x < p.width(); x++) {
      for (int y = 0; y < p.height(); y++) {
        if (p.pixel(x, y)) {
          return x;
        }
      }
    }
    return 0;
  }

  static double blockAgreement(BilevelPage a, BilevelPage b, int shift) {
    int agree = 0;
    int total = 0;
    int h = Math.min(a.height(), b.height());
    for (int by = 0; by + 16 <= h; by += 16) {
      for (int bx = 0; bx + 16 <= a.width(); bx += 16) {
        boolean inkA = false;
        boolean inkB = false;
        for (int y = by; y < by + 16; y++) {
          for (int x = bx; x < bx + 16; x++) {
            inkA |= a.pixel(x, y);
            int gx = x - shift;
            if (gx >= 0 && gx < b.width()) {
              inkB |= b.pixel(gx, y);
            }
          }
        }
        total++;
        if (inkA == inkB) {
          agree++;
        }
      }
    }
    return (double) agree / total;
  }
}
