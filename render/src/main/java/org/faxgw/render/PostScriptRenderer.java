package org.faxgw.render;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.faxgw.t4.BilevelPage;

/**
 * PostScript to fax pages with Ghostscript: {@code -dSAFER -dBATCH -dNOPAUSE -sDEVICE=pbmraw
 * -r204x196} (or x98) on the chosen paper ({@code -dFIXEDMEDIA -dPSFitPage}: a document for other
 * paper is scaled to fit), one file per page in a private temporary folder, read back one page at a
 * time and deleted. Ghostscript's paper width (A4 1686 pixels, Letter 1734) is centred on the
 * 1728-pixel line. The same path renders PDFs that PDFBox refuses as damaged: Ghostscript repairs
 * many of them (a broken cross-reference table, wrong offsets).
 *
 * <p>Two engines ({@link PostScriptEngine}): libgs in this process through ghost4j ({@link Libgs}),
 * or a {@code gs} process per document, killed when the time limit runs out. libgs cannot be
 * interrupted (a PostScript {@code {} loop} runs for ever) and allows one interpreter per process,
 * so the in-process engine belongs in a process that can itself be killed: the render worker
 * ({@code org.faxgw.render.worker}). The {@code gs} program of the process engine is taken from the
 * system property {@code faxgw.gs} (default {@code gs} on the PATH; Debian package {@code
 * ghostscript}).
 */
final class PostScriptRenderer {
  /** System property naming the Ghostscript program. */
  static final String GS_PROPERTY = "faxgw.gs";

  private PostScriptRenderer() {}

  static String gsProgram() {
    return System.getProperty(GS_PROPERTY, "gs");
  }

  /**
   * Renders {@code src} (PostScript, or a PDF for the repair path) and hands each page to {@code
   * sink} in order.
   *
   * @return the number of pages
   */
  static int render(
      DocumentSource src,
      RenderOptions o,
      Deadline deadline,
      FaxRenderer.ProgressListener progress,
      PostScriptEngine engine,
      boolean pdf,
      FaxRenderer.PageSink sink)
      throws IOException, RenderException {
    Path dir = Files.createTempDirectory("faxgw-gs-");
    try {
      Path in;
      if (src instanceof DocumentSource.FileSource f) {
        in = f.path().toAbsolutePath();
      } else {
        in = dir.resolve(pdf ? "in.pdf" : "in.ps");
        Files.write(in, ((DocumentSource.BytesSource) src).bytes());
      }
      Path pages = Files.createDirectory(dir.resolve("pages"));
      List<String> args = arguments(o, pages.resolve("page-%05d.pbm"), in);
      if (engine == PostScriptEngine.GHOST4J) {
        Libgs.run(args);
        deadline.check();
      } else {
        runProcess(args, dir.resolve("gs.log"), deadline);
      }
      List<Path> files;
      try (Stream<Path> s = Files.list(pages)) {
        files = s.sorted().toList();
      }
      String what = pdf ? "PDF" : "PostScript";
      if (files.isEmpty()) {
        throw new RenderException(RenderException.Reason.DAMAGED, what + " made no pages");
      }
      if (files.size() > o.maxPages()) {
        throw new RenderException(
            RenderException.Reason.TOO_LARGE,
            what
                + " has more than "
                + o.maxPages()
                + " pages; at most "
                + o.maxPages()
                + " are accepted");
      }
      int n = 0;
      for (Path f : files) {
        List<BilevelPage> one = readPbm(f, o, deadline);
        Files.delete(f);
        for (BilevelPage p : one) {
          sink.page(++n, p);
          progress.pageDone(n, files.size());
        }
      }
      return n;
    } finally {
      deleteTree(dir);
    }
  }

  /** Ghostscript's arguments (without the program name) for one document. */
  static List<String> arguments(RenderOptions o, Path outputPattern, Path input) {
    List<String> cmd = new ArrayList<>();
    cmd.add("-q");
    cmd.add("-dSAFER");
    cmd.add("-dBATCH");
    cmd.add("-dNOPAUSE");
    cmd.add("-dNOPROMPT");
    cmd.add("-sDEVICE=pbmraw");
    cmd.add("-r" + o.resolution().xDpi() + "x" + o.resolution().yDpi());
    cmd.add("-sPAPERSIZE=" + (o.pageSize() == PageSize.LETTER ? "letter" : "a4"));
    cmd.add("-dFIXEDMEDIA");
    cmd.add("-dPSFitPage");
    cmd.add("-dPDFFitPage");
    // one page more than allowed tells us the document is too long, without rendering it all
    cmd.add("-dLastPage=" + (o.maxPages() + 1));
    cmd.add("-sOutputFile=" + outputPattern);
    cmd.add("-f");
    cmd.add(input.toString());
    return cmd;
  }

