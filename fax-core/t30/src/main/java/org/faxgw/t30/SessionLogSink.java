package org.faxgw.t30;

/**
 * Where a terminal writes its session log, one line at a time, in HylaFAX's session-log wording
 * ({@code <-- HDLC<...>}, {@code --> HDLC<...>}, phase changes, page summaries). The sink adds the
 * wall-clock prefix if it wants one; {@code atSample} is the terminal's sample clock. Called on the
 * terminal's thread; must not block.
 */
@FunctionalInterface
public interface SessionLogSink {
  void line(long atSample, String text);

  /** A sink that drops every line. */
  SessionLogSink NONE = (t, s) -> {};
}
