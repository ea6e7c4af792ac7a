package org.faxgw.gateway.loopback;

import org.faxgw.t30.FaxTerminalFactory;

/** The T.30 engine of {@code fax-core/t30}: {@code FaxTerminals.standard()}. */
final class Engine {
  private Engine() {}

  static FaxTerminalFactory standard() {
    try {
      return (FaxTerminalFactory)
          Class.forName("org.faxgw.t30.FaxTerminals").getMethod("standard").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the T.30 engine (FaxTerminals) is not in this build", e);
    }
  }
}
