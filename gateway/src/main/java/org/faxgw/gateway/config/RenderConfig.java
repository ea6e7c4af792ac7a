package org.faxgw.gateway.config;

import java.time.Duration;

/**
 * The {@code render:} section: turning documents into fax pages after a job is accepted, in a pool
 * of sandboxed worker processes.
 *
 * @param workers render worker processes, and jobs rendered at once; 0 = as many as cores (default
 *     0)
 * @param workerHeap the Java heap of each worker, e.g. {@code 512m} (default {@code 512m})
 * @param jobsPerWorker documents a worker renders before it is replaced (default 100)
 * @param postscript {@code ghost4j} (libgs inside the worker) or {@code process} (a {@code gs}
 *     process per document) (default {@code ghost4j})
 * @param workerUser the unprivileged user workers run as when the gateway runs as root (default
 *     {@code nobody})
 * @param tempDir where workers get their private folders; empty = a new folder under the system
 *     temporary folder (default empty)
 * @param cpuLimit most CPU time one document may use (default {@code 60s})
 * @param resolution {@code fine} or {@code normal}, unless a mail says otherwise with {@code
 *     X-Fax-Resolution} (default {@code fine})
 * @param pageSize {@code a4} or {@code letter} (default {@code a4})
 * @param timeLimit most time for one document (default {@code 60s})
 * @param maxPages most pages in one job (default 100)
 * @param maxPixels largest input image in pixels (default 100000000)
 */
public record RenderConfig(
    Integer workers,
    String workerHeap,
    Integer jobsPerWorker,
    String postscript,
    String workerUser,
    String tempDir,
    Duration cpuLimit,
    String resolution,
    String pageSize,
    Duration timeLimit,
    Integer maxPages,
    Long maxPixels) {

  public RenderConfig {
    workers = workers == null ? 0 : workers;
    workerHeap = workerHeap == null ? "512m" : workerHeap;
    jobsPerWorker = jobsPerWorker == null ? 100 : jobsPerWorker;
    postscript = postscript == null ? "ghost4j" : postscript;
    workerUser = workerUser == null ? "nobody" : workerUser;
    tempDir = tempDir == null ? "" : tempDir;
    cpuLimit = cpuLimit == null ? Duration.ofSeconds(60) : cpuLimit;
    resolution = resolution == null ? "fine" : resolution;
    pageSize = pageSize == null ? "a4" : pageSize;
    timeLimit = timeLimit == null ? Duration.ofSeconds(60) : timeLimit;
    maxPages = maxPages == null ? 100 : maxPages;
    maxPixels = maxPixels == null ? 100_000_000L : maxPixels;
    if (workers < 0 || workers > 64) {
      throw new IllegalArgumentException("render.workers must be 0..64 (0 = one per core)");
    }
    if (!workerHeap.matches("[0-9]+[kKmMgG]")) {
      throw new IllegalArgumentException("render.workerHeap must look like 512m or 1g");
    }
    if (jobsPerWorker < 1) {
      throw new IllegalArgumentException("render.jobsPerWorker must be positive");
    }
    if (!postscript.equals("ghost4j") && !postscript.equals("process")) {
      throw new IllegalArgumentException("render.postscript must be ghost4j or process");
    }
    if (workerUser.isBlank()) {
      throw new IllegalArgumentException("render.workerUser must name a user");
    }
    if (cpuLimit.isNegative() || cpuLimit.isZero()) {
      throw new IllegalArgumentException("render.cpuLimit must be positive");
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
    return new RenderConfig(null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** Worker processes: {@link #workers()}, or one per core when that is 0. */
  public int workerCount() {
    return workers == 0 ? Runtime.getRuntime().availableProcessors() : workers;
  }
}
