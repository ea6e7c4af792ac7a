package org.faxgw.smtp;

import java.util.concurrent.locks.LockSupport;

/**
 * Test-only fault points: with the system property {@code faxgw.faultPoint} set to a point's name,
 * the thread that reaches it prints {@code faxgw: fault point <name> reached} on standard output
 * and stops there for good, so that a test can kill -9 the process at exactly that moment. Unset
 * (always, outside tests) a fault point does nothing.
 */
final class FaultPoint {
  /** The message and its jobs are durable (fsynced, committed); the 250 is not yet written. */
  static final String BEFORE_250 = "smtp.before250";

  private static final String PROPERTY = "faxgw.faultPoint";

  private FaultPoint() {}

  static void reached(String name) {
    if (!name.equals(System.getProperty(PROPERTY))) {
      return;
    }
    System.out.println("faxgw: fault point " + name + " reached");
    System.out.flush();
    while (true) {
      LockSupport.park(); // until the test kills the process
    }
  }
}
