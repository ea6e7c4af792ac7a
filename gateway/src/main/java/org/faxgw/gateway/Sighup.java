package org.faxgw.gateway;

/** SIGHUP, the Unix habit for "read your configuration again". */
final class Sighup {
  private Sighup() {}

  /** Runs {@code action} on each SIGHUP (on the JVM's signal thread). */
  static void onSignal(Runnable action) {
    sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> action.run());
  }
}
