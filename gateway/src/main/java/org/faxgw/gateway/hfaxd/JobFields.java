package org.faxgw.gateway.hfaxd;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.faxgw.gateway.inbound.ReceivedQueue;
import org.faxgw.queue.FaxJob;

/** The faxstat(1) field letters of JOBFMT and RCVFMT for faxgw's jobs and received faxes. */
final class JobFields {
  private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DAY_TIME =
      DateTimeFormatter.ofPattern("ddMMMyy", Locale.ROOT);
  private static final DateTimeFormatter FULL =
      DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss", Locale.ROOT);

  private JobFields() {}

  static String field(FaxJob j, char c, ZoneId zone, String host) {
    return switch (c) {
      case 'a' -> Character.toString(j.state().code());
      case 'b' -> "0";
      case 'c' -> host;
      case 'd' -> Integer.toString(j.dials());
      case 'e', 'v' -> j.number();
      case 'f' -> "0";
      case 'g' -> Long.toString(j.groupId());
      case 'i', 'I' -> Integer.toString(j.priority());
      case 'j' -> Long.toString(j.id());
      case 'k' -> time(j.killTime(), zone, HM);
      case 'l' -> "297";
      case 'm' -> "any";
      case 'n' ->
          j.notifyWhen() == null ? " " : j.notifyWhen().substring(0, 1).toUpperCase(Locale.ROOT);
      case 'o' -> j.owner();
      case 'p' -> "0";
      case 'r' -> "normal".equals(j.resolution()) ? "98" : "196";
      case 's' -> j.status();
      case 't' -> Integer.toString(j.tries());
      case 'u' -> Integer.toString(j.maxTries());
      case 'w' -> "209";
      case 'x' -> Integer.toString(j.maxDials());
      case 'y' -> Integer.toString(j.pages());
      case 'z' -> j.timeToSend() == null ? "" : time(j.timeToSend(), zone, HM);
      case 'D' -> j.dials() + ":" + j.maxDials();
      case 'M' -> j.owner();
      case 'P' -> "0:" + j.pages();
      case 'S' -> j.owner();
      case 'T' -> j.tries() + ":" + j.maxTries();
      case 'W' -> "";
      case 'X' -> "F";
      case 'Y' -> j.timeToSend() == null ? "" : time(j.timeToSend(), zone, FULL);
      case 'Z' -> j.timeToSend() == null ? "" : Long.toString(j.timeToSend().getEpochSecond());
      default -> "";
    };
  }

  static String received(ReceivedQueue.Received r, char c, ZoneId zone) {
    return switch (c) {
      case 'a' -> "";
      case 'e' -> r.error() == null ? "" : r.error();
      case 'f' -> fileName(r);
      case 'i' -> "";
      case 'j' -> r.callerNumber() == null ? "" : r.callerNumber();
      case 'm' -> r.protect() == null ? "-rw----" : r.protect();
      case 'n' -> Long.toString(r.size());
      case 'o' -> r.owner() == null ? "fax" : r.owner();
      case 'p' -> Integer.toString(Math.max(r.pages(), 0));
      case 's' -> r.sender() == null ? "" : r.sender();
      case 't' -> time(r.received(), zone, DAY_TIME);
      case 'Y' -> time(r.received(), zone, FULL);
      case 'z' -> " ";
      default -> "";
    };
  }

  /** The received fax's name in recvq (never the server's path). */
  static String fileName(ReceivedQueue.Received r) {
    return java.nio.file.Path.of(r.file()).getFileName().toString();
  }

  /** JPARM NAME without a value on a queued job. */
  static String parameter(FaxJob j, String name) {
    return switch (name) {
      case "DIALSTRING", "EXTERNAL" -> j.number();
      case "OWNER" -> j.owner();
      case "STATE" -> j.state().name();
      case "STATUS" -> j.status();
      case "JOBID" -> Long.toString(j.id());
      case "GROUPID" -> Long.toString(j.groupId());
      case "TOTPAGES" -> Integer.toString(j.pages());
      case "MAXDIALS" -> Integer.toString(j.maxDials());
      case "MAXTRIES" -> Integer.toString(j.maxTries());
      case "SCHEDPRI", "PRIORITY" -> Integer.toString(j.priority());
      default -> "";
    };
  }

  private static String time(Instant t, ZoneId zone, DateTimeFormatter f) {
    return t == null ? "" : f.format(t.atZone(zone));
  }
}
