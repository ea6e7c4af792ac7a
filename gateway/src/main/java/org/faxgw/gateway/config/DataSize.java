package org.faxgw.gateway.config;

import java.util.Locale;

/**
 * A size in bytes, written as a number or with a unit: {@code 25MiB}, {@code 64KiB}, {@code 1GB}.
 */
public record DataSize(long bytes) {
  public DataSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
  }

  public static DataSize parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    int i = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    if (i == 0) {
      throw new IllegalArgumentException(
          "expected a size such as 25MiB or 1048576, got \"" + text + "\"");
    }
    long n = Long.parseLong(t.substring(0, i));
    long unit =
        switch (t.substring(i).trim()) {
          case "", "B" -> 1L;
          case "K", "KB" -> 1000L;
          case "KIB" -> 1024L;
          case "M", "MB" -> 1000_000L;
          case "MIB" -> 1024L * 1024;
          case "G", "GB" -> 1000_000_000L;
          case "GIB" -> 1024L * 1024 * 1024;
          default ->
              throw new IllegalArgumentException(
                  "unknown size unit in \"" + text + "\" (use B, KB, KiB, MB, MiB, GB, GiB)");
        };
    return new DataSize(Math.multiplyExact(n, unit));
  }

  @Override
  public String toString() {
    if (bytes % (1024L * 1024) == 0 && bytes > 0) {
      return bytes / (1024L * 1024) + "MiB";
    }
    if (bytes % 1024 == 0 && bytes > 0) {
      return bytes / 1024 + "KiB";
    }
    return Long.toString(bytes);
  }
}
