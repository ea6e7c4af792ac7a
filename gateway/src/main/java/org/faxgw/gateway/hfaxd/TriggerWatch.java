package org.faxgw.gateway.hfaxd;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobState;

/**
 * The event stream of one {@code SITE TRIGGER} (faxwatch(8)): every {@link #POLL} the send queue
 * the user sees is compared with the previous look ({@link JobEvents}), and each event the {@link
 * TriggerSpec} asks for is written to the data connection as one text line, {@code HH:MM:SS JOB
 * <JID> (dest <number> pri <priority> owner <owner>): <what happened>}, which faxwatch prints as it
 * comes. Polling the store (rather than hooking every writer) sees the changes of every writer,
 * including other gateway nodes on a shared database. It ends when the client sends a command or
 * goes away, a write fails, or after {@code limit}. Confined to the session's thread.
 */
final class TriggerWatch {
  static final Duration POLL = Duration.ofMillis(500);
  private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");

  /** What the control connection says within a wait. */
  enum Poll {
    QUIET,
    INPUT,
    CLOSED
  }

  /** Waits up to a time for the control connection. */
  @FunctionalInterface
  interface Control {
    Poll await(Duration d) throws IOException;
  }

  /** Why the watch ended. */
  enum End {
    COMMAND,
    CLOSED,
    LIMIT
  }

  private final TriggerSpec spec;
  private final QueueViews views;
  private final JobControl jobs;
  private final ZoneId zone;
  private final Clock clock;

  TriggerWatch(TriggerSpec spec, QueueViews views, JobControl jobs, ZoneId zone, Clock clock) {
    this.spec = spec;
    this.views = views;
    this.jobs = jobs;
    this.zone = zone;
    this.clock = clock;
  }

  End run(OutputStream data, Control control, Duration limit) throws IOException {
    Map<Long, FaxJob> before = snapshot();
    Instant end = clock.instant().plus(limit);
    long rounds = limit.toMillis() / POLL.toMillis() + 1;
    for (long r = 0; r < rounds && clock.instant().isBefore(end); r++) {
      Poll p = control.await(POLL);
      if (p == Poll.CLOSED) {
        return End.CLOSED;
      }
      if (p == Poll.INPUT) {
        return End.COMMAND;
      }
      Map<Long, FaxJob> after = snapshot();
      List<JobEvents.Event> events = JobEvents.between(before, after, jobs::find);
      before = after;
      StringBuilder b = new StringBuilder();
      for (JobEvents.Event e : events) {
        if (spec.matches(e)) {
          b.append(line(e)).append("\r\n");
        }
      }
      if (b.length() > 0) {
        data.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
        data.flush();
      }
    }
    return End.LIMIT;
  }

  private Map<Long, FaxJob> snapshot() {
    Map<Long, FaxJob> m = new LinkedHashMap<>();
    for (FaxJob j : views.jobs(JobState.SEND_QUEUE)) {
      m.put(j.id(), j);
    }
    return m;
  }

  String line(JobEvents.Event e) {
    FaxJob j = e.job();
    return HMS.format(clock.instant().atZone(zone))
        + " JOB "
        + j.id()
        + " (dest "
        + j.number()
        + " pri "
        + j.priority()
        + " owner "
        + j.owner()
        + "): "
        + (e.kind() == 'S' ? "SEND FAX: " : "")
        + HfaxdSession.printable(e.text());
  }
}
