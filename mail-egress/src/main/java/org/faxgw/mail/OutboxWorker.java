package org.faxgw.mail;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's one thread ("faxgw-outbox"): a delivery pass every {@code tickMillis} and right
 * after {@link #wake()}. SMTP waits happen here, never on a call or SMTP-ingress thread.
 */
final class OutboxWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);

  private final Outbox outbox;
  private final ScheduledExecutorService exec;

  public OutboxWorker(Outbox outbox, long tickMillis) {
    this.outbox = outbox;
    this.exec =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "faxgw-outbox");
              t.setDaemon(true);
              return t;
            });
    exec.scheduleWithFixedDelay(this::pass, 0, tickMillis, TimeUnit.MILLISECONDS);
  }

  /** Asks for a delivery pass soon (after a submit). */
  public void wake() {
    if (!exec.isShutdown()) {
      exec.execute(this::pass);
    }
  }

  private void pass() {
    try {
      outbox.deliverDue();
    } catch (RuntimeException e) {
      LOG.error("outbox pass failed", e);
    }
  }

  @Override
  public void close() {
    exec.shutdown();
    try {
      if (!exec.awaitTermination(10, TimeUnit.SECONDS)) {
        exec.shutdownNow();
      }
    } catch (InterruptedException e) {
      exec.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
