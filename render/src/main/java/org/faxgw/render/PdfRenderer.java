package org.faxgw.render;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.PageDrawer;
import org.apache.pdfbox.rendering.PageDrawerParameters;
import org.faxgw.t4.BilevelPage;

/**
 * PDF to fax pages with PDFBox 3.
 *
 * <p><b>Geometry.</b> Each page (its crop box, after its /Rotate) is drawn at true physical size:
 * scale 204/72 across and 196/72 (or 98/72) down, centred on the 1728-pixel line and on the page
 * height of {@link RenderOptions#pageSize()}. A landscape page is turned a quarter anticlockwise
 * (its top to the left edge). A page more than 1 % larger than the fax page in either direction is
 * scaled down to fit, keeping its aspect; up to 1 % too large (US Letter is 1734 pixels wide at 204
 * dpi) it is cropped evenly, as fax machines do. Pages larger than the PDF limit of 14400 x 14400
 * units (ISO 32000-1 annex C.2: 200 x 200 in) are refused.
 *
 * <p><b>Pixels.</b> Pages are drawn into 8-bit grey with anti-aliasing off (text and lines come out
 * pure black and white) and bilinear image interpolation, then {@link Halftone} makes them bilevel
 * (near-black and near-white are thresholded, mid-tones of images and tints are ordered-dithered).
 *
 * <p><b>Speed.</b> Pages are shared out over up to {@code parallelism} threads, each with its own
 * {@link PDDocument} (PDFBox documents are not thread-safe); one thread reuses the document opened
 * to check the file.
 *
 * <p><b>Limits.</b> The file must end with {@code %%EOF} (ISO 32000-1 7.5.5) so that a truncated
 * upload is refused rather than faxed in part; a password-protected file is refused; an image in
 * the page declaring more than {@link RenderOptions#maxPixels()} pixels is refused; every content
 * operator checks the deadline, so a slow page stops when the time is up.
 */
final class PdfRenderer {
  /** ISO 32000-1 annex C.2, table C.1: the largest page is 14400 x 14400 default units. */
  static final float MAX_PAGE_UNITS = 14_400f;

  /** ISO 32000-1 annex C.2: the smallest page is 3 x 3 units. */
  static final float MIN_PAGE_UNITS = 3f;

  /** A page this much larger than the fax page is cropped, not scaled (Letter: 0.35 %). */
  static final double CROP_TOLERANCE = 1.01;

  /** Off only in tests that compare the glyph cache with PDFBox's own outline filling. */
  static volatile boolean glyphCacheEnabled = true;

  private final ExecutorService pool;
  private final int parallelism;

  PdfRenderer(ExecutorService pool, int parallelism) {
    this.pool = pool;
    this.parallelism = parallelism;
  }

  /** Where one page goes on the fax page. */
  record Placement(
      double offsetX,
      double offsetY,
      double scaleX,
      double scaleY,
      boolean turn,
      double turnedHeightPx) {}

