package org.faxgw.t30;

/**
 * Receives a terminal's events, on the thread that drives the terminal, synchronously. It must not
 * block (it runs on the 20 ms audio tick): hand work such as disk writes to another thread.
 */
@FunctionalInterface
public interface FaxTerminalListener {
  void onEvent(FaxEvent event);

  /** A listener that ignores everything. */
  FaxTerminalListener NONE = e -> {};
}
