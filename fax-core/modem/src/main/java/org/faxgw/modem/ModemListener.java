package org.faxgw.modem;

/** Receives the status events of a modem receiver or transmitter. */
@FunctionalInterface
public interface ModemListener {
  void onEvent(ModemEvent event);

  /** A listener that ignores everything. */
  ModemListener IGNORE = e -> {};
}
