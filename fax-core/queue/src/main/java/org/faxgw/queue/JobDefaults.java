package org.faxgw.queue;

import java.time.Duration;

/**
 * Values a new job takes when its submission does not say otherwise.
 *
 * @param priority 0 (highest) to 255
 * @param killTime how long after submission the job fails if not sent
 * @param maxDials most calls placed
 * @param maxTries most calls that reach a fax machine
 * @param duplicateWindow the same Message-ID to the same number within this makes no new job
 * @param resolution fine or normal
 * @param notifyWhen done, failed, all or none (HylaFAX's default: only on problems)
 */
public record JobDefaults(
    int priority,
    Duration killTime,
    int maxDials,
    int maxTries,
    Duration duplicateWindow,
    String resolution,
    String notifyWhen) {

  public static JobDefaults hylafax() {
    return new JobDefaults(127, Duration.ofHours(3), 12, 3, Duration.ofHours(24), "fine", "failed");
  }
}
