package org.faxgw.gateway.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.faxgw.gateway.config.RenderConfig;
import org.faxgw.queue.DocumentSpool;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobListener;
import org.faxgw.queue.JobScheduler;
import org.faxgw.queue.JobState;
import org.faxgw.queue.JobStore;
import org.faxgw.queue.JobStoreException;
import org.faxgw.render.PostScriptEngine;
import org.faxgw.render.RenderException;
import org.faxgw.render.RenderOptions;
import org.faxgw.render.worker.RenderWorkerPool;
import org.faxgw.render.worker.WorkerPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's render service: renders accepted jobs after 250 was sent, in a pool of sandboxed
 * worker processes ({@link RenderWorkerPool}, started by {@link #start()}), with one thread per
 * worker ({@code faxgw-render-N}) that waits on it. Jobs of one message at one resolution share one
 * TIFF, rendered once. Progress shows in the job's status ("rendering page 12 of 25"). A render
 * failure fails the job with the part and its reason and tells the {@link JobListener}.
 */
final class RenderWorkers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RenderWorkers.class);

  /** The job's status is written at most this often while pages come in. */
  private static final long PROGRESS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final WorkerPoolConfig poolConfig;
  private final Path ownTempRoot;
  private final RenderOptions options;
  private final JobStore store;
  private final JobScheduler scheduler;
  private final JobListener listener;
  private final Clock clock;
  private final ExecutorService pool;
  private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();
  private static final long MAX_STORE_RETRY_SECONDS = 30;
  private final ConcurrentHashMap<Long, Integer> storeRetries = new ConcurrentHashMap<>();
  private final java.util.concurrent.ScheduledExecutorService retries =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "faxgw-render-retry");
            t.setDaemon(true);
            return t;
          });
  private final DocumentSpool spool;
  private volatile RenderWorkerPool workers;
  private volatile boolean closing;
  private volatile JobRenderer renderer;
  private final org.faxgw.gateway.policy.OutboundGate outbound;

  RenderWorkers(
      RenderConfig config,
      RenderOptions options,
      JobStore store,
      DocumentSpool spool,
      JobScheduler scheduler,
      JobListener listener,
      Clock clock,
      org.faxgw.gateway.policy.OutboundGate outbound)
      throws IOException {
    this.outbound = outbound;
    int threads = config.workerCount();
    Path tempRoot;
    if (config.tempDir().isEmpty()) {
      tempRoot =
          Files.createTempDirectory(
              "faxgw-render-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
      this.ownTempRoot = tempRoot;
    } else {
      tempRoot = Path.of(config.tempDir());
      this.ownTempRoot = null;
    }
    this.poolConfig =
        new WorkerPoolConfig(
            threads,
            config.workerHeap(),
            config.jobsPerWorker(),
            PostScriptEngine.byName(config.postscript()),
            config.cpuLimit(),
            config.workerUser(),
            tempRoot,
            List.of());
    this.options = options;
    this.store = store;
    this.spool = spool;
    this.scheduler = scheduler;
    this.listener = listener;
    this.clock = clock;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "faxgw-render-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts the worker processes (they come up in the background). */
  void start() throws IOException {
    RenderWorkerPool p = RenderWorkerPool.start(poolConfig);
    this.renderer = new JobRenderer(p, options, spool);
    this.workers = p;
  }

  /** The worker pool, once started. */
  RenderWorkerPool workers() {
    return workers;
  }

  private volatile java.util.function.BiConsumer<Integer, java.time.Duration> rendered =
      (pages, took) -> {};

  /** Told the pages and the time of every document set rendered (for the metrics). */
  void onRendered(java.util.function.BiConsumer<Integer, java.time.Duration> l) {
    this.rendered = l;
  }

  void submit(FaxJob job) {
    pool.execute(() -> renderOne(job.id()));
  }

  /**
   * Renders one job. While the job store does not answer (a database restart), the job stays {@code
   * rendering} and is tried again after 1, 2, 4 … at most 30 s: a store outage is never taken for a
   * document that cannot be faxed.
   */
  private void renderOne(long id) {
    try {
      renderOnce(id);
      storeRetries.remove(id);
    } catch (JobStoreException e) {
      if (closing) {
        return; // rendered after the restart
      }
      int n = storeRetries.merge(id, 1, Integer::sum);
      long delay = Math.min(MAX_STORE_RETRY_SECONDS, 1L << Math.min(n - 1, 5));
      log.warn(
          "job {}: the job store did not answer while rendering ({}); trying again in {} s",
          id,
          e.getMessage(),
          delay);
      try {
        retries.schedule(() -> pool.execute(() -> renderOne(id)), delay, TimeUnit.SECONDS);
      } catch (java.util.concurrent.RejectedExecutionException stopped) {
        log.info("job {} stays rendering: the gateway is stopping", id);
      }
    }
  }

  private void renderOnce(long id) {
    FaxJob job = store.find(id).orElse(null);
    if (job == null || job.state() != JobState.RENDERING) {
      return;
    }
    String key = job.spoolDir() + "/" + JobRenderer.tiffName(job);
    Object lock = locks.computeIfAbsent(key, k -> new Object());
    try {
      FaxJob next;
      synchronized (lock) {
        FaxJob sibling = renderedSibling(job);
        if (sibling != null) {
          next = job.withRendered(sibling.pages(), sibling.tiff());
        } else {
          long start = System.nanoTime();
          JobRenderer.Rendered r = renderer.render(job, progress(job));
          rendered.accept(r.pages(), java.time.Duration.ofNanos(System.nanoTime() - start));
          next = job.withRendered(r.pages(), r.tiff());
        }
      }
      synchronized (outbound.lock()) {
        // the outbound policy's page limits: checked and stored under one lock
        java.util.Optional<String> refused = outbound.afterRendering(job, next.pages());
        if (refused.isPresent()) {
          fail(job, refused.get());
          return;
        }
        next = scheduler.afterRendering(next, clock.instant());
        if (!store.update(next, JobState.RENDERING)) {
          log.info("job {} changed while rendering (removed?)", id);
        } else {
          log.info("job {}: {} page(s), {}", id, next.pages(), next.status());
        }
      }
    } catch (RenderException e) {
      if (closing) {
        // stopped under it (workers killed, no worker left): the job is rendered after the restart
        log.info("job {} stays rendering: the gateway is stopping", id);
        return;
      }
      fail(job, "Document conversion failed: " + e.getMessage());
    } catch (JobStoreException e) {
      throw e; // not the document's fault: renderOne tries again
    } catch (IOException | RuntimeException e) {
      log.error("job {}: render error", id, e);
      fail(job, "Document conversion failed: " + e);
    } catch (OutOfMemoryError e) {
      fail(job, "Document conversion failed: document too large");
    }
  }

  /** Writes "rendering page 12 of 25" into the job's status, at most every 500 ms. */
  private JobRenderer.Progress progress(FaxJob job) {
    long[] last = {System.nanoTime() - PROGRESS_EVERY_NANOS};
    return text -> {
      long now = System.nanoTime();
      if (now - last[0] >= PROGRESS_EVERY_NANOS) {
        last[0] = now;
        store.update(job.withState(JobState.RENDERING, text), JobState.RENDERING);
      }
    };
  }

  /** Another job of the same message already rendered at the same resolution, if any. */
  private FaxJob renderedSibling(FaxJob job) throws IOException {
    String tiff = job.spoolDir() + "/" + JobRenderer.tiffName(job);
    if (!store.isReferenced(tiff, job.id()) || !Files.isRegularFile(spool.local(tiff))) {
      return null;
    }
    for (FaxJob j : store.group(job.groupId())) {
      if (j.id() != job.id() && tiff.equals(j.tiff()) && j.pages() > 0) {
        return j;
      }
    }
    return null;
  }

  private void fail(FaxJob job, String why) {
    FaxJob failed = job.withState(JobState.FAILED, why);
    if (store.update(failed, JobState.RENDERING)) {
      log.warn("job {} failed: {}", job.id(), why);
      try {
        listener.jobEnded(failed);
      } catch (RuntimeException e) {
        log.error("job listener failed for job {}", job.id(), e);
      }
    }
  }

  @Override
  public void close() {
    closing = true;
    retries.shutdownNow();
    pool.shutdownNow();
    RenderWorkerPool p = workers;
    if (p != null) {
      p.close();
    }
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (ownTempRoot != null) {
      try (Stream<Path> s = Files.walk(ownTempRoot)) {
        s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        log.warn("could not remove {}: {}", ownTempRoot, e.toString());
      }
    }
  }
}