  private static void runProcess(List<String> args, Path log, Deadline deadline)
      throws IOException, RenderException {
    List<String> cmd = new ArrayList<>();
    cmd.add(gsProgram());
    cmd.addAll(args);
    Process p;
    try {
      p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
              .start();
    } catch (IOException e) {
      throw new RenderException(
          RenderException.Reason.TOOL,
          "PostScript needs Ghostscript, which is not installed (Debian package ghostscript)",
          e);
    }
    boolean finished;
    try {
      finished = p.waitFor(Math.max(1, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      kill(p);
      Thread.currentThread().interrupt();
      throw deadline.exceeded();
    }
    if (!finished) {
      kill(p);
      throw deadline.exceeded();
    }
    if (p.exitValue() != 0) {
      throw new RenderException(
          RenderException.Reason.DAMAGED, "PostScript error: " + gsError(log, p.exitValue()));
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Ghostscript's own error line ("Error: /undefined in foo"), or the exit code. */
  static String gsError(Path log, int exit) {
    try {
      return gsError(
          Files.readString(log, StandardCharsets.ISO_8859_1),
          "Ghostscript ended with exit code " + exit);
    } catch (IOException e) {
      return "Ghostscript ended with exit code " + exit;
    }
  }

  /** Ghostscript's own error line in its console output, or {@code otherwise}. */
  static String gsError(String console, String otherwise) {
    List<String> lines = console.lines().toList();
    for (String l : lines) {
      if (l.startsWith("Error:")) {
        return l.substring(6).strip();
      }
    }
    for (String l : lines) {
      if (!l.isBlank()) {
        return l.strip();
      }
    }
    return otherwise;
  }

  /** Reads concatenated raw PBM pages (Netpbm "P4": 1 = black, rows MSB first, byte padded). */
  static List<BilevelPage> readPbm(Path file, RenderOptions o, Deadline deadline)
      throws IOException, RenderException {
    List<BilevelPage> pages = new ArrayList<>();
    if (!Files.exists(file)) {
      return pages;
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      while (true) {
        int m1 = in.read();
        if (m1 < 0) {
          break;
        }
        if (m1 != 'P' || in.read() != '4') {
          throw new RenderException(
              RenderException.Reason.TOOL, "Ghostscript wrote an unexpected page format");
        }
        int w = pbmInt(in);
        int h = pbmInt(in);
        if (w <= 0 || h <= 0 || (long) w * h > 4L * PageSize.FAX_WIDTH_PX * o.pageHeightPx()) {
          throw new RenderException(
              RenderException.Reason.TOOL, "Ghostscript wrote a page of " + w + " x " + h);
        }
        int srcStride = (w + 7) / 8;
        byte[] row = new byte[srcStride];
        int height = o.pageHeightPx();
        int stride = BilevelPage.stride(PageSize.FAX_WIDTH_PX);
        byte[] bits = new byte[stride * height];
        // centre: positive shift pads, negative crops
        int shift = (PageSize.FAX_WIDTH_PX - w) / 2;
        for (int y = 0; y < h; y++) {
          if (in.readNBytes(row, 0, srcStride) != srcStride) {
            throw new EOFException("Ghostscript's page ended early");
          }
          if (y < height) {
            copyShifted(row, w, bits, y * stride, shift);
          }
        }
        pages.add(new BilevelPage(PageSize.FAX_WIDTH_PX, height, o.resolution(), bits));
        deadline.check();
      }
    }
    return pages;
  }

  private static void copyShifted(byte[] row, int w, byte[] dst, int off, int shift) {
    if (shift >= 0 && (shift & 7) == 0) {
      int n = Math.min(row.length, (PageSize.FAX_WIDTH_PX - shift + 7) / 8);
      System.arraycopy(row, 0, dst, off + shift / 8, Math.min(n, dst.length - off - shift / 8));
      return;
    }
    if (shift > 0 && w + shift <= PageSize.FAX_WIDTH_PX) {
      // byte at a time (A4: 1686 pixels shifted by 21): each source byte lands in two
      int r = shift & 7;
      int base = off + (shift >>> 3);
      int full = w >>> 3;
      int rem = w & 7;
      for (int i = 0; i < full || (i == full && rem != 0); i++) {
        int v = row[i] & 0xff;
        if (i == full) {
          v &= 0xff << (8 - rem); // padding bits after the last pixel
        }
        if (v == 0) {
          continue;
        }
        dst[base + i] |= (byte) (v >>> r);
        byte spill = (byte) (v << (8 - r));
        if (spill != 0) {
          dst[base + i + 1] |= spill;
        }
      }
      return;
    }
    for (int x = 0; x < w; x++) {
      if ((row[x >>> 3] & (0x80 >>> (x & 7))) != 0) {
        int dx = x + shift;
        if (dx >= 0 && dx < PageSize.FAX_WIDTH_PX) {
          dst[off + (dx >>> 3)] |= (byte) (0x80 >>> (dx & 7));
        }
      }
    }
  }

  private static int pbmInt(InputStream in) throws IOException {
    int c = in.read();
    while (true) {
      if (c == '#') {
        while (c >= 0 && c != '\n' && c != '\r') {
          c = in.read();
        }
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        c = in.read();
      } else {
        break;
      }
    }
    int v = 0;
    int digits = 0;
    while (c >= '0' && c <= '9' && digits < 9) {
      v = v * 10 + (c - '0');
      digits++;
      c = in.read();
    }
    if (digits == 0) {
      throw new IOException("bad PBM header");
    }
    // c is the single whitespace after the number (PBM spec)
    return v;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // temp dir left behind; nothing else to do
    }
  }
}
