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
 *
 * <p>Rendering is leased work (issue 18): a render thread claims the job's render lease before it
 * renders ({@link RenderLeases}); the lease is renewed while a long document renders, and the
 * result (pages, TIFF, the move to ready or failed) is written under it, refused when another node
 * has taken the job over. Every {@link #SWEEP_EVERY_TICKS} seconds a sweep on {@code
 * faxgw-render-retry} takes up rendering jobs that no node holds: those of a node that died (its
 * lease lapsed) and those no one claimed yet.
 */
final class RenderWorkers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RenderWorkers.class);

  /** The heartbeat runs once a second; the sweep every this many heartbeats. */
  static final int SWEEP_EVERY_TICKS = 5;

  /** At most this many unclaimed jobs are taken up by one sweep. */
  private static final int SWEEP_MAX = 32;

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
  private final RenderLeases leases;

  /** Jobs queued, rendering or waiting to retry on this node (each is queued once). */
  private final java.util.Set<Long> queued = ConcurrentHashMap.newKeySet();

  private final java.util.concurrent.atomic.AtomicLong ticks =
      new java.util.concurrent.atomic.AtomicLong();
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
  private volatile RenderEngine renderer;
  private final org.faxgw.gateway.policy.OutboundGate outbound;

  RenderWorkers(
      RenderConfig config,
      RenderOptions options,
      JobStore store,
      DocumentSpool spool,
      JobScheduler scheduler,
      JobListener listener,
      Clock clock,
      org.faxgw.gateway.policy.OutboundGate outbound,
      String owner,
      java.time.Duration leaseTtl)
      throws IOException {
    this.outbound = outbound;
    this.leases = new RenderLeases(store, clock, owner, leaseTtl);
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

  /**
   * For tests: renders with {@code engine} on {@code pool}, without worker processes and without
   * the periodic heartbeat and sweep (the test calls {@link #heartbeat()} and {@link #sweep()}).
   */
  RenderWorkers(
      RenderEngine engine,
      ExecutorService pool,
      JobStore store,
      DocumentSpool spool,
      JobScheduler scheduler,
      JobListener listener,
      Clock clock,
      org.faxgw.gateway.policy.OutboundGate outbound,
      String owner,
      java.time.Duration leaseTtl) {
    this.poolConfig = null;
    this.ownTempRoot = null;
    this.options = null;
    this.store = store;
    this.spool = spool;
    this.scheduler = scheduler;
    this.listener = listener;
    this.clock = clock;
    this.outbound = outbound;
    this.pool = pool;
    this.renderer = engine;
    this.leases = new RenderLeases(store, clock, owner, leaseTtl);
  }

  /**
   * Starts the worker processes (they come up in the background), and the render leases' heartbeat
   * with the sweep on {@code faxgw-render-retry}.
   */
  void start() throws IOException {
    RenderWorkerPool p = RenderWorkerPool.start(poolConfig);
    this.renderer = new JobRenderer(p, options, spool);
    this.workers = p;
    retries.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  /** One second of the heartbeat; every few, a sweep. Never throws (it would stop the timer). */
  private void tick() {
    try {
      boolean answered = heartbeat();
      if (answered && ticks.incrementAndGet() % SWEEP_EVERY_TICKS == 0) {
        sweep();
      }
    } catch (RuntimeException e) {
      log.warn("render lease heartbeat: {}", e.toString());
    }
  }

  /**
   * Renews the render leases this node holds, giving up those it cannot renew in time.
   *
   * @return false when the store did not answer
   */
  boolean heartbeat() {
    return leases.heartbeat();
  }

  /** Where this node's render lease on the job stands (for tests and diagnostics). */
  java.util.Optional<RenderLeases.Standing> renderLease(long id) {
    return leases.standing(id);
  }

  /**
   * Takes up rendering jobs no node holds (never claimed, or their lease lapsed: a node died) and
   * that are not already queued here. The render thread claims each; of several nodes, one wins.
   *
   * @return how many were queued
   */
  int sweep() {
    if (closing) {
      return 0;
    }
    java.util.List<Long> ids;
    try {
      ids = store.unclaimedRenders(clock.instant(), SWEEP_MAX);
    } catch (JobStoreException e) {
      log.warn("render sweep: the job store did not answer: {}", e.getMessage());
      return 0;
    }
    int n = 0;
    for (long id : ids) {
      if (!queued.contains(id)) {
        log.info("job {}: rendering, held by no node; taking it up", id);
        n += submit(id) ? 1 : 0;
      }
    }
    return n;
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
    submit(job.id());
  }

  /** Queues the job here unless it is queued already; false when it was. */
  private boolean submit(long id) {
    if (!queued.add(id)) {
      return false;
    }
    try {
      pool.execute(() -> renderOne(id));
      return true;
    } catch (java.util.concurrent.RejectedExecutionException stopped) {
      queued.remove(id);
      return false;
    }
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
      queued.remove(id);
    } catch (JobStoreException e) {
      if (closing) {
        queued.remove(id);
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
        queued.remove(id);
        log.info("job {} stays rendering: the gateway is stopping", id);
      }
    }
  }

  /** Claims the job's render lease, renders under it and gives it up. */
  private void renderOnce(long id) {
    RenderLeases.Held held = leases.claim(id).orElse(null);
    if (held == null) {
      log.debug("job {}: not rendered here (rendered, removed, or held by another node)", id);
      return;
    }
    try {
      FaxJob job = store.find(id).orElse(null);
      if (job != null && job.state() == JobState.RENDERING) {
        renderHeld(job, held);
      }
    } finally {
      leases.forget(held);
    }
  }

  private void renderHeld(FaxJob job, RenderLeases.Held held) {
    long id = job.id();
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
          JobRenderer.Rendered r = renderer.render(job, progress(job, held));
          rendered.accept(r.pages(), java.time.Duration.ofNanos(System.nanoTime() - start));
          next = job.withRendered(r.pages(), r.tiff());
        }
      }
      synchronized (outbound.lock()) {
        // the outbound policy's page limits: checked and stored under one lock
        java.util.Optional<String> refused = outbound.afterRendering(job, next.pages());
        if (refused.isPresent()) {
          fail(job, held, refused.get());
          return;
        }
        next = scheduler.afterRendering(next, clock.instant());
        if (!leases.write(held, next)) {
          log.info("job {} changed while rendering (removed, or taken over by another node)", id);
        } else {
          log.info("job {}: {} page(s), {}", id, next.pages(), next.status());
        }
      }
    } catch (JobRenderer.Abandoned e) {
      abandoned(held);
    } catch (RenderException e) {
      if (closing) {
        // stopped under it (workers killed, no worker left): the job is rendered after the restart
        log.info("job {} stays rendering: the gateway is stopping", id);
        return;
      }
      fail(job, held, "Document conversion failed: " + e.getMessage());
    } catch (JobStoreException e) {
      throw e; // not the document's fault: renderOne tries again
    } catch (IOException | RuntimeException e) {
      log.error("job {}: render error", id, e);
      fail(job, held, "Document conversion failed: " + e);
    } catch (OutOfMemoryError e) {
      fail(job, held, "Document conversion failed: document too large");
    }
  }

  /** The render stopped at the lease's word: written nothing; tried again if the store was away. */
  private void abandoned(RenderLeases.Held held) {
    if (held.standing() == RenderLeases.Standing.LOST) {
      log.info("job {}: render abandoned, its lease was lost", held.jobId);
      return;
    }
    throw new JobStoreException(
        "the render lease of job " + held.jobId + " could not be renewed; render abandoned", null);
  }

  /**
   * Writes "rendering page 12 of 25" into the job's status under the lease, at most every 500 ms (a
   * status the store does not take now is skipped); says to stop when the lease is given up.
   */
  private JobRenderer.Progress progress(FaxJob job, RenderLeases.Held held) {
    long[] last = {System.nanoTime() - PROGRESS_EVERY_NANOS};
    return new JobRenderer.Progress() {
      @Override
      public void status(String text) {
        long now = System.nanoTime();
        if (now - last[0] >= PROGRESS_EVERY_NANOS && !held.abandoned()) {
          last[0] = now;
          try {
            leases.write(held, job.withState(JobState.RENDERING, text));
          } catch (JobStoreException e) {
            log.debug("job {}: progress not written: {}", job.id(), e.getMessage());
          }
        }
      }

      @Override
      public boolean abandoned() {
        return held.abandoned();
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

  private void fail(FaxJob job, RenderLeases.Held held, String why) {
    FaxJob failed = job.withState(JobState.FAILED, why);
    if (leases.write(held, failed)) {
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
