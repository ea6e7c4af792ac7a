package org.faxgw.t30.spandsp;

import org.faxgw.t30.FaxTerminalFactory;
import org.junit.jupiter.api.Assumptions;

/** The T.30 engine under test: {@code FaxTerminals.standard()}. */
final class Engine {
  private Engine() {}

  static FaxTerminalFactory standard() {
    try {
      Class<?> c = Class.forName("org.faxgw.t30.FaxTerminals");
      return (FaxTerminalFactory) c.getMethod("standard").invoke(null);
    } catch (ClassNotFoundException e) {
      Assumptions.abort("the T.30 engine (org.faxgw.t30.FaxTerminals) is not in this build yet");
      throw new AssertionError(e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