  List<BilevelPage> render(
      DocumentSource src, RenderOptions o, Deadline deadline, FaxRenderer.ProgressListener progress)
      throws RenderException, IOException {
    requireEof(src);
    PDDocument first = load(src);
    try {
      int n = first.getNumberOfPages();
      if (n == 0) {
        throw new RenderException(RenderException.Reason.DAMAGED, "PDF has no pages");
      }
      if (n > o.maxPages()) {
        throw new RenderException(
            RenderException.Reason.TOO_LARGE,
            "PDF has " + n + " pages; at most " + o.maxPages() + " are accepted");
      }
      Placement[] places = new Placement[n];
      for (int i = 0; i < n; i++) {
        places[i] = place(first.getPage(i), i + 1, o);
      }
      deadline.check();
      int workers = Math.min(parallelism, n);
      BilevelPage[] pages = new BilevelPage[n];
      AtomicInteger done = new AtomicInteger();
      List<Future<Void>> futures = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        int worker = w;
        futures.add(
            pool.submit(
                () -> {
                  renderShare(
                      worker == 0 ? first : null,
                      src,
                      worker,
                      workers,
                      places,
                      pages,
                      o,
                      deadline,
                      done,
                      progress);
                  return null;
                }));
      }
      try {
        for (Future<Void> f : futures) {
          long wait = Math.max(1, deadline.remainingNanos());
          f.get(wait, TimeUnit.NANOSECONDS);
        }
      } catch (TimeoutException e) {
        deadline.cancel();
        futures.forEach(f -> f.cancel(true));
        throw deadline.exceeded();
      } catch (InterruptedException e) {
        deadline.cancel();
        futures.forEach(f -> f.cancel(true));
        Thread.currentThread().interrupt();
        throw deadline.exceeded();
      } catch (ExecutionException e) {
        deadline.cancel();
        futures.forEach(f -> f.cancel(true));
        throw FaxRenderer.translate(pdfCause(e.getCause()), deadline);
      }
      return List.of(pages);
    } finally {
      first.close();
    }
  }

  private static Throwable pdfCause(Throwable t) {
    if (t instanceof ImageTooLarge big) {
      return new RenderException(RenderException.Reason.TOO_LARGE, big.getMessage());
    }
    if (t instanceof IOException && !(t instanceof InvalidPasswordException)) {
      return new RenderException(
          RenderException.Reason.DAMAGED, "damaged PDF: " + t.getMessage(), t);
    }
    return t;
  }

  private void renderShare(
      PDDocument own,
      DocumentSource src,
      int worker,
      int workers,
      Placement[] places,
      BilevelPage[] pages,
      RenderOptions o,
      Deadline deadline,
      AtomicInteger done,
      FaxRenderer.ProgressListener progress)
      throws IOException, RenderException {
    PDDocument doc = own != null ? own : load(src);
    try {
      DeadlineRenderer renderer = new DeadlineRenderer(doc, deadline, o.maxPixels());
      renderer.setSubsamplingAllowed(true);
      renderer.setRenderingHints(GrayCanvas.hints(RenderingHints.VALUE_INTERPOLATION_BILINEAR));
      int height = o.pageHeightPx();
      for (int i = worker; i < places.length; i += workers) {
        deadline.check();
        GrayCanvas canvas = GrayCanvas.forThread(PageSize.FAX_WIDTH_PX, height);
        Graphics2D g = canvas.graphics(RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        try {
          Placement p = places[i];
          g.translate(p.offsetX(), p.offsetY());
          if (p.turn()) {
            // (x, y) -> (y, H - x): the landscape page's top goes to the left edge.
            g.translate(0, p.turnedHeightPx());
            g.rotate(-Math.PI / 2);
            renderer.renderPageToGraphics(i, g, (float) p.scaleY(), (float) p.scaleX());
          } else {
            renderer.renderPageToGraphics(i, g, (float) p.scaleX(), (float) p.scaleY());
          }
        } finally {
          g.dispose();
        }
        deadline.check();
        pages[i] = canvas.toPage(o.resolution());
        progress.pageDone(done.incrementAndGet(), places.length);
      }
    } finally {
      GrayCanvas.release();
      if (own == null) {
        doc.close();
      }
    }
  }

  static Placement place(PDPage page, int number, RenderOptions o) throws RenderException {
    PDRectangle box = page.getCropBox();
    double w = box.getWidth();
    double h = box.getHeight();
    int rot = ((page.getRotation() % 360) + 360) % 360;
    if (rot == 90 || rot == 270) {
      double t = w;
      w = h;
      h = t;
    }
    if (w > MAX_PAGE_UNITS || h > MAX_PAGE_UNITS) {
      throw new RenderException(
          RenderException.Reason.TOO_LARGE,
          String.format(
              Locale.ROOT,
              "PDF page %d is %.0f x %.0f mm; pages larger than 5080 x 5080 mm are refused",
              number,
              w / 72 * 25.4,
              h / 72 * 25.4));
    }
    if (!(w >= MIN_PAGE_UNITS && h >= MIN_PAGE_UNITS)) {
      throw new RenderException(
          RenderException.Reason.DAMAGED, "PDF page " + number + " has no usable size");
    }
    boolean turn = w > h;
    double pw = turn ? h : w;
    double ph = turn ? w : h;
    double sx = o.resolution().xDpi() / 72.0;
    double sy = o.resolution().yDpi() / 72.0;
    double wpx = pw * sx;
    double hpx = ph * sy;
    int boxW = PageSize.FAX_WIDTH_PX;
    int boxH = o.pageHeightPx();
    double f = 1.0;
    if (wpx > boxW * CROP_TOLERANCE || hpx > boxH * CROP_TOLERANCE) {
      f = Math.min(boxW / wpx, boxH / hpx);
    }
    wpx *= f;
    hpx *= f;
    double offX = Math.floor((boxW - wpx) / 2);
    double offY = Math.floor((boxH - hpx) / 2);
    return new Placement(offX, offY, sx * f, sy * f, turn, hpx);
  }

  private static void requireEof(DocumentSource src) throws IOException, RenderException {
    byte[] tail = src.tail(1024);
    String s = new String(tail, StandardCharsets.ISO_8859_1);
    if (!s.contains("%%EOF")) {
      throw new RenderException(
          RenderException.Reason.DAMAGED,
          "truncated PDF (no %%EOF at its end): send the complete file again");
    }
  }

  /** The failure is PDFBox refusing to parse the file (Ghostscript may still repair it). */
  static boolean unparsable(RenderException e) {
    return e.reason() == RenderException.Reason.DAMAGED
        && e.getCause() instanceof IOException
        && e.getMessage().startsWith(DAMAGED_PREFIX);
  }

  private static final String DAMAGED_PREFIX = "damaged PDF: ";

  static PDDocument load(DocumentSource src) throws IOException, RenderException {
    try {
      if (src instanceof DocumentSource.FileSource f) {
        return Loader.loadPDF(new RandomAccessReadBufferedFile(f.path()));
      }
      return Loader.loadPDF(((DocumentSource.BytesSource) src).bytes());
    } catch (InvalidPasswordException e) {
      throw new RenderException(
          RenderException.Reason.ENCRYPTED, "encrypted PDF: remove the password and send again", e);
    } catch (IOException e) {
      throw new RenderException(RenderException.Reason.DAMAGED, DAMAGED_PREFIX + e.getMessage(), e);
    }
  }

  /** Unchecked so PDFBox's per-operator error handling cannot swallow it. */
  static final class ImageTooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ImageTooLarge(String m) {
      super(m, null, false, false);
    }
  }

  /** A renderer whose pages are drawn by {@link FaxPageDrawer}. */
  private static final class DeadlineRenderer extends PDFRenderer {
    private final Deadline deadline;
    private final long maxPixels;
    private final Map<FaxPageDrawer.GlyphKey, FaxPageDrawer.GlyphMask> glyphs;

    DeadlineRenderer(PDDocument doc, Deadline deadline, long maxPixels) {
      super(doc);
      this.deadline = deadline;
      this.maxPixels = maxPixels;
      // optional content can hide text, which the glyph cache does not know about
      boolean optionalContent = doc.getDocumentCatalog().getOCProperties() != null;
      this.glyphs = optionalContent || !glyphCacheEnabled ? null : FaxPageDrawer.newGlyphCache();
    }

    @Override
    protected PageDrawer createPageDrawer(PageDrawerParameters parameters) throws IOException {
      return new FaxPageDrawer(parameters, deadline, maxPixels, glyphs);
    }
  }
}
