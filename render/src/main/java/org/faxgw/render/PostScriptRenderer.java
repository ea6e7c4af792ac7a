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
 * PostScript to fax pages with Ghostscript, run as an external {@code gs} process: {@code -dSAFER
 * -dBATCH -dNOPAUSE -sDEVICE=pbmraw -r204x196} (or x98) on the chosen paper ({@code -dFIXEDMEDIA
 * -dPSFitPage}: a document for other paper is scaled to fit), into a temporary file read back here.
 * Ghostscript's paper width (A4 1686 pixels, Letter 1734) is centred on the 1728-pixel line.
 *
 * <p><b>Why a process and not ghost4j/libgs in the JVM.</b> A PostScript program can loop forever
 * ({@code {} loop}); libgs offers no way to stop a running interpreter, and a Java thread stuck in
 * native code cannot be stopped either, so the in-process interpreter would be lost for good (libgs
 * allows one instance per process, so every later PostScript job would wait behind it). A process
 * is killed when the time limit runs out, several can run at once, and a crash of the interpreter
 * on a hostile file cannot take the gateway down. The price is Ghostscript's start-up, some tens of
 * milliseconds per document ({@code faxgw bench render} times a gs process per document).
 *
 * <p>The {@code gs} program is taken from the system property {@code faxgw.gs} (default {@code gs}
 * on the PATH; Debian package {@code ghostscript}).
 */
final class PostScriptRenderer {
  /** System property naming the Ghostscript program. */
  static final String GS_PROPERTY = "faxgw.gs";

  private PostScriptRenderer() {}

  static String gsProgram() {
    return System.getProperty(GS_PROPERTY, "gs");
  }

  static List<BilevelPage> render(
      DocumentSource src, RenderOptions o, Deadline deadline, FaxRenderer.ProgressListener progress)
      throws IOException, RenderException {
    Path dir = Files.createTempDirectory("faxgw-ps-");
    try {
      Path in;
      if (src instanceof DocumentSource.FileSource f) {
        in = f.path().toAbsolutePath();
      } else {
        in = dir.resolve("in.ps");
        Files.write(in, ((DocumentSource.BytesSource) src).bytes());
      }
      Path out = dir.resolve("out.pbm");
      Path log = dir.resolve("gs.log");
      List<String> cmd = new ArrayList<>();
      cmd.add(gsProgram());
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
      // one page more than allowed tells us the document is too long, without rendering it all
      cmd.add("-dLastPage=" + (o.maxPages() + 1));
      cmd.add("-sOutputFile=" + out);
      cmd.add("-f");
      cmd.add(in.toString());
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
      List<BilevelPage> pages = readPbm(out, o, deadline);
      if (pages.isEmpty()) {
        throw new RenderException(RenderException.Reason.DAMAGED, "PostScript made no pages");
      }
      if (pages.size() > o.maxPages()) {
        throw new RenderException(
            RenderException.Reason.TOO_LARGE,
            "PostScript has more than "
                + o.maxPages()
                + " pages; at most "
                + o.maxPages()
                + " are accepted");
      }
      progress.pageDone(pages.size(), pages.size());
      return pages;
    } finally {
      deleteTree(dir);
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
      List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
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
    } catch (IOException e) {
      // fall through
    }
    return "Ghostscript ended with exit code " + exit;
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
