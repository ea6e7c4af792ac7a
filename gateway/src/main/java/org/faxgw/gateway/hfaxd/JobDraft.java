package org.faxgw.gateway.hfaxd;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A job between JNEW and JSUBM: the parameters sendfax sets with JPARM (hfaxd(8) job parameters).
 * DIALSTRING, DOCUMENT, VRES, NOTIFY, SENDTIME, LASTTIME, MAXDIALS, MAXTRIES and SCHEDPRI are used;
 * the others are kept and answered back, as hfaxd does for parameters a site does not act on.
 */
final class JobDraft {
  static final Set<String> KNOWN =
      Set.of(
          "FROMUSER",
          "LASTTIME",
          "MAXDIALS",
          "MAXTRIES",
          "SCHEDPRI",
          "DIALSTRING",
          "EXTERNAL",
          "NOTIFYADDR",
          "NOTIFY",
          "VRES",
          "PAGEWIDTH",
          "PAGELENGTH",
          "PAGECHOP",
          "CHOPTHRESHOLD",
          "DOCUMENT",
          "COVER",
          "SENDTIME",
          "RETRYTIME",
          "TOUSER",
          "TOCOMPANY",
          "TOLOCATION",
          "TOVOICE",
          "FROMCOMPANY",
          "FROMLOCATION",
          "FROMVOICE",
          "REGARDING",
          "COMMENTS",
          "JOBINFO",
          "JOBTAG",
          "USEECM",
          "USETAGLINE",
          "TAGLINE",
          "DATAFORMAT",
          "MINBR",
          "DESIREDBR",
          "DESIREDST",
          "DESIREDEC",
          "DESIREDDF",
          "SUBADDR",
          "PASSWD",
          "MODEM",
          "CLIENT",
          "OWNER",
          "GROUPID",
          "JOBID",
          "STATE",
          "PRIORITY",
          "USEXVRES",
          "TSI",
          "TOTPAGES",
          "NPAGES",
          "NTRIES",
          "TOTDIALS",
          "NDIALS",
          "TOTTRIES",
          "DONEOP",
          "STATUS",
          "SKIPPAGES",
          "SKIPPEDPAGES",
          "NOCOUNTCOVER",
          "SERVERDOCOVER",
          "POLL",
          "AUTOCOVER",
          "USECONTCOVER",
          "IGNOREMODEMBUSY",
          "TIMEZONE",
          "PAGERANGE");

  final long id;
  final String owner;
  String dialString = "";
  final List<String> documents = new ArrayList<>();
  private final Map<String, String> params = new LinkedHashMap<>();

  JobDraft(long id, String owner) {
    this.id = id;
    this.owner = owner;
  }

  void set(String name, String value) {
    if (value.length() > 1024) {
      throw new IllegalArgumentException(name + ": value too long.");
    }
    switch (name) {
      case "DIALSTRING" -> {
        if (!value.matches("[0-9+#*()., -]{1,64}")) {
          throw new IllegalArgumentException("DIALSTRING: not a fax number.");
        }
        dialString = value;
      }
      case "DOCUMENT" -> documents.add(value);
      case "LASTTIME", "SENDTIME" -> {
        if (!value.equalsIgnoreCase("NOW")) {
          JobAlteration.time(value, Instant.EPOCH, name);
        }
      }
      case "MAXDIALS", "MAXTRIES", "SCHEDPRI", "VRES", "PAGEWIDTH", "PAGELENGTH" -> {
        if (!value.matches("[0-9]{1,6}")) {
          throw new IllegalArgumentException(name + ": not a number.");
        }
      }
      default -> {
        // kept as given
      }
    }
    if (!name.equals("DOCUMENT")) {
      params.put(name, value);
    }
  }

  String get(String name) {
    return switch (name) {
      case "JOBID", "GROUPID" -> Long.toString(id);
      case "OWNER" -> owner;
      case "DOCUMENT" -> String.join(" ", documents);
      default -> params.getOrDefault(name, "");
    };
  }

  /** VRES 98 (lines/inch) is normal resolution; 196 and finer are fine. */
  String resolution() {
    String v = params.get("VRES");
    if (v == null) {
      return null;
    }
    return Integer.parseInt(v) < 150 ? "normal" : "fine";
  }

  /** NOTIFY none|when done|when requeued|when done+requeued, as faxgw's notify words. */
  String notifyWhen() {
    String n = params.get("NOTIFY");
    if (n == null) {
      return null;
    }
    n = n.toLowerCase(java.util.Locale.ROOT);
    if (n.contains("requeue")) {
      return "all";
    }
    return n.contains("done") ? "done" : "none";
  }

  /** SCHEDPRI, MAXDIALS, MAXTRIES and LASTTIME (kill time), or the defaults where not set. */
  JobControl.Limits limits(Instant now) {
    String kill = params.get("LASTTIME");
    return new JobControl.Limits(
        bounded("SCHEDPRI", 0, 255),
        bounded("MAXDIALS", 1, 255),
        bounded("MAXTRIES", 1, 255),
        kill == null ? null : JobAlteration.time(kill, now, "LASTTIME"));
  }

  private Integer bounded(String name, int min, int max) {
    String v = params.get(name);
    return v == null ? null : Math.max(min, Math.min(max, Integer.parseInt(v)));
  }

  /** SENDTIME NOW, YYYYMMDDHHMM[SS] (GMT) or DDHHMM (from now); null for now. */
  Instant sendTime(Instant now) {
    String s = params.get("SENDTIME");
    if (s == null || s.equalsIgnoreCase("NOW")) {
      return null;
    }
    Instant t = JobAlteration.time(s, now, "SENDTIME");
    return t.isAfter(now) ? t : null;
  }
}
