package org.faxgw.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.faxgw.t4.BilevelPage;

/**
 * Renders documents to fax pages: PDF, PostScript, TIFF, PNG, JPEG, GIF, BMP and plain text. Every
 * page is {@link PageSize#FAX_WIDTH_PX} pixels wide at the requested resolution.
 *
 * <p>The format is told from the content (magic bytes); the declared MIME type is only a hint for
 * plain text and its charset. A document whose declared type lies is rendered as what it really is,
 * or refused with a clear reason when it is nothing we know.
 *
 * <p>PostScript, and PDFs that PDFBox refuses as damaged, go to Ghostscript through the chosen
 * {@link PostScriptEngine}.
 *
 * <p>Thread-safe; one instance can serve the whole process. Work runs on two daemon pools: {@code
 * faxgw-render-doc-N} (one thread per document being rendered, created on demand) and {@code
 * faxgw-render-page-N} (one per core, PDF pages in parallel). The calling thread only waits, at
 * most for the document's time limit.
 */
public final class FaxRenderer {
  private static final ExecutorService DOC_POOL =
      Executors.newCachedThreadPool(daemon("faxgw-render-doc-"));
  private static final ExecutorService PAGE_POOL =
      Executors.newFixedThreadPool(
          Math.max(1, Runtime.getRuntime().availableProcessors()), daemon("faxgw-render-page-"));

  /** Told as pages are finished; called from the render threads, in no particular page order. */
  @FunctionalInterface
  public interface ProgressListener {
    /**
     * @param pagesDone pages finished so far
     * @param pagesTotal pages in the document, or -1 while unknown
     */
    void pageDone(int pagesDone, int pagesTotal);

    ProgressListener NONE = (d, t) -> {};
  }

  /** Takes finished pages in page order, one at a time (called from a render thread). */
  @FunctionalInterface
  public interface PageSink {
    /**
     * @param number the page's number in the document, from 1
     */
    void page(int number, BilevelPage page) throws IOException;
  }

  private final int parallelism;
  private final PostScriptEngine postScript;

  /** Renders PDF pages on as many threads as there are cores; PostScript with a gs process. */
  public FaxRenderer() {
    this(Runtime.getRuntime().availableProcessors());
  }

  /**
   * Renders PDF pages on at most {@code parallelism} threads (1 = one page after another);
   * PostScript with a {@code gs} process per document.
   */
  public FaxRenderer(int parallelism) {
    this(parallelism, PostScriptEngine.PROCESS);
  }

