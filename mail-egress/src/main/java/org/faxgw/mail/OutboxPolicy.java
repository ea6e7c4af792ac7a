package org.faxgw.mail;

import java.time.Duration;

/**
 * When the outbox tries again: after a temporary failure the wait doubles from {@code firstRetry}
 * up to {@code maxRetry}; a message still undelivered after {@code giveUpAfter} is reported to
 * FaxMaster (RFC 5321 4.5.4.1 suggests at least 4-5 days before giving up).
 */
record OutboxPolicy(Duration firstRetry, Duration maxRetry, Duration giveUpAfter) {
  public static final OutboxPolicy DEFAULT =
      new OutboxPolicy(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(5));

  /** The wait after the {@code attempts}-th failed attempt (1-based). */
  public Duration delayAfter(int attempts) {
    Duration d = firstRetry;
    for (int i = 1; i < attempts && d.compareTo(maxRetry) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxRetry) > 0 ? maxRetry : d;
  }
}
