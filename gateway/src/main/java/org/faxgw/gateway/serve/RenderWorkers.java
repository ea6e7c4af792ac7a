package org.faxgw.gateway.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobListener;
import org.faxgw.queue.JobScheduler;
import org.faxgw.queue.JobState;
import org.faxgw.queue.JobStore;
import org.faxgw.render.RenderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded pool of threads that render accepted jobs after 250 was sent. Jobs of one message at
 * one resolution share one TIFF, rendered once. A render failure fails the job with its reason and
 * tells the {@link JobListener}.
 */
final class RenderWorkers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RenderWorkers.class);

  private final JobStore store;
  private final JobRenderer renderer;
  private final JobScheduler scheduler;
  private final JobListener listener;
  private final Clock clock;
  private final ExecutorService pool;
  private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();
  private final org.faxgw.queue.DocumentSpool spool;

  RenderWorkers(
      int threads,
      JobStore store,
      JobRenderer renderer,
      org.faxgw.queue.DocumentSpool spool,
      JobScheduler scheduler,
      JobListener listener,
      Clock clock) {
    this.store = store;
    this.renderer = renderer;
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

  void submit(FaxJob job) {
    pool.execute(() -> renderOne(job.id()));
  }

  private void renderOne(long id) {
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
          JobRenderer.Rendered r = renderer.render(job);
          next = job.withRendered(r.pages(), r.tiff());
        }
      }
      next = scheduler.afterRendering(next, clock.instant());
      if (!store.update(next, JobState.RENDERING)) {
        log.info("job {} changed while rendering (removed?)", id);
      } else {
        log.info("job {}: {} page(s), {}", id, next.pages(), next.status());
      }
    } catch (RenderException e) {
      fail(job, "Document conversion failed: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      log.error("job {}: render error", id, e);
      fail(job, "Document conversion failed: " + e);
    } catch (OutOfMemoryError e) {
      fail(job, "Document conversion failed: document too large");
    }
  }

  /** Another job of the same message already rendered at the same resolution, if any. */
  private FaxJob renderedSibling(FaxJob job) {
    String tiff = job.spoolDir() + "/" + JobRenderer.tiffName(job);
    if (!Files.isRegularFile(spool.resolve(tiff)) || !store.isReferenced(tiff, job.id())) {
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
    pool.shutdownNow();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
