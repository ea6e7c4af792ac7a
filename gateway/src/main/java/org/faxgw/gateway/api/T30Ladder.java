package org.faxgw.gateway.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faxgw.t30.Fcf;

/**
 * The T.30 ladder of one call from its session log: each HDLC frame line ({@code <-- HDLC<n:FF C8
 * 01 ...>} sent, {@code --> HDLC<...>} received, octets in T.30 notation as HylaFAX logs them)
 * becomes {@code {t, dir: "tx"|"rx", frame: "DIS"|"DCS"|...}} with t the seconds since the log's
 * first line. The FCF is the third octet, bit-reversed back to HDLC order and looked up in T.30
 * Table 5 ({@link Fcf}). At most {@value #MAX_FRAMES} frames; a log over {@value #MAX_BYTES} bytes
 * is read up to that size.
 */
final class T30Ladder {
  static final int MAX_FRAMES = 2000;
  static final int MAX_BYTES = 4 << 20;
  private static final Pattern LINE =
      Pattern.compile(
          "^\\w{3} \\d{2} (\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{2}): \\[[^\\]]*\\]: (<--|-->) HDLC<\\d+:([0-9A-Fa-f ]*)>");
  private static final Pattern TIME =
      Pattern.compile("^\\w{3} \\d{2} (\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{2}):");

  private T30Ladder() {}

  static List<Map<String, Object>> parse(String text) {
    List<Map<String, Object>> out = new ArrayList<>();
    double first = -1;
    for (String line : text.split("\n")) {
      Matcher t = TIME.matcher(line);
      if (!t.find()) {
        continue;
      }
      double at = seconds(t.group(1), t.group(2), t.group(3), t.group(4));
      if (first < 0) {
        first = at;
      }
      Matcher m = LINE.matcher(line);
      if (!m.find()) {
        continue;
      }
      String[] hex = m.group(6).trim().split(" ");
      if (hex.length < 3) {
        continue;
      }
      int octet = Integer.reverse(Integer.parseInt(hex[2], 16)) >>> 24;
      Fcf fcf = Fcf.of(octet);
      double rel = at - first;
      if (rel < 0) {
        rel += 86_400; // past midnight
      }
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("t", Math.round(rel * 100) / 100.0);
      e.put("dir", m.group(5).equals("<--") ? "tx" : "rx");
      e.put("frame", fcf == null ? String.format("0x%02X", octet) : fcf.name());
      out.add(e);
      if (out.size() >= MAX_FRAMES) {
        break;
      }
    }
    return out;
  }

  private static double seconds(String h, String m, String s, String cs) {
    return Integer.parseInt(h) * 3600
        + Integer.parseInt(m) * 60
        + Integer.parseInt(s)
        + Integer.parseInt(cs) / 100.0;
  }
}
