package org.faxgw.t30;

import java.util.List;
import java.util.Objects;
import org.faxgw.t4.BilevelPage;

/** The fax terminals of this project: {@link #standard()} is T.30 with the built-in modems. */
public final class FaxTerminals {
  private FaxTerminals() {}

  private static final FaxTerminalFactory STANDARD =
      new FaxTerminalFactory() {
        @Override
        public FaxTerminal sender(
            FaxTerminalConfig config,
            List<BilevelPage> pages,
            FaxTerminalListener listener,
            SessionLogSink log) {
          if (config.direction() != FaxDirection.SEND) {
            throw new IllegalArgumentException("a sender needs direction SEND");
          }
          return new T30Terminal(
              config,
              List.copyOf(pages),
              orNone(listener),
              log == null ? SessionLogSink.NONE : log);
        }

        @Override
        public FaxTerminal receiver(
            FaxTerminalConfig config, FaxTerminalListener listener, SessionLogSink log) {
          if (config.direction() != FaxDirection.RECEIVE) {
            throw new IllegalArgumentException("a receiver needs direction RECEIVE");
          }
          return new T30Terminal(
              config, List.of(), orNone(listener), log == null ? SessionLogSink.NONE : log);
        }
      };

  private static FaxTerminalListener orNone(FaxTerminalListener l) {
    return l == null ? FaxTerminalListener.NONE : l;
  }

  /** T.30 (phases A-E, ECM) over the V.21/V.27ter/V.29/V.17 modems of {@code fax-core/modem}. */
  public static FaxTerminalFactory standard() {
    return Objects.requireNonNull(STANDARD);
  }
}
