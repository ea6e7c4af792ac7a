package org.faxgw.gateway.hfaxd;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobState;

/**
 * The JPARM changes faxalter sends for a job already queued (hfaxd(8) job parameters), as pure
 * functions of the job and the time: SENDTIME (-a), LASTTIME (-k), SCHEDPRI (-P), MAXDIALS and
 * MAXTRIES (-t), NOTIFY (-n); and the state a suspended job takes when submitted again (JSUBM).
 */
final class JobAlteration {
  /** The parameters faxalter may change on a queued job. */
  static final Set<String> ALTERABLE =
      Set.of("SENDTIME", "LASTTIME", "SCHEDPRI", "PRIORITY", "MAXDIALS", "MAXTRIES", "NOTIFY");

  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private JobAlteration() {}

  /**
   * {@code j} with {@code name} set to {@code value}. A new time to send also moves a waiting job
   * between pending (later) and ready (now); a suspended job stays suspended.
   *
   * @throws IllegalArgumentException with the reply text when the value is not valid
   */
  static FaxJob apply(FaxJob j, String name, String value, Instant now) {
    return switch (name) {
      case "SENDTIME" -> sendTime(j, value, now);
      case "LASTTIME" ->
          j.withParameters(
              j.priority(),
              j.maxDials(),
              j.maxTries(),
              j.timeToSend(),
              time(value, now, "LASTTIME"),
              j.notifyWhen());
      case "SCHEDPRI", "PRIORITY" ->
          j.withParameters(
              number(value, 0, 255, name),
              j.maxDials(),
              j.maxTries(),
              j.timeToSend(),
              j.killTime(),
              j.notifyWhen());
      case "MAXDIALS" ->
          j.withParameters(
              j.priority(),
              number(value, 1, 255, name),
              j.maxTries(),
              j.timeToSend(),
              j.killTime(),
              j.notifyWhen());
      case "MAXTRIES" ->
          j.withParameters(
              j.priority(),
              j.maxDials(),
              number(value, 1, 255, name),
              j.timeToSend(),
              j.killTime(),
              j.notifyWhen());
      case "NOTIFY" ->
          j.withParameters(
              j.priority(),
              j.maxDials(),
              j.maxTries(),
              j.timeToSend(),
              j.killTime(),
              notifyWord(value));
      default -> throw new IllegalArgumentException(name + " cannot be changed on a queued job.");
    };
  }

  private static FaxJob sendTime(FaxJob j, String value, Instant now) {
    Instant tts = value.equalsIgnoreCase("NOW") ? null : time(value, now, "SENDTIME");
    if (tts != null && !tts.isAfter(now)) {
      tts = null;
    }
    FaxJob next =
        j.withParameters(
            j.priority(), j.maxDials(), j.maxTries(), tts, j.killTime(), j.notifyWhen());
    JobState s = j.state();
    if (tts == null && (s == JobState.PENDING || s == JobState.SLEEPING)) {
      return next.withState(JobState.READY, "");
    }
    if (tts != null && (s == JobState.READY || s == JobState.BLOCKED || s == JobState.SLEEPING)) {
      return next.withState(JobState.PENDING, "Waiting until " + tts);
    }
    return next;
  }

  /** The state of a suspended job submitted again (JSUBM): pending until its time, else ready. */
  static FaxJob resubmitted(FaxJob j, Instant now) {
    if (j.timeToSend() != null && now.isBefore(j.timeToSend())) {
      return j.withState(JobState.PENDING, "Waiting until " + j.timeToSend());
    }
    return j.withState(JobState.READY, "");
  }

  /**
   * A time as the clients send it: {@code YYYYMMDDHHMM[SS]} in GMT (absolute), or {@code DDHHMM}
   * (relative to now: days, hours, minutes).
   */
  static Instant time(String value, Instant now, String name) {
    String v = value.trim();
    try {
      if (v.matches("[0-9]{14}")) {
        return LocalDateTime.parse(v, SECONDS).toInstant(ZoneOffset.UTC);
      }
      if (v.matches("[0-9]{12}")) {
        return LocalDateTime.parse(v, MINUTES).toInstant(ZoneOffset.UTC);
      }
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + ": bad time " + HfaxdSession.printable(v) + ".");
    }
    if (v.matches("[0-9]{6}")) {
      int days = Integer.parseInt(v.substring(0, 2));
      int hours = Integer.parseInt(v.substring(2, 4));
      int minutes = Integer.parseInt(v.substring(4, 6));
      if (hours < 24 && minutes < 60) {
        return now.plus(Duration.ofDays(days).plusHours(hours).plusMinutes(minutes));
      }
    }
    throw new IllegalArgumentException(name + ": bad time " + HfaxdSession.printable(v) + ".");
  }

  private static int number(String value, int min, int max, String name) {
    try {
      int v = Integer.parseInt(value.trim());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException(
        name + ": must be a number from " + min + " to " + max + ".");
  }

  /** NOTIFY none|when done|when requeued|done+requeued as faxgw's notify words. */
  static String notifyWord(String value) {
    String n = value.toLowerCase(Locale.ROOT);
    if (n.contains("requeue")) {
      return "all";
    }
    if (n.contains("done")) {
      return "done";
    }
    if (n.equals("none") || n.equals("off")) {
      return "none";
    }
    throw new IllegalArgumentException("NOTIFY: use none, when done or when requeued.");
  }
}
