package org.faxgw.gateway.api;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.faxgw.gateway.cluster.ClusterView;
import org.faxgw.queue.FaxJob;

/**
 * A job's call attempts, from {@code <dataDir>/xferfaxlog} (one SEND record per call, HylaFAX's
 * format) and each call's session log {@code <dataDir>/log/c<CommID>} for its T.30 ladder. When the
 * log has no record of the job's last call (a call cut off by a crash), that call is shown from the
 * job's own progress. Reads at most the last {@value #MAX_LOG_BYTES} bytes of xferfaxlog.
 */
final class CallAttempts {
  static final int MAX_LOG_BYTES = 16 << 20;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("MM/dd/yy HH:mm", Locale.ROOT);
  // HylaFAX Class2Params BR codes 0-5 (T.30 Table 2 rates); 6-15 unused
  private static final int[] RATES = {
    2400, 4800, 7200, 9600, 12000, 14400, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
  };

  private final Path dataDir;
  private final ClusterView cluster;

  CallAttempts(Path dataDir, ClusterView cluster) {
    this.dataDir = dataDir;
    this.cluster = cluster;
  }

  private List<Map<String, Object>> ladder(String commId) throws IOException {
    return T30Ladder.parse(cluster.sessionLog(commId, T30Ladder.MAX_BYTES).orElse(""));
  }

  List<Map<String, Object>> of(FaxJob j) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    String id = Long.toString(j.id());
    for (String line : cluster.xferRecords(tail(dataDir.resolve("xferfaxlog")))) {
      String[] f = line.split("\t", -1);
      if (f.length < 14 || !f[1].equals("SEND") || !f[4].equals(id)) {
        continue;
      }
      out.add(attempt(f));
    }
    String last = j.progress().commId();
    if (!last.isEmpty() && out.stream().noneMatch(a -> last.equals(a.get("commId")))) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("commId", last);
      a.put("start", null);
      a.put("end", null);
      a.put("result", j.progress().reason().isEmpty() ? j.status() : j.progress().reason());
      a.put("reason", j.progress().reason());
      a.put("signalRate", j.progress().signalRate());
      a.put("ecm", j.progress().ecm());
      a.put("pages", j.progress().pagesConfirmed());
      a.put("ladder", ladder(last));
      out.add(a);
    }
    return out;
  }

  private Map<String, Object> attempt(String[] f) throws IOException {
    Map<String, Object> a = new LinkedHashMap<>();
    String commId = f[2];
    String status = unquote(f[13]);
    long params = parseLong(f[9]);
    LocalDateTime start = null;
    try {
      start = LocalDateTime.parse(f[0], TIME);
    } catch (DateTimeParseException e) {
      // a line of another format: no time
    }
    a.put("commId", commId);
    a.put("start", start == null ? null : start.toString());
    a.put("end", start == null ? null : start.plusSeconds(hmsSeconds(f[11])).toString());
    a.put("result", status.isEmpty() ? "sent" : "failed");
    a.put("reason", status);
    a.put("signalRate", (params & (1L << 21)) == 0 ? 0 : RATES[(int) (params >> 3 & 0xF)]);
    a.put("ecm", (params >> 16 & 1) == 1);
    a.put("pages", (int) parseLong(f[10]));
    a.put("remoteId", unquote(f[8]));
    a.put("ladder", ladder(commId));
    return a;
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** H:MM:SS as seconds. */
  static long hmsSeconds(String s) {
    long total = 0;
    for (String p : s.trim().split(":")) {
      total = total * 60 + parseLong(p);
    }
    return total;
  }

  private static String unquote(String s) {
    String t = s.trim();
    if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
      t = t.substring(1, t.length() - 1);
    }
    return t.replace("\\\"", "\"");
  }

  private static List<String> tail(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long len = raf.length();
      long from = Math.max(0, len - MAX_LOG_BYTES);
      byte[] b = new byte[(int) (len - from)];
      raf.seek(from);
      raf.readFully(b);
      List<String> lines =
          new ArrayList<>(List.of(new String(b, StandardCharsets.UTF_8).split("\n")));
      if (from > 0 && !lines.isEmpty()) {
        lines.remove(0); // cut in the middle
      }
      return lines;
    }
  }
}
