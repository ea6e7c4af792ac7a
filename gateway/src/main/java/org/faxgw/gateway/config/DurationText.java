package org.faxgw.gateway.config;

import java.time.Duration;
import java.util.Locale;

/** Durations written {@code 90s}, {@code 5m}, {@code 3h}, {@code 1d}, {@code 250ms} or ISO-8601. */
public final class DurationText {
  private DurationText() {}

  public static Duration parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("p")) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("bad ISO-8601 duration \"" + text + "\"");
      }
    }
    int i = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    if (i == 0 || i == t.length()) {
      throw new IllegalArgumentException(
          "expected a duration such as 90s, 5m, 3h or 1d, got \"" + text + "\"");
    }
    long n = Long.parseLong(t.substring(0, i));
    return switch (t.substring(i)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m", "min" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default ->
          throw new IllegalArgumentException(
              "unknown duration unit in \"" + text + "\" (use ms, s, m, h, d)");
    };
  }

  /** The shortest text {@link #parse} reads back to {@code d}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 86_400_000L == 0 && ms > 0) {
      return ms / 86_400_000L + "d";
    }
    if (ms % 3_600_000L == 0 && ms > 0) {
      return ms / 3_600_000L + "h";
    }
    if (ms % 60_000L == 0 && ms > 0) {
      return ms / 60_000L + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
