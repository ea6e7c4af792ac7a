package org.faxgw.gateway.hfaxd;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.faxgw.gateway.accounts.Account;
import org.faxgw.gateway.inbound.ReceivedQueue;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobDocument;
import org.faxgw.queue.JobState;

/**
 * What one user sees of the HylaFAX spool folders, and which files they may fetch (RETR):
 *
 * <ul>
 *   <li>{@code sendq}, {@code doneq}: the jobs (JOBFMT); a user sees their own, an admin all.
 *   <li>{@code docq}: the documents of those jobs (FILEFMT), named {@code doc<JID>_<n>[.ext]}.
 *   <li>{@code recvq}: the received faxes (RCVFMT), for admins, or for all users when {@code
 *       hfaxd.recvqVisibleTo: all}.
 *   <li>{@code log}: the session logs {@code c<CommID>} (FILEFMT) of calls made for the user's
 *       jobs, and of received calls when recvq is visible to them; an admin sees all.
 *   <li>{@code status}: the server's one status line (MDMFMT).
 * </ul>
 */
final class QueueViews {
  private static final DateTimeFormatter MTIME =
      DateTimeFormatter.ofPattern("MMM dd HH:mm", Locale.ROOT);
  private static final String LOG_NAME = "c[0-9]{1,12}";

  private final HfaxdSettings settings;
  private final JobControl jobs;
  private final Account user;

  QueueViews(HfaxdSettings settings, JobControl jobs, Account user) {
    this.settings = settings;
    this.jobs = jobs;
    this.user = user;
  }

  /** True when the user may see the job. */
  boolean visible(FaxJob j) {
    return user.admin() || user.name().equals(j.owner());
  }

  boolean recvqVisible() {
    return user.admin() || settings.recvqForAll();
  }

  /** The jobs in {@code states} the user may see, by id. */
  List<FaxJob> jobs(Set<JobState> states) {
    return jobs.list(states).stream().filter(this::visible).toList();
  }

  /** The lines of {@code LIST dir} (or NLST when {@code names}); null for an unknown folder. */
  List<String> listing(String dir, boolean names, Map<String, String> formats, ZoneId zone)
      throws IOException {
    List<String> out = new ArrayList<>();
    switch (dir) {
      case "sendq", "doneq" -> {
        String fmt = formats.get("JOBFMT");
        for (FaxJob j : jobs(dir.equals("sendq") ? JobState.SEND_QUEUE : JobState.DONE_QUEUE)) {
          out.add(
              names
                  ? "q" + j.id()
                  : StatusFormat.format(
                      fmt, c -> JobFields.field(j, c, zone, settings.hostName())));
        }
      }
      case "recvq" -> {
        if (recvqVisible()) {
          String fmt = formats.get("RCVFMT");
          for (ReceivedQueue.Received r : ReceivedQueue.list(settings.recvq())) {
            out.add(
                names
                    ? JobFields.fileName(r)
                    : StatusFormat.format(fmt, c -> JobFields.received(r, c, zone)));
          }
        }
      }
      case "docq" -> files(documents(), names, formats.get("FILEFMT"), zone, out);
      case "log" -> files(logs(), names, formats.get("FILEFMT"), zone, out);
      case "status" -> out.add(status(formats.get("MDMFMT")));
      case "tmp" -> {
        // the uploads are per session and not listed
      }
      case "." -> out.addAll(List.of("docq", "doneq", "log", "recvq", "sendq", "status", "tmp"));
      default -> {
        return null;
      }
    }
    return out;
  }

  private String status(String fmt) {
    return StatusFormat.format(
        fmt,
        c ->
            switch (c) {
              case 'h' -> settings.hostName();
              case 'm' -> "faxgw";
              case 's' -> "No fax line configured (jobs wait)";
              case 'z' -> " ";
              default -> "";
            });
  }

  /** One file of a listing: its shown name, owner and where it is. */
  record Entry(String name, String owner, Path file) {}

