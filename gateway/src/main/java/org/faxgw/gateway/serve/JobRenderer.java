package org.faxgw.gateway.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.faxgw.queue.DocumentSpool;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobDocument;
import org.faxgw.render.RenderException;
import org.faxgw.render.RenderOptions;
import org.faxgw.render.worker.RenderWorkerPool;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.FaxTiffWriter;
import org.faxgw.t4.Resolution;

/**
 * Renders a job's documents (cover page first, then each document in order) in the render worker
 * pool and writes them as one G3 (T.4 MR) TIFF into the job's spool folder, atomically. A failure
 * names the part that failed ("report.pdf: took longer than 60 s to render").
 */
final class JobRenderer implements RenderEngine {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final RenderWorkerPool renderer;
  private final RenderOptions options;
  private final DocumentSpool spool;

  /** Told "rendering page 12 of 25" as a document's pages are finished. */
  interface Progress {
    void status(String text);

    /**
     * True when the render is to stop and write nothing (its lease was given up or lost): asked
     * before each document and before the TIFF is written.
     */
    default boolean abandoned() {
      return false;
    }

    Progress NONE = t -> {};
  }

  /** The render stopped because {@link Progress#abandoned()} said so; nothing was written. */
  static final class Abandoned extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Abandoned(FaxJob job) {
      super("render of job " + job.id() + " abandoned", null, false, false);
    }
  }

  JobRenderer(RenderWorkerPool renderer, RenderOptions options, DocumentSpool spool) {
    this.renderer = renderer;
    this.options = options;
    this.spool = spool;
  }

  /** The result: pages and the spool-relative TIFF. */
  record Rendered(int pages, String tiff) {}

  /** The TIFF name for a job; jobs of one message and resolution share it. */
  static String tiffName(FaxJob job) {
    return "fax-" + job.resolution() + ".tif";
  }

  Rendered render(FaxJob job) throws RenderException, IOException {
    return render(job, Progress.NONE);
  }

  @Override
  public Rendered render(FaxJob job, Progress progress) throws RenderException, IOException {
    RenderOptions o =
        options.withResolution(
            "normal".equals(job.resolution()) ? Resolution.NORMAL : Resolution.FINE);
    List<BilevelPage> pages = new ArrayList<>();
    for (JobDocument d : job.documents()) {
      if (progress.abandoned()) {
        throw new Abandoned(job);
      }
      List<BilevelPage> p = new ArrayList<>();
      try {
        if (JobDocument.COVER.equals(d.kind())) {
          String body = Files.readString(spool.local(d.path()), StandardCharsets.UTF_8);
          p = renderer.renderText(coverText(job, body), o);
        } else {
          List<BilevelPage> into = p;
          renderer.render(
              spool.local(d.path()),
              d.contentType(),
              o,
              (done, total) -> progress.status(progressText(done, total)),
              (n, page) -> into.add(page));
        }
      } catch (RenderException e) {
        throw new RenderException(e.reason(), d.name() + ": " + e.getMessage(), e);
      }
      pages.addAll(p);
      if (pages.size() > o.maxPages()) {
        throw new RenderException(
            RenderException.Reason.TOO_LARGE,
            "job has more than " + o.maxPages() + " pages (at " + d.name() + ")");
      }
    }
    if (pages.isEmpty()) {
      throw new RenderException(RenderException.Reason.EMPTY, "nothing to send: no pages");
    }
    if (progress.abandoned()) {
      throw new Abandoned(job);
    }
    String tiff;
    try (DocumentSpool.SpoolFile f = spool.create(job.spoolDir(), tiffName(job))) {
      FaxTiffWriter.write(pages, FaxCompression.MR, f.out());
      tiff = f.commit();
    }
    return new Rendered(pages.size(), tiff);
  }

  /** "rendering page 12 of 25" (or "rendering page 12" while the total is unknown). */
  static String progressText(int done, int total) {
    return total > 0 ? "rendering page " + done + " of " + total : "rendering page " + done;
  }

  private static String coverText(FaxJob job, String body) {
    StringBuilder sb = new StringBuilder();
    sb.append("FAX\n\n");
    sb.append("To:      ").append(job.number()).append('\n');
    sb.append("From:    ").append(job.owner()).append('\n');
    sb.append("Date:    ").append(DATE.format(job.submitted())).append('\n');
    if (!job.subject().isBlank()) {
      sb.append("Subject: ").append(job.subject()).append('\n');
    }
    sb.append("\n").append(body);
    return sb.toString();
  }
}
