package org.faxgw.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the child processes this JVM has waited for: {@code cutime + cstime} of {@code
 * /proc/self/stat} (proc(5): fields 16 and 17, in clock ticks), the same sums {@code
 * getrusage(RUSAGE_CHILDREN)} gives. A child counts once it has been reaped, which {@link
 * Process#waitFor} does; read it before starting and after the wait. Resolution: one clock tick (10
 * ms at the usual USER_HZ of 100).
 */
public final class ChildCpu {
  /** USER_HZ: Linux reports 100 ticks per second to user space on every architecture. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private static final Path STAT = Path.of("/proc/self/stat");

  private ChildCpu() {}

  /** True where {@code /proc/self/stat} can be read (Linux). */
  public static boolean available() {
    return Files.isReadable(STAT);
  }

  /** The children's user + system CPU time so far, in nanoseconds (0 without /proc). */
  public static long nanos() {
    if (!available()) {
      return 0;
    }
    try {
      String s = Files.readString(STAT, StandardCharsets.US_ASCII);
      // Field 2 is the command name in parentheses and may hold spaces: count from after it.
      String[] f = s.substring(s.lastIndexOf(')') + 2).trim().split(" ");
      // f[0] is field 3 (state); cutime is field 16, cstime field 17.
      long ticks = Long.parseLong(f[16 - 3]) + Long.parseLong(f[17 - 3]);
      return ticks * NANOS_PER_TICK;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
