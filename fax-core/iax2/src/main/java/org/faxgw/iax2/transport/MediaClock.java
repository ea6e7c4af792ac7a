package org.faxgw.iax2.transport;

/**
 * The 20 ms media clock of one call. Tick {@code k} is due at {@code start + k × 20 ms}: each timer
 * is set from the tick count against the start instant, never from the previous timer, so the clock
 * does not drift however late a timer fires. It never blocks: a late tick runs at once, and ticks
 * that fell behind run back to back (at most {@link #MAX_CATCH_UP}); beyond that the missed ticks
 * are skipped and counted, and the clock goes on from the present.
 *
 * <p>Confined to the scheduler's thread (the transport's event loop).
 */
final class MediaClock {
  /** One media frame: 20 ms (RFC 5456 8.1.2 leaves the framing to the codec; iaxmodem uses 20). */
  static final long PERIOD_NANOS = 20_000_000L;

  /** Most overdue ticks run back to back after a stall (200 ms of audio). */
  static final int MAX_CATCH_UP = 10;

  /** What one tick does; {@code tick} counts from 0. */
  @FunctionalInterface
  interface Tick {
    void run(long tick);
  }

  private final TickScheduler scheduler;
  private final Tick action;
  private final TickLateness lateness;
  private long startNanos;
  private long next;
  private long skipped;
  private TickScheduler.Cancellable timer;
  private boolean running;

  MediaClock(TickScheduler scheduler, Tick action, TickLateness lateness) {
    this.scheduler = scheduler;
    this.action = action;
    this.lateness = lateness;
  }

  /** Starts ticking: tick 0 is due one period from now. */
  void start() {
    if (running) {
      return;
    }
    running = true;
    startNanos = scheduler.nanoTime();
    next = 1;
    arm();
  }

  /** Stops the clock; no tick runs after this returns. */
  void stop() {
    running = false;
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  boolean running() {
    return running;
  }

  /** Ticks run so far. */
  long ticks() {
    return next - 1;
  }

  /** Ticks skipped after stalls longer than {@link #MAX_CATCH_UP} periods. */
  long skipped() {
    return skipped;
  }

  private long due(long k) {
    return startNanos + k * PERIOD_NANOS;
  }

  private void arm() {
    timer = scheduler.schedule(this::fire, due(next) - scheduler.nanoTime());
  }

  private void fire() {
    if (!running) {
      return;
    }
    long now = scheduler.nanoTime();
    int ran = 0;
    while (running && due(next) <= now && ran < MAX_CATCH_UP) {
      if (lateness != null) {
        lateness.record(now - due(next));
      }
      action.run(next - 1);
      next++;
      ran++;
    }
    if (running && due(next) <= now) {
      long behind = (now - due(next)) / PERIOD_NANOS + 1;
      if (lateness != null) {
        lateness.recordSkipped(behind, now - due(next));
      }
      skipped += behind;
      next += behind;
    }
    if (running) {
      arm();
    }
  }
}
