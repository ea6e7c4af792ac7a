package org.faxgw.gateway.config;

import java.time.Duration;

/**
 * The {@code jobs:} section: defaults for new fax jobs and the retry policy (HylaFAX's JobReqBusy,
 * JobReqNoAnswer, JobReqOther; sendfax's -k, -T, -t).
 *
 * @param priority default priority, 0 (highest) to 255 (default 127, as sendfax)
 * @param killTime a job not done by then fails (default {@code 3h})
 * @param maxDials most calls placed for one job (default 12)
 * @param maxTries most calls that reach a fax machine (default 3)
 * @param retryBusy wait after a busy signal (default {@code 3m}, HylaFAX JobReqBusy)
 * @param retryNoAnswer wait after no answer (default {@code 5m}, HylaFAX JobReqNoAnswer)
 * @param retryOther wait after any other failure (default {@code 5m})
 * @param duplicateWindow the same Message-ID to the same number within this makes no second job
 *     (default {@code 24h})
 */
public record JobsConfig(
    Integer priority,
    Duration killTime,
    Integer maxDials,
    Integer maxTries,
    Duration retryBusy,
    Duration retryNoAnswer,
    Duration retryOther,
    Duration duplicateWindow) {

  public JobsConfig {
    priority = priority == null ? 127 : priority;
    killTime = killTime == null ? Duration.ofHours(3) : killTime;
    maxDials = maxDials == null ? 12 : maxDials;
    maxTries = maxTries == null ? 3 : maxTries;
    retryBusy = retryBusy == null ? Duration.ofMinutes(3) : retryBusy;
    retryNoAnswer = retryNoAnswer == null ? Duration.ofMinutes(5) : retryNoAnswer;
    retryOther = retryOther == null ? Duration.ofMinutes(5) : retryOther;
    duplicateWindow = duplicateWindow == null ? Duration.ofHours(24) : duplicateWindow;
    if (priority < 0 || priority > 255) {
      throw new IllegalArgumentException("jobs.priority must be 0..255");
    }
    if (maxDials < 1 || maxTries < 1) {
      throw new IllegalArgumentException("jobs.maxDials and jobs.maxTries must be at least 1");
    }
    if (killTime.isNegative() || killTime.isZero()) {
      throw new IllegalArgumentException("jobs.killTime must be positive");
    }
  }

  public static JobsConfig defaults() {
    return new JobsConfig(null, null, null, null, null, null, null, null);
  }
}
