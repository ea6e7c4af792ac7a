package org.faxgw.t30.spandsp;

import org.faxgw.t30.FaxTerminalFactory;
import org.faxgw.t30.FaxTerminals;

/** The T.30 engine under test. */
final class Engine {
  private Engine() {}

  static FaxTerminalFactory standard() {
    return FaxTerminals.standard();
  }
}
