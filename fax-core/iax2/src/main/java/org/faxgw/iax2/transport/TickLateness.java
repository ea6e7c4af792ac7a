package org.faxgw.iax2.transport;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How late media ticks ran: a histogram of lateness (the time between a tick's due instant and when
 * it ran) over every call of an endpoint. Written on the event loop, read from anywhere.
 */
public final class TickLateness {
  /** Upper bounds of the buckets, in milliseconds; the last bucket holds everything later. */
  public static final long[] BOUNDS_MILLIS = {1, 2, 5, 10, 20, 50};

  private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS_MILLIS.length + 1);
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong maxNanos = new AtomicLong();

  void record(long lateNanos) {
    long late = Math.max(0, lateNanos);
    count.incrementAndGet();
    maxNanos.accumulateAndGet(late, Math::max);
    int b = 0;
    while (b < BOUNDS_MILLIS.length && late >= BOUNDS_MILLIS[b] * 1_000_000L) {
      b++;
    }
    buckets.incrementAndGet(b);
  }

  /**
   * Ticks that never ran (skipped after a stall): counted as ticks at least {@code lateNanos} late,
   * so a starved loop does not look punctual.
   */
  void recordSkipped(long ticks, long lateNanos) {
    long late = Math.max(0, lateNanos);
    count.addAndGet(ticks);
    maxNanos.accumulateAndGet(late, Math::max);
    int b = 0;
    while (b < BOUNDS_MILLIS.length && late >= BOUNDS_MILLIS[b] * 1_000_000L) {
      b++;
    }
    buckets.addAndGet(b, ticks);
  }

  /** Starts counting afresh (benchmarks measure a steady state). */
  public void reset() {
    for (int i = 0; i < buckets.length(); i++) {
      buckets.set(i, 0);
    }
    count.set(0);
    maxNanos.set(0);
  }

  /** A copy of the figures so far. */
  public Snapshot snapshot() {
    long[] b = new long[buckets.length()];
    for (int i = 0; i < b.length; i++) {
      b[i] = buckets.get(i);
    }
    return new Snapshot(count.get(), maxNanos.get(), b);
  }

  /**
   * The figures at one moment.
   *
   * @param ticks ticks recorded
   * @param maxNanos the latest tick's lateness
   * @param buckets counts per {@link #BOUNDS_MILLIS} bucket (below 1 ms, 1-2 ms, … , 50 ms and
   *     later)
   */
  public record Snapshot(long ticks, long maxNanos, long[] buckets) {
    /** Ticks that ran {@code millis} or more after they were due ({@code millis} a bound). */
    public long atLeast(long millis) {
      for (int i = 0; i < BOUNDS_MILLIS.length; i++) {
        if (BOUNDS_MILLIS[i] == millis) {
          long n = 0;
          for (int j = i + 1; j < buckets.length; j++) {
            n += buckets[j];
          }
          return n;
        }
      }
      throw new IllegalArgumentException(millis + " ms is not a bucket bound");
    }
  }
}
