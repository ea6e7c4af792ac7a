package org.faxgw.mail;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A second process for {@link OutboxLockTest}: opens the outbox named by its argument as a running
 * gateway does, takes its delivery lock, prints {@code held} (or {@code busy}) and keeps the lock
 * until its standard input ends.
 */
public final class OutboxLockHolder {
  private OutboxLockHolder() {}

  public static void main(String[] args) throws Exception {
    MailTransport refuse =
        new MailTransport() {
          @Override
          public DeliveryResult deliver(byte[] message, String from, List<String> recipients) {
            throw new AssertionError("the lock holder delivers nothing");
          }

          @Override
          public String describe() {
            return "nowhere";
          }
        };
    try (Outbox o =
        new Outbox(
            Path.of(args[0]),
            refuse,
            Clock.systemUTC(),
            OutboxPolicy.DEFAULT,
            new EgressConfig("FaxMaster <fm@example.com>", null),
            "fm@example.com")) {
      System.out.println(o.holdDeliveryLock() ? "held" : "busy");
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold until the test closes our standard input
      }
    }
  }
}
