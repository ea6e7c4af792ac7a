package org.faxgw.iax2.transport;

import java.util.PriorityQueue;

/** A {@link TickScheduler} on virtual time: timers fire when the test advances the clock. */
final class VirtualScheduler implements TickScheduler {
  private record Timer(long due, long seq, Runnable task, boolean[] cancelled) {}

  private final PriorityQueue<Timer> timers =
      new PriorityQueue<>(
          (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
  private long now;
  private long seq;

  /** Extra delay added to every timer firing (a busy event loop). */
  long firingDelayNanos;

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public Cancellable schedule(Runnable task, long delayNanos) {
    boolean[] c = new boolean[1];
    timers.add(new Timer(now + Math.max(0, delayNanos), seq++, task, c));
    return () -> c[0] = true;
  }

  /** Runs every timer due up to {@code now + nanos}, in order, and leaves the clock there. */
  void advance(long nanos) {
    long end = now + nanos;
    int guard = 0;
    while (!timers.isEmpty() && timers.peek().due + firingDelayNanos <= end) {
      if (++guard > 10_000_000) {
        throw new IllegalStateException("runaway timers");
      }
      Timer t = timers.poll();
      now = Math.max(now, t.due + firingDelayNanos);
      if (!t.cancelled[0]) {
        t.task.run();
      }
    }
    now = end;
  }

  /** Moves the clock without firing anything (the loop was stalled). */
  void stall(long nanos) {
    now += nanos;
  }

  int pending() {
    return (int) timers.stream().filter(t -> !t.cancelled[0]).count();
  }
}
