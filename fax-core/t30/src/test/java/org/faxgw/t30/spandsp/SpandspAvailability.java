package org.faxgw.t30.spandsp;

import java.util.concurrent.TimeUnit;
import org.faxgw.sim.spandsp.SpandspHarness;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test, with a message saying so, when gcc or libspandsp-dev is missing; {@code
 * bin/install-test-deps} installs both, so in CI these tests run.
 */
final class SpandspAvailability {
  private SpandspAvailability() {}

  private static Boolean available;
  private static String why = "";

  static synchronized void assumeAvailable() {
    if (available == null) {
      available = check();
    }
    Assumptions.assumeTrue(available, why);
  }

  private static boolean check() {
    try {
      Process p = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        why = "gcc does not run: the spandsp fax tests need gcc and libspandsp-dev";
        return false;
      }
    } catch (Exception e) {
      why = "gcc is not installed: the spandsp fax tests need gcc and libspandsp-dev";
      return false;
    }
    try {
      SpandspHarness.compile(SpandspFax.PROGRAM);
      return true;
    } catch (IllegalStateException e) {
      if (e.getMessage() != null && e.getMessage().contains("libspandsp-dev is not installed")) {
        why = e.getMessage();
        return false;
      }
      throw e; // a real compile error fails the tests
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
