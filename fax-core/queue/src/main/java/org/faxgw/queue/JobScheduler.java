package org.faxgw.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The timer decisions of the queue (HylaFAX faxq's), pure: given the jobs and the time, what should
 * change. The caller applies the changes to the store and reads the time from its Clock.
 */
public final class JobScheduler {
  /** Status of a ready job while the gateway has no fax line to send it on. */
  public static final String NO_LINE = "Waiting for a fax line";

  /** Status of a job that reached its kill time. */
  public static final String KILLED = "Job not sent by its kill time";

  private final boolean haveFaxLine;

  public JobScheduler(boolean haveFaxLine) {
    this.haveFaxLine = haveFaxLine;
  }

  /** One change to make: the job, and what it should become. */
  public record Change(FaxJob job, FaxJob next) {}

  /** The changes due at {@code now} for jobs of the send queue. */
  public List<Change> due(List<FaxJob> jobs, Instant now) {
    List<Change> out = new ArrayList<>();
    for (FaxJob j : jobs) {
      if (j.state().isTerminal()
          || j.state() == JobState.ACTIVE
          || j.state() == JobState.SUSPENDED) {
        continue;
      }
      if (j.killTime() != null && !now.isBefore(j.killTime())) {
        out.add(new Change(j, j.withState(JobState.FAILED, KILLED)));
      } else if ((j.state() == JobState.PENDING || j.state() == JobState.SLEEPING)
          && (j.timeToSend() == null || !now.isBefore(j.timeToSend()))) {
        out.add(new Change(j, ready(j)));
      } else if (j.state() == JobState.READY && !haveFaxLine && !NO_LINE.equals(j.status())) {
        out.add(new Change(j, j.withState(JobState.READY, NO_LINE)));
      }
    }
    return out;
  }

  /**
   * The state a job takes once its pages are rendered: pending when its time to send is still
   * ahead, otherwise ready.
   */
  public FaxJob afterRendering(FaxJob j, Instant now) {
    if (j.timeToSend() != null && now.isBefore(j.timeToSend())) {
      return j.withState(JobState.PENDING, "Waiting until " + j.timeToSend());
    }
    return ready(j);
  }

  private FaxJob ready(FaxJob j) {
    return j.withState(JobState.READY, haveFaxLine ? "" : NO_LINE);
  }
}
