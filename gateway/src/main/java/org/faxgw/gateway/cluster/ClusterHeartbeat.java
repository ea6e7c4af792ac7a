package org.faxgw.gateway.cluster;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.faxgw.queue.ClusterDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code faxgw-cluster} thread: once a second it reads this node's lines (volatile state, no
 * lock) and writes them with the node's heartbeat to the cluster directory when they changed, and
 * every {@value #BEAT_EVERY} seconds regardless. It never runs on the audio tick; a database that
 * does not answer only delays the next heartbeat.
 */
public final class ClusterHeartbeat implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterHeartbeat.class);

  /** Seconds between heartbeats when nothing changes. */
  static final int BEAT_EVERY = 5;

  private final ClusterView view;
  private final Instant started;
  private final ScheduledExecutorService thread;
  private List<ClusterDirectory.LineRow> written; // faxgw-cluster only
  private int quietTicks; // faxgw-cluster only
  private boolean failing; // faxgw-cluster only

  public ClusterHeartbeat(ClusterView view, Clock clock) {
    this.view = view;
    this.started = clock.instant();
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "faxgw-cluster");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts the ticks (the first at once). */
  public void start() {
    thread.scheduleWithFixedDelay(this::tickSafely, 0, 1, TimeUnit.SECONDS);
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.warn("cluster heartbeat of {} not written: {}", view.node(), e.getMessage());
      }
      failing = true;
    }
  }

  /**
   * One tick: writes when the lines changed or {@value #BEAT_EVERY} ticks passed.
   *
   * @return true when it wrote
   */
  boolean tick() {
    List<ClusterDirectory.LineRow> now = view.localRows();
    if (now.equals(written) && ++quietTicks < BEAT_EVERY) {
      return false;
    }
    view.directory().heartbeat(started, now);
    if (failing) {
      LOG.info("cluster heartbeat of {} written again", view.node());
      failing = false;
    }
    written = now;
    quietTicks = 0;
    return true;
  }

  /** Writes the heartbeat once, now, on the calling thread (start-up, tests). */
  public void beatNow() {
    view.directory().heartbeat(started, view.localRows());
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
