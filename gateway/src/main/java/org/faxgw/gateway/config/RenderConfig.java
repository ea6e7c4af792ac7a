package org.faxgw.gateway.config;

import java.time.Duration;

/**
 * The {@code render:} section: turning documents into fax pages after a job is accepted.
 *
 * @param workers render threads (default 2)
 * @param resolution {@code fine} or {@code normal}, unless a mail says otherwise with {@code
 *     X-Fax-Resolution} (default {@code fine})
 * @param pageSize {@code a4} or {@code letter} (default {@code a4})
 * @param timeLimit most time for one document (default {@code 60s})
 * @param maxPages most pages in one job (default 100)
 * @param maxPixels largest input image in pixels (default 100000000)
 */
public record RenderConfig(
    Integer workers,
    String resolution,
    String pageSize,
    Duration timeLimit,
    Integer maxPages,
    Long maxPixels) {

  public RenderConfig {
    workers = workers == null ? 2 : workers;
    resolution = resolution == null ? "fine" : resolution;
    pageSize = pageSize == null ? "a4" : pageSize;
    timeLimit = timeLimit == null ? Duration.ofSeconds(60) : timeLimit;
    maxPages = maxPages == null ? 100 : maxPages;
    maxPixels = maxPixels == null ? 100_000_000L : maxPixels;
    if (workers < 1 || workers > 64) {
      throw new IllegalArgumentException("render.workers must be 1..64");
    }
    if (!resolution.equals("fine") && !resolution.equals("normal")) {
      throw new IllegalArgumentException("render.resolution must be fine or normal");
    }
    if (!pageSize.equals("a4") && !pageSize.equals("letter")) {
      throw new IllegalArgumentException("render.pageSize must be a4 or letter");
    }
    if (maxPages < 1 || maxPixels < 1) {
      throw new IllegalArgumentException("render.maxPages and render.maxPixels must be positive");
    }
  }

  public static RenderConfig defaults() {
    return new RenderConfig(null, null, null, null, null, null);
  }
}
