package org.faxgw.render;

import java.time.Duration;

/**
 * The wall-clock end of one render. Workers call {@link #check()} between small steps (a PDF
 * operator, an image band); once it has passed, or the render was cancelled, {@code check()} throws
 * {@link Expired}, which the renderer turns into a {@link RenderException}.
 */
final class Deadline {
  private final long endNanos;
  private final Duration limit;
  private volatile boolean cancelled;

  Deadline(Duration limit) {
    this(limit, System.nanoTime() + limit.toNanos());
  }

  private Deadline(Duration limit, long endNanos) {
    this.limit = limit;
    this.endNanos = endNanos;
  }

  /** The same end, not cancelled: for a second attempt at the same document (PDF repair). */
  Deadline again() {
    return new Deadline(limit, endNanos);
  }

  long remainingNanos() {
    return endNanos - System.nanoTime();
  }

  boolean expired() {
    return cancelled || remainingNanos() <= 0;
  }

  void cancel() {
    cancelled = true;
  }

  void check() {
    if (expired()) {
      throw new Expired();
    }
  }

  RenderException exceeded() {
    return new RenderException(
        RenderException.Reason.TIME_LIMIT, "render time limit " + describe(limit) + " exceeded");
  }

  static String describe(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 == 0) {
      return ms / 1000 + " s";
    }
    return ms >= 1000 ? String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0) : ms + " ms";
  }

  /** Thrown from deep inside a renderer when the deadline has passed. */
  static final class Expired extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Expired() {
      super("render deadline passed", null, false, false);
    }
  }
}
