package org.faxgw.gateway.line.dispatch;

import java.time.Duration;
import java.time.Instant;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobProgress;
import org.faxgw.queue.JobState;

/**
 * HylaFAX faxq's requeue rules, pure: after a call, the job is done, sleeps until a retry time
 * chosen by the outcome (JobReqBusy, JobReqNoAnswer, JobReqOther), or fails when the outcome cannot
 * improve, the dials or tries are used up, or the retry would fall after the kill time.
 *
 * @param retryBusy wait after busy (HylaFAX default 3 min)
 * @param retryNoAnswer wait after no answer (default 5 min)
 * @param retryOther wait after any other failure (default 5 min)
 */
public record RetryPolicy(Duration retryBusy, Duration retryNoAnswer, Duration retryOther) {

  public static RetryPolicy hylafax() {
    return new RetryPolicy(Duration.ofMinutes(3), Duration.ofMinutes(5), Duration.ofMinutes(5));
  }

  /**
   * The job after a call that ended with {@code o} at {@code now}; {@code progress} carries the
   * pages confirmed over all calls and the facts of this one.
   */
  public FaxJob after(FaxJob job, CallOutcome o, JobProgress progress, Instant now) {
    int dials = job.dials() + 1;
    int tries = job.tries() + (o.reachedFax() ? 1 : 0);
    FaxJob j = job.withProgress(progress);
    if (o.kind() == CallOutcome.Kind.DONE) {
      return j.withCalls(dials, tries, job.timeToSend()).withState(JobState.DONE, "");
    }
    if (o.kind() == CallOutcome.Kind.FAIL) {
      return j.withCalls(dials, tries, job.timeToSend()).withState(JobState.FAILED, o.reason());
    }
    if (tries >= job.maxTries()) {
      return j.withCalls(dials, tries, job.timeToSend())
          .withState(
              JobState.FAILED,
              "Too many attempts to transmit: "
                  + tries
                  + ", max "
                  + job.maxTries()
                  + "; "
                  + o.reason());
    }
    if (dials >= job.maxDials()) {
      return j.withCalls(dials, tries, job.timeToSend())
          .withState(
              JobState.FAILED,
              "Too many attempts to dial: "
                  + dials
                  + ", max "
                  + job.maxDials()
                  + "; "
                  + o.reason());
    }
    Duration wait =
        switch (o.kind()) {
          case BUSY -> retryBusy;
          case NO_ANSWER -> retryNoAnswer;
          default -> retryOther;
        };
    Instant next = now.plus(wait);
    if (job.killTime() != null && !next.isBefore(job.killTime())) {
      return j.withCalls(dials, tries, job.timeToSend())
          .withState(JobState.FAILED, "Kill time expired; " + o.reason());
    }
    return j.withCalls(dials, tries, next).withState(JobState.SLEEPING, o.reason());
  }
}
