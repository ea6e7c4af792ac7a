package org.faxgw.render.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.faxgw.render.FaxRenderer;
import org.faxgw.render.RenderException;
import org.faxgw.render.RenderOptions;
import org.faxgw.t4.BilevelPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool of render worker processes ({@link RenderWorkerMain}), kept at {@link
 * WorkerPoolConfig#workers()}: a worker that dies, is killed, or has rendered {@link
 * WorkerPoolConfig#jobsPerWorker()} documents is replaced. {@link #render} sends a document to an
 * idle worker and waits for its pages; the calling thread blocks, nothing else does.
 *
 * <p>Per document: past its time limit (plus {@link WorkerPoolConfig#GRACE}) or its CPU-time limit
 * the worker is killed and the document fails ("took longer than 60 s to render"), and likewise
 * past {@link #memoryLimit()} of resident memory (libgs allocates outside the Java heap); a worker
 * that dies otherwise (out of memory, a crash, {@code kill -9}) is replaced and the document is
 * sent to another worker, once: a document that killed two workers fails for good. Pages are handed
 * to the caller's sink only once a worker has finished the document, so a retry never duplicates
 * pages.
 *
 * <p>Thread-safe. Threads: {@code faxgw-render-spawner} (starts workers one after another) and
 * {@code faxgw-render-watchdog} (deadlines and CPU checks); both daemons.
 */
public final class RenderWorkerPool implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RenderWorkerPool.class);

  /** A worker must say READY within this long of its start. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /** How long {@link #render} waits for an idle worker before giving up. */
  static final Duration ACQUIRE_TIMEOUT = Duration.ofMinutes(5);

  /** How often a busy worker's CPU time is checked. */
  static final Duration CPU_CHECK = Duration.ofMillis(250);

  /** How often idle workers are checked for life. */
  static final Duration IDLE_CHECK = Duration.ofSeconds(1);

  /** Worker deaths after which a document fails for good. */
  static final int DEATHS_PER_DOCUMENT = 2;

  private final WorkerPoolConfig config;
  private final WorkerCommand command;
  private final LinkedBlockingQueue<WorkerProcess> idle = new LinkedBlockingQueue<>();
  private final Set<WorkerProcess> busy = ConcurrentHashMap.newKeySet();
  private final ExecutorService spawner;
  private final ScheduledExecutorService watchdog;
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger pending = new AtomicInteger();
  private volatile boolean closed;

  private RenderWorkerPool(WorkerPoolConfig config) throws IOException {
    this.config = config;
    this.command = new WorkerCommand(config);
    this.spawner = Executors.newSingleThreadExecutor(daemon("faxgw-render-spawner"));
    this.watchdog = Executors.newSingleThreadScheduledExecutor(daemon("faxgw-render-watchdog"));
  }

  /** Starts the pool; workers come up in the background ({@link #awaitFull} waits for them). */
  public static RenderWorkerPool start(WorkerPoolConfig config) throws IOException {
    RenderWorkerPool p = new RenderWorkerPool(config);
    if (p.command.user() != null) {
      log.info("render workers run as {} (uid {})", config.user(), p.command.user().uid());
    }
    for (int i = 0; i < config.workers(); i++) {
      p.spawn();
    }
    p.watchdog.scheduleWithFixedDelay(
        p::replaceDeadIdleWorkers,
        IDLE_CHECK.toMillis(),
        IDLE_CHECK.toMillis(),
        TimeUnit.MILLISECONDS);
    return p;
  }

  /**
   * An idle worker that died (killed from outside, crashed) is replaced without waiting for work.
   */
  private void replaceDeadIdleWorkers() {
    for (WorkerProcess w : idle) {
      if (!w.process.isAlive() && idle.remove(w)) {
        log.warn("idle render worker {} ended (exit code {}); replacing it", w.pid(), w.exitCode());
        w.dispose();
        if (!closed) {
          spawn();
        }
      }
    }
  }

  /** Workers started so far, replacements included. */
  public int workersStarted() {
    return started.get();
  }

  /**
   * Workers running and ready or busy: {@link WorkerPoolConfig#workers()} when the pool is full.
   */
  public int liveWorkers() {
    int n = busy.size();
    for (WorkerProcess w : idle) {
      if (w.process.isAlive()) {
        n++;
      }
    }
    return n;
  }

  /** Process ids of the workers rendering a document now. */
  public List<Long> busyPids() {
    List<Long> out = new ArrayList<>();
    busy.forEach(w -> out.add(w.pid()));
    return out;
  }

  /** Process ids of all live workers. */
  public List<Long> pids() {
    List<Long> out = busyPids();
    idle.forEach(w -> out.add(w.pid()));
    return out;
  }

  /** CPU time (user + system) a process has used so far; for figures beside other tools. */
  public static Duration cpuTime(long pid) {
    return WorkerProcess.cpuOf(pid);
  }

  public WorkerPoolConfig config() {
    return config;
  }

  /** Waits until every worker is up, at most {@code max}; true if the pool is full. */
  public boolean awaitFull(Duration max) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < end) {
      if (pending.get() == 0 && liveWorkers() >= config.workers()) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  /**
   * Renders a file in a worker.
   *
   * @param progress told as the worker finishes pages (on the calling thread)
   * @param sink takes the pages in order once the document is done
   * @return the number of pages
   */
  public int render(
      Path document,
      String contentTypeOrNull,
      RenderOptions o,
      FaxRenderer.ProgressListener progress,
      FaxRenderer.PageSink sink)
      throws RenderException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(document);
    } catch (IOException e) {
      throw new RenderException(
          RenderException.Reason.DAMAGED, "cannot read the document: " + e.getMessage(), e);
    }
    return run(WorkerFrames.KIND_DOCUMENT, contentTypeOrNull, o, bytes, progress, sink);
  }

  /** Renders text (a cover page, a mail body) in a worker, as {@link FaxRenderer#renderText}. */
  public List<BilevelPage> renderText(String text, RenderOptions o) throws RenderException {
    List<BilevelPage> pages = new ArrayList<>();
    run(
        WorkerFrames.KIND_TEXT,
        null,
        o,
        text.getBytes(StandardCharsets.UTF_8),
        FaxRenderer.ProgressListener.NONE,
        (n, p) -> pages.add(p));
    return pages;
  }

  private int run(
      String kind,
      String contentType,
      RenderOptions o,
      byte[] document,
      FaxRenderer.ProgressListener progress,
      FaxRenderer.PageSink sink)
      throws RenderException {
    byte[] request;
    try {
      request = WorkerFrames.request(kind, contentType, o, document);
    } catch (IOException e) {
      throw new RenderException(RenderException.Reason.TOOL, "cannot encode request", e);
    }
    FaxRenderer.ProgressListener p =
        progress == null ? FaxRenderer.ProgressListener.NONE : progress;
    for (int deaths = 0; ; ) {
      WorkerProcess w = acquire();
      Attempt a = attempt(w, request, o, p);
      if (a.pages != null || a.failure != null) {
        boolean ends =
            a.failure != null
                && (a.failure.reason() == RenderException.Reason.TIME_LIMIT
                    || a.failure.reason() == RenderException.Reason.TOO_LARGE);
        release(w, ends);
        if (a.failure != null) {
          throw a.failure.reason() == RenderException.Reason.TIME_LIMIT
              ? tookTooLong(o.timeLimit())
              : a.failure;
        }
        try {
          for (int i = 0; i < a.pages.size(); i++) {
            sink.page(i + 1, a.pages.get(i));
          }
        } catch (IOException e) {
          throw new RenderException(
              RenderException.Reason.TOOL, "cannot store the pages: " + e.getMessage(), e);
        }
        return a.pages.size();
      }
      // the worker died
      WorkerProcess.Kill kill = w.killed();
      int exit = w.exitCode();
      discard(w);
      if (kill == WorkerProcess.Kill.TIME_LIMIT) {
        throw tookTooLong(o.timeLimit());
      }
      if (kill == WorkerProcess.Kill.CPU_LIMIT) {
        throw new RenderException(
            RenderException.Reason.TIME_LIMIT,
            "took more than " + describe(config.cpuLimit()) + " of CPU time to render");
      }
      if (kill == WorkerProcess.Kill.MEMORY_LIMIT) {
        throw tooMuchMemory();
      }
      deaths++;
      log.warn(
          "render worker {} died (exit code {}) while rendering; death {} of {} for this document",
          w.pid(),
          exit,
          deaths,
          DEATHS_PER_DOCUMENT);
      if (deaths >= DEATHS_PER_DOCUMENT) {
        throw deathReason(exit);
      }
    }
  }

  /**
   * Most resident memory of a worker: twice its heap plus 256 MB (JVM code, metaspace, threads, and
   * libgs, whose allocations are outside the Java heap).
   */
  long memoryLimit() {
    return 2 * config.heapBytes() + (256L << 20);
  }

  private RenderException tooMuchMemory() {
    return new RenderException(
        RenderException.Reason.TOO_LARGE,
        "document too large: it needs more memory than the renderer may use ("
            + config.heap()
            + ")");
  }

  private RenderException deathReason(int exit) {
    if (exit == RenderWorkerMain.EXIT_OUT_OF_MEMORY) {
      return tooMuchMemory();
    }
    if (exit == 128 + 24) { // SIGXCPU: RLIMIT_CPU reached
      return new RenderException(
          RenderException.Reason.TIME_LIMIT, "took more CPU time to render than allowed");
    }
    return new RenderException(
        RenderException.Reason.DAMAGED,
        "damaged or hostile document: it crashed the renderer " + DEATHS_PER_DOCUMENT + " times");
  }

  static RenderException tookTooLong(Duration limit) {
    return new RenderException(
        RenderException.Reason.TIME_LIMIT, "took longer than " + describe(limit) + " to render");
  }

  /** What one worker made of one document: pages, a failure, or neither (it died). */
  private record Attempt(List<BilevelPage> pages, RenderException failure) {}

  private Attempt attempt(
      WorkerProcess w, byte[] request, RenderOptions o, FaxRenderer.ProgressListener progress) {
    Duration cpuAtStart = w.cpu();
    ScheduledFuture<?> deadline =
        watchdog.schedule(
            () -> w.kill(WorkerProcess.Kill.TIME_LIMIT),
            o.timeLimit().plus(WorkerPoolConfig.GRACE).toMillis(),
            TimeUnit.MILLISECONDS);
    ScheduledFuture<?> cpu =
        watchdog.scheduleAtFixedRate(
            () -> {
              if (w.cpu().minus(cpuAtStart).compareTo(config.cpuLimit()) > 0) {
                w.kill(WorkerProcess.Kill.CPU_LIMIT);
              } else if (w.residentBytes() > memoryLimit()) {
                w.kill(WorkerProcess.Kill.MEMORY_LIMIT);
              }
            },
            CPU_CHECK.toMillis(),
            CPU_CHECK.toMillis(),
            TimeUnit.MILLISECONDS);
    try {
      WorkerFrames.write(w.out, WorkerFrames.RENDER, request);
      List<BilevelPage> pages = new ArrayList<>();
      // bounded: each frame is read from a worker that is killed at the deadline
      while (true) {
        WorkerFrames.Frame f = WorkerFrames.read(w.in);
        if (f == null) {
          return new Attempt(null, null);
        }
        switch (f.type()) {
          case WorkerFrames.PROGRESS -> {
            var d = f.data();
            progress.pageDone(d.readInt(), d.readInt());
          }
          case WorkerFrames.PAGE -> pages.add(WorkerFrames.page(f).page());
          case WorkerFrames.DONE -> {
            return new Attempt(pages, null);
          }
          case WorkerFrames.FAILED -> {
            return new Attempt(null, WorkerFrames.failed(f));
          }
          default -> throw new IOException("unexpected frame type " + f.type());
        }
      }
    } catch (WorkerFrames.NotAFrame e) {
      log.warn("render worker {}: {}", w.pid(), e.getMessage());
      return new Attempt(null, null);
    } catch (IOException e) {
      return new Attempt(null, null);
    } finally {
      deadline.cancel(false);
      cpu.cancel(false);
    }
  }

  private WorkerProcess acquire() throws RenderException {
    long end = System.nanoTime() + ACQUIRE_TIMEOUT.toNanos();
    while (!closed) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        break;
      }
      WorkerProcess w;
      try {
        w = idle.poll(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RenderException(RenderException.Reason.TOOL, "render interrupted", e);
      }
      if (w == null) {
        break;
      }
      if (!w.process.isAlive()) {
        discard(w);
        continue;
      }
      busy.add(w);
      return w;
    }
    throw new RenderException(
        RenderException.Reason.TOOL, "no render worker is available (see the gateway log)");
  }

  private void release(WorkerProcess w, boolean ends) {
    w.documents++;
    if (ends || closed || w.documents >= config.jobsPerWorker() || !w.process.isAlive()) {
      discard(w);
    } else {
      busy.remove(w);
      idle.offer(w);
    }
  }

  /** Ends a worker and starts its replacement. */
  private void discard(WorkerProcess w) {
    if (!busy.remove(w) && !idle.remove(w)) {
      // already discarded
    }
    w.dispose();
    if (!closed) {
      spawn();
    }
  }

  private void spawn() {
    pending.incrementAndGet();
    spawner.execute(
        () -> {
          try {
            for (int tries = 1; tries <= 5 && !closed; tries++) {
              try {
                WorkerProcess w = startWorker();
                if (closed) {
                  w.dispose();
                } else {
                  idle.offer(w);
                }
                return;
              } catch (IOException e) {
                log.error("render worker did not start (try {} of 5): {}", tries, e.toString());
                Thread.sleep(1000L * tries);
              }
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            pending.decrementAndGet();
          }
        });
  }

  private WorkerProcess startWorker() throws IOException {
    int slot = started.incrementAndGet();
    Path folder = command.privateFolder(slot);
    long lifetimeCpu =
        config.cpuLimit().toSeconds() * (config.jobsPerWorker() + 1L) + START_TIMEOUT.toSeconds();
    ProcessBuilder pb = new ProcessBuilder(command.command(folder, lifetimeCpu));
    pb.environment().put("TMPDIR", folder.toString());
    pb.environment().put("HOME", folder.toString());
    // glibc's fatal messages (heap corruption in native code) go to stderr, not /dev/tty
    pb.environment().put("LIBC_FATAL_STDERR_", "1");
    pb.redirectError(
        ProcessBuilder.Redirect.appendTo(config.tempRoot().resolve("workers.log").toFile()));
    WorkerProcess w = new WorkerProcess(slot, pb.start(), folder);
    ScheduledFuture<?> t =
        watchdog.schedule(
            () -> w.kill(WorkerProcess.Kill.TIME_LIMIT),
            START_TIMEOUT.toMillis(),
            TimeUnit.MILLISECONDS);
    try {
      WorkerFrames.Frame f = WorkerFrames.read(w.in);
      if (f == null || f.type() != WorkerFrames.READY) {
        throw new IOException(
            "render worker ended before it was ready (exit code "
                + w.exitCode()
                + ", see "
                + config.tempRoot().resolve("workers.log")
                + ")");
      }
      log.debug("render worker {} ready (pid {})", slot, w.pid());
      return w;
    } catch (IOException e) {
      w.dispose();
      throw e;
    } finally {
      t.cancel(false);
    }
  }

  @Override
  public void close() {
    closed = true;
    spawner.shutdownNow();
    try {
      spawner.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<WorkerProcess> all = new ArrayList<>(busy);
    idle.drainTo(all);
    all.forEach(WorkerProcess::dispose);
    busy.clear();
    watchdog.shutdownNow();
  }

  static String describe(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 == 0) {
      return ms / 1000 + " s";
    }
    return ms >= 1000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0) : ms + " ms";
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
