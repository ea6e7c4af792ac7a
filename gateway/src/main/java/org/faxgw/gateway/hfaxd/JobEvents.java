package org.faxgw.gateway.hfaxd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobScheduler;
import org.faxgw.queue.JobState;

/**
 * The job and send events of faxwatch(8)'s table, found by comparing two snapshots of the send
 * queue: the masks are HylaFAX's (JOB_CREATE 0x0001 ... JOB_PREP_END 0x8000 in class J; SEND_BEGIN
 * 0x0001, SEND_REQUEUE 0x0200, SEND_DONE 0x0400 in class S). Pure.
 */
final class JobEvents {
  static final int JOB_CREATE = 0x0001;
  static final int JOB_SUSPEND = 0x0002;
  static final int JOB_READY = 0x0004;
  static final int JOB_SLEEP = 0x0008;
  static final int JOB_DEAD = 0x0010;
  static final int JOB_ACTIVE = 0x0080;
  static final int JOB_KILL = 0x0200;
  static final int JOB_BLOCKED = 0x0400;
  static final int JOB_ALTERED = 0x1000;
  static final int JOB_TIMEDOUT = 0x2000;
  static final int JOB_PREP_BEGIN = 0x4000;
  static final int JOB_PREP_END = 0x8000;
  static final int SEND_BEGIN = 0x0001;
  static final int SEND_REQUEUE = 0x0200;
  static final int SEND_DONE = 0x0400;

  /** One event: class J or S, its mask bit, the job as it is after it, and what happened. */
  record Event(char kind, int mask, FaxJob job, String text) {}

  private JobEvents() {}

  /**
   * The events between {@code before} and {@code after} (send-queue jobs by id). A job that left
   * the send queue is looked up with {@code gone}: done or failed, or removed when empty.
   */
  static List<Event> between(
      Map<Long, FaxJob> before, Map<Long, FaxJob> after, LongFunction<Optional<FaxJob>> gone) {
    List<Event> out = new ArrayList<>();
    for (FaxJob now : after.values()) {
      FaxJob was = before.get(now.id());
      if (was == null) {
        out.add(new Event('J', JOB_CREATE, now, "Created"));
        stateEvents(null, now, out);
      } else if (was.state() != now.state()) {
        stateEvents(was, now, out);
      } else if (!sameParameters(was, now)) {
        out.add(new Event('J', JOB_ALTERED, now, "Parameters altered"));
      }
    }
    for (FaxJob was : before.values()) {
      if (after.containsKey(was.id())) {
        continue;
      }
      Optional<FaxJob> end = gone.apply(was.id());
      if (end.isEmpty()) {
        out.add(new Event('J', JOB_KILL, was, "Killed (removed)"));
      } else if (end.get().state() == JobState.DONE) {
        out.add(new Event('S', SEND_DONE, end.get(), "Job completed successfully"));
        out.add(new Event('J', JOB_DEAD, end.get(), "Done: " + end.get().status()));
      } else if (end.get().state().isTerminal()) {
        if (JobScheduler.KILLED.equals(end.get().status())) {
          out.add(new Event('J', JOB_TIMEDOUT, end.get(), "Timed out"));
        }
        out.add(new Event('J', JOB_DEAD, end.get(), "Failed: " + end.get().status()));
      }
    }
    return out;
  }

  private static void stateEvents(FaxJob was, FaxJob now, List<Event> out) {
    JobState from = was == null ? null : was.state();
    if (from == JobState.RENDERING) {
      out.add(new Event('J', JOB_PREP_END, now, "Preparation finished"));
    }
    if (from == JobState.ACTIVE && now.state() != JobState.SUSPENDED) {
      out.add(new Event('S', SEND_REQUEUE, now, "Requeue job: " + now.status()));
    }
    switch (now.state()) {
      case RENDERING -> out.add(new Event('J', JOB_PREP_BEGIN, now, "Preparation started"));
      case SUSPENDED -> out.add(new Event('J', JOB_SUSPEND, now, "Suspended"));
      case READY -> out.add(new Event('J', JOB_READY, now, "Ready to send"));
      case PENDING, SLEEPING ->
          out.add(new Event('J', JOB_SLEEP, now, "Sleeping until " + now.timeToSend()));
      case BLOCKED -> out.add(new Event('J', JOB_BLOCKED, now, "Blocked by another job"));
      case ACTIVE -> {
        out.add(new Event('J', JOB_ACTIVE, now, "Activated"));
        out.add(new Event('S', SEND_BEGIN, now, "Begin attempt"));
      }
      default -> {
        // done and failed are not in the send queue
      }
    }
  }

  private static boolean sameParameters(FaxJob a, FaxJob b) {
    return a.priority() == b.priority()
        && a.maxDials() == b.maxDials()
        && a.maxTries() == b.maxTries()
        && Objects.equals(a.timeToSend(), b.timeToSend())
        && Objects.equals(a.killTime(), b.killTime())
        && Objects.equals(a.notifyWhen(), b.notifyWhen());
  }
}
