package org.faxgw.t30;

import java.util.List;
import org.faxgw.t4.BilevelPage;

/**
 * Makes fax terminals. The engine's implementation is {@code FaxTerminals.standard()}; tests of the
 * gateway may pass a fake.
 */
public interface FaxTerminalFactory {

  /**
   * A terminal that sends {@code pages} (in order; a resumed job passes only the pages not yet
   * confirmed). {@code config.direction()} must be {@link FaxDirection#SEND}.
   */
  FaxTerminal sender(
      FaxTerminalConfig config,
      List<BilevelPage> pages,
      FaxTerminalListener listener,
      SessionLogSink log);

  /** A terminal that receives. {@code config.direction()} must be {@link FaxDirection#RECEIVE}. */
  FaxTerminal receiver(FaxTerminalConfig config, FaxTerminalListener listener, SessionLogSink log);
}