  private void files(
      Map<String, Entry> entries, boolean names, String fmt, ZoneId zone, List<String> out)
      throws IOException {
    for (Entry e : entries.values()) {
      if (!Files.isRegularFile(e.file())) {
        continue;
      }
      if (names) {
        out.add(e.name());
        continue;
      }
      long size = Files.size(e.file());
      Instant mtime = Files.getLastModifiedTime(e.file()).toInstant();
      Function<Character, String> field =
          c ->
              switch (c) {
                case 'a' -> MTIME.format(mtime.atZone(zone));
                case 'f' -> e.name();
                case 'l' -> "1";
                case 'm' -> MTIME.format(mtime.atZone(zone));
                case 'o' -> e.owner();
                case 'p' -> "-rw----";
                case 's' -> Long.toString(size);
                default -> "";
              };
      out.add(StatusFormat.format(fmt, field));
    }
  }

  /** The documents of the jobs the user sees, by shown name. */
  Map<String, Entry> documents() throws IOException {
    Map<String, Entry> out = new LinkedHashMap<>();
    for (FaxJob j : jobs(EnumSet.allOf(JobState.class))) {
      int n = 0;
      for (JobDocument d : j.documents()) {
        n++;
        String base = Path.of(d.path()).getFileName().toString();
        int dot = base.lastIndexOf('.');
        String ext = dot > 0 ? base.substring(dot).replaceAll("[^A-Za-z0-9.]", "") : "";
        out.put(
            "doc" + j.id() + "_" + n + ext,
            new Entry("doc" + j.id() + "_" + n + ext, j.owner(), settings.spool().local(d.path())));
      }
    }
    return out;
  }

  /** The session logs the user sees, by name. */
  Map<String, Entry> logs() throws IOException {
    Map<String, String> owners = new LinkedHashMap<>();
    for (FaxJob j : jobs(EnumSet.allOf(JobState.class))) {
      if (!j.progress().commId().isEmpty()) {
        owners.put("c" + j.progress().commId(), j.owner());
      }
    }
    Set<String> received = new HashSet<>();
    if (recvqVisible()) {
      for (ReceivedQueue.Received r : ReceivedQueue.list(settings.recvq())) {
        if (r.commId() != null) {
          received.add("c" + r.commId());
        }
      }
    }
    Map<String, Entry> out = new LinkedHashMap<>();
    if (!Files.isDirectory(settings.logDir())) {
      return out;
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(settings.logDir())) {
      for (Path p : ds) {
        if (p.getFileName().toString().matches(LOG_NAME)) {
          files.add(p);
        }
      }
    }
    files.sort(null);
    for (Path p : files) {
      String name = p.getFileName().toString();
      if (user.admin() || owners.containsKey(name) || received.contains(name)) {
        out.put(name, new Entry(name, owners.getOrDefault(name, "fax"), p));
      }
    }
    return out;
  }

  /**
   * The file behind {@code RETR path} if the user may fetch it: {@code recvq/NAME}, {@code
   * docq/NAME}, {@code log/cNNN}.
   *
   * @throws Refusal 550 when there is no such file or the user may not read it
   */
  Path retrievable(String path) throws IOException, Refusal {
    String a = path.startsWith("/") ? path.substring(1) : path;
    int slash = a.indexOf('/');
    String dir = slash < 0 ? "" : a.substring(0, slash);
    String name = slash < 0 ? a : a.substring(slash + 1);
    if (!name.matches("[A-Za-z0-9._-]{1,64}") || name.startsWith(".")) {
      throw new Refusal(550, HfaxdSession.printable(path) + ": No such file or directory.");
    }
    Path file =
        switch (dir) {
          case "recvq" -> {
            if (!recvqVisible()) {
              throw new Refusal(550, HfaxdSession.printable(path) + ": Permission denied.");
            }
            yield settings.recvq().resolve(name);
          }
          case "docq" -> {
            Entry e = documents().get(name);
            yield e == null ? null : e.file();
          }
          case "log" -> {
            Entry e = logs().get(name);
            yield e == null ? null : e.file();
          }
          default -> null;
        };
    if (file == null || !Files.isRegularFile(file)) {
      throw new Refusal(550, HfaxdSession.printable(path) + ": No such file or directory.");
    }
    return file;
  }
}
