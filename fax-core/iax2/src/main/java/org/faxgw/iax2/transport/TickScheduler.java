package org.faxgw.iax2.transport;

import java.util.concurrent.TimeUnit;

/**
 * The timer source of the media clocks: a monotonic nanosecond clock and one-shot timers that run
 * on the thread owning the calls. On Netty it is the channel's event loop; tests drive a virtual
 * one.
 */
interface TickScheduler {
  /** Monotonic now, nanoseconds. */
  long nanoTime();

  /** Runs {@code task} on the owning thread after {@code delayNanos} (at once when ≤ 0). */
  Cancellable schedule(Runnable task, long delayNanos);

  /** A timer that may be cancelled before it fires. */
  interface Cancellable {
    void cancel();
  }

  /** The scheduler of a Netty event loop. */
  static TickScheduler of(io.netty.channel.EventLoop loop) {
    return new TickScheduler() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public Cancellable schedule(Runnable task, long delayNanos) {
        var f = loop.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
      }
    };
  }
}