  /**
   * @param parallelism PDF pages rendered at once
   * @param postScript how PostScript, and PDFs that PDFBox refuses as damaged, go to Ghostscript
   *     ({@link PostScriptEngine#GHOST4J} only in a process that may be killed, see there)
   */
  public FaxRenderer(int parallelism, PostScriptEngine postScript) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
    }
    this.parallelism = parallelism;
    this.postScript = Objects.requireNonNull(postScript, "postScript");
  }

  /** The format of a file by its content, with the declared type as a hint (see class doc). */
  public static DocumentType detect(Path document, String contentTypeOrNull)
      throws RenderException, IOException {
    DocumentSource src = new DocumentSource.FileSource(document);
    return ContentSniffer.detect(
        src.head(ContentSniffer.HEAD_BYTES), src.length(), contentTypeOrNull);
  }

  /** The format of bytes by their content, with the declared type as a hint (see class doc). */
  public static DocumentType detect(byte[] document, String contentTypeOrNull)
      throws RenderException {
    return ContentSniffer.detect(
        new DocumentSource.BytesSource(document).head(ContentSniffer.HEAD_BYTES),
        document.length,
        contentTypeOrNull);
  }

  public List<BilevelPage> render(Path document, String contentTypeOrNull, RenderOptions o)
      throws RenderException {
    return render(document, contentTypeOrNull, o, ProgressListener.NONE);
  }

  public List<BilevelPage> render(
      Path document, String contentTypeOrNull, RenderOptions o, ProgressListener progress)
      throws RenderException {
    return render(new DocumentSource.FileSource(document), contentTypeOrNull, o, progress);
  }

  public List<BilevelPage> render(byte[] document, String contentTypeOrNull, RenderOptions o)
      throws RenderException {
    return render(document, contentTypeOrNull, o, ProgressListener.NONE);
  }

  public List<BilevelPage> render(
      byte[] document, String contentTypeOrNull, RenderOptions o, ProgressListener progress)
      throws RenderException {
    return render(new DocumentSource.BytesSource(document), contentTypeOrNull, o, progress);
  }

  /**
   * Plain text (a mail body, a cover page) in DejaVu Sans Mono: 80 columns, wrapped, paginated.
   * Form feeds start a new page.
   */
  public List<BilevelPage> renderText(String text, RenderOptions o) throws RenderException {
    Objects.requireNonNull(text, "text");
    Deadline deadline = new Deadline(o.timeLimit());
    return runWithin(deadline, () -> TextRenderer.render(text, o, deadline));
  }

  /**
   * Renders a file and hands its pages to {@code sink} in order, one at a time (PostScript pages
   * are read one by one from Ghostscript's output; other formats are rendered, then handed over).
   *
   * @return the number of pages
   */
  public int render(
      Path document,
      String contentTypeOrNull,
      RenderOptions o,
      ProgressListener progress,
      PageSink sink)
      throws RenderException {
    return render(new DocumentSource.FileSource(document), contentTypeOrNull, o, progress, sink);
  }

  private List<BilevelPage> render(
      DocumentSource src, String declared, RenderOptions o, ProgressListener progress)
      throws RenderException {
    List<BilevelPage> pages = new java.util.ArrayList<>();
    render(src, declared, o, progress, (n, page) -> pages.add(page));
    return pages;
  }

  private int render(
      DocumentSource src,
      String declared,
      RenderOptions o,
      ProgressListener progress,
      PageSink sink)
      throws RenderException {
    Objects.requireNonNull(o, "options");
    Deadline deadline = new Deadline(o.timeLimit());
    DocumentType type;
    try {
      type = ContentSniffer.detect(src.head(ContentSniffer.HEAD_BYTES), src.length(), declared);
    } catch (IOException e) {
      throw new RenderException(
          RenderException.Reason.DAMAGED, "cannot read " + src.name() + ": " + e.getMessage(), e);
    }
    ProgressListener p = progress == null ? ProgressListener.NONE : progress;
    if (type == DocumentType.POSTSCRIPT) {
      return runWithin(
          deadline, () -> PostScriptRenderer.render(src, o, deadline, p, postScript, false, sink));
    }
    if (type == DocumentType.PDF) {
      List<BilevelPage> pages;
      try {
        pages =
            runWithin(
                deadline,
                () -> new PdfRenderer(PAGE_POOL, parallelism).render(src, o, deadline, p));
      } catch (RenderException e) {
        if (!PdfRenderer.unparsable(e)) {
          throw e;
        }
        return repairPdf(src, o, deadline.again(), p, sink, e);
      }
      return handOver(pages, sink);
    }
    List<BilevelPage> pages =
        switch (type) {
          case TIFF, PNG, JPEG, GIF, BMP ->
              runWithin(deadline, () -> ImageRenderer.render(src, type, o, deadline, p));
          default ->
              runWithin(
                  deadline,
                  () ->
                      TextRenderer.render(
                          TextRenderer.decode(src, ContentSniffer.charsetParam(declared)),
                          o,
                          deadline));
        };
    return handOver(pages, sink);
  }

  /**
   * A PDF that PDFBox could not parse, given to Ghostscript, which repairs many damaged files
   * (broken cross-reference table, wrong offsets). If Ghostscript fails too, PDFBox's reason
   * stands.
   */
  private int repairPdf(
      DocumentSource src,
      RenderOptions o,
      Deadline deadline,
      ProgressListener p,
      PageSink sink,
      RenderException pdfBoxReason)
      throws RenderException {
    List<BilevelPage> pages = new java.util.ArrayList<>();
    try {
      runWithin(
          deadline,
          () ->
              PostScriptRenderer.render(
                  src, o, deadline, p, postScript, true, (n, page) -> pages.add(page)));
    } catch (RenderException e) {
      if (e.reason() == RenderException.Reason.TIME_LIMIT
          || e.reason() == RenderException.Reason.TOO_LARGE) {
        throw e;
      }
      throw pdfBoxReason;
    }
    return handOver(pages, sink);
  }

  private static int handOver(List<BilevelPage> pages, PageSink sink) throws RenderException {
    try {
      for (int i = 0; i < pages.size(); i++) {
        sink.page(i + 1, pages.get(i));
      }
    } catch (IOException e) {
      throw new RenderException(
          RenderException.Reason.TOOL, "cannot hand over rendered pages: " + e.getMessage(), e);
    }
    return pages.size();
  }

  interface RenderTask<T> {
    T call() throws RenderException, IOException;
  }

  private static <T> T runWithin(Deadline deadline, RenderTask<T> task) throws RenderException {
    Future<T> f = DOC_POOL.submit(() -> task.call());
    try {
      long wait = Math.max(1, deadline.remainingNanos());
      // A little grace so a worker that notices the deadline itself reports it first.
      return f.get(wait + TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      deadline.cancel();
      f.cancel(true);
      throw deadline.exceeded();
    } catch (InterruptedException e) {
      deadline.cancel();
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new RenderException(RenderException.Reason.TIME_LIMIT, "render interrupted", e);
    } catch (ExecutionException e) {
      deadline.cancel();
      throw translate(e.getCause(), deadline);
    }
  }

  static RenderException translate(Throwable t, Deadline deadline) {
    if (t instanceof RenderException r) {
      return r;
    }
    if (t instanceof Deadline.Expired) {
      return deadline.exceeded();
    }
    if (t instanceof OutOfMemoryError) {
      return new RenderException(
          RenderException.Reason.TOO_LARGE,
          "document too large: it needs more memory than the renderer may use",
          t);
    }
    if (t instanceof UncheckedIOException u) {
      t = u.getCause();
    }
    String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return new RenderException(
        RenderException.Reason.DAMAGED, "damaged or unreadable document: " + msg, t);
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
