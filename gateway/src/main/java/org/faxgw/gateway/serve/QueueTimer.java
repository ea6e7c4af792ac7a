package org.faxgw.gateway.serve;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobListener;
import org.faxgw.queue.JobScheduler;
import org.faxgw.queue.JobState;
import org.faxgw.queue.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the {@link JobScheduler}'s decisions (kill time, time to send) once a second. */
final class QueueTimer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QueueTimer.class);
  private final JobStore store;
  private final JobScheduler scheduler;
  private final JobListener listener;
  private final Clock clock;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "faxgw-queue-timer");
            t.setDaemon(true);
            return t;
          });

  QueueTimer(JobStore store, JobScheduler scheduler, JobListener listener, Clock clock) {
    this.store = store;
    this.scheduler = scheduler;
    this.listener = listener;
    this.clock = clock;
  }

  void start() {
    timer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  /** One pass over the send queue. */
  void tick() {
    try {
      for (JobScheduler.Change c :
          scheduler.due(store.list(JobState.SEND_QUEUE), clock.instant())) {
        if (store.update(c.next(), c.job().state()) && c.next().state().isTerminal()) {
          FaxJob ended = c.next();
          log.info("job {} ended: {}", ended.id(), ended.status());
          listener.jobEnded(ended);
        }
      }
    } catch (RuntimeException e) {
      log.error("queue timer", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
