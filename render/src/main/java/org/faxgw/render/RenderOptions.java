package org.faxgw.render;

import java.time.Duration;
import java.util.Objects;
import org.faxgw.t4.Resolution;

/**
 * Limits and geometry for one render.
 *
 * @param resolution the fax resolution of the pages made (normally {@link Resolution#FINE} or
 *     {@link Resolution#NORMAL}); pages are always {@link PageSize#FAX_WIDTH_PX} wide
 * @param pageSize the paper the pages stand for (sets the number of rows)
 * @param timeLimit wall-clock limit for the whole document; exceeding it is a {@link
 *     RenderException}
 * @param maxPages a document with more pages is refused
 * @param maxPixels an image file, or an image inside a PDF, declaring more pixels (width x height)
 *     is refused before it is decoded (PDF pages themselves are scaled to fit the fax page)
 */
public record RenderOptions(
    Resolution resolution, PageSize pageSize, Duration timeLimit, int maxPages, long maxPixels) {

  /** 60 s per document. */
  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(60);

  /** 200 pages per document. */
  public static final int DEFAULT_MAX_PAGES = 200;

  /** 50 megapixels per image (e.g. a 600 dpi A4 scan is 35 MP). */
  public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

  public RenderOptions {
    Objects.requireNonNull(resolution, "resolution");
    Objects.requireNonNull(pageSize, "pageSize");
    Objects.requireNonNull(timeLimit, "timeLimit");
    if (timeLimit.isNegative() || timeLimit.isZero()) {
      throw new IllegalArgumentException("timeLimit must be positive: " + timeLimit);
    }
    if (maxPages <= 0) {
      throw new IllegalArgumentException("maxPages must be positive: " + maxPages);
    }
    if (maxPixels <= 0) {
      throw new IllegalArgumentException("maxPixels must be positive: " + maxPixels);
    }
  }

  /** Fine resolution, A4, 60 s, 200 pages, 50 MP. */
  public static RenderOptions defaults() {
    return new RenderOptions(
        Resolution.FINE, PageSize.A4, DEFAULT_TIME_LIMIT, DEFAULT_MAX_PAGES, DEFAULT_MAX_PIXELS);
  }

  public RenderOptions withResolution(Resolution r) {
    return new RenderOptions(r, pageSize, timeLimit, maxPages, maxPixels);
  }

  public RenderOptions withPageSize(PageSize p) {
    return new RenderOptions(resolution, p, timeLimit, maxPages, maxPixels);
  }

  public RenderOptions withTimeLimit(Duration d) {
    return new RenderOptions(resolution, pageSize, d, maxPages, maxPixels);
  }

  public RenderOptions withMaxPages(int n) {
    return new RenderOptions(resolution, pageSize, timeLimit, n, maxPixels);
  }

  public RenderOptions withMaxPixels(long n) {
    return new RenderOptions(resolution, pageSize, timeLimit, maxPages, n);
  }

  /** Rows of one page. */
  public int pageHeightPx() {
    return pageSize.heightPx(resolution);
  }
}
