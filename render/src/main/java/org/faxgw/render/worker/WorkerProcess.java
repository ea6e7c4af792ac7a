package org.faxgw.render.worker;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One running worker: its process, frame streams, private folder and the documents it rendered.
 * Used by one thread at a time (the pool hands it out), apart from {@link #kill}, which the
 * watchdog may call from its thread.
 */
final class WorkerProcess {
  /** Why the pool killed a worker, if it did. */
  enum Kill {
    NONE,
    TIME_LIMIT,
    CPU_LIMIT,
    MEMORY_LIMIT,
    RETIRED
  }

  final int slot;
  final Process process;
  final DataInputStream in;
  final DataOutputStream out;
  final Path folder;
  int documents;
  private volatile Kill killed = Kill.NONE;

  WorkerProcess(int slot, Process process, Path folder) {
    this.slot = slot;
    this.process = process;
    this.folder = folder;
    this.in = new DataInputStream(WorkerFrames.buffered(process.getInputStream()));
    this.out =
        new DataOutputStream(new java.io.BufferedOutputStream(process.getOutputStream(), 1 << 16));
  }

  long pid() {
    return process.pid();
  }

  Kill killed() {
    return killed;
  }

  /** CPU time the worker has used so far, or zero if the system does not say. */
  Duration cpu() {
    return cpuOf(pid());
  }

  /** Linux's USER_HZ, the unit of the times in {@code /proc/<pid>/stat}: 100 on every ABI. */
  private static final long USER_HZ = 100;

  /**
   * User + system CPU time of a process: from {@code /proc/<pid>/stat} (fields 14 and 15, proc(5)),
   * which is readable for processes of other users, where {@link ProcessHandle.Info} says nothing.
   */
  static Duration cpuOf(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // the command name (field 2) is in parentheses and may hold spaces: count after the last ')'
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return Duration.ofMillis(ticks * 1000 / USER_HZ);
    } catch (IOException | RuntimeException e) {
      return ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).orElse(Duration.ZERO);
    }
  }

  /** Resident memory of the process ({@code VmRSS} in {@code /proc/<pid>/status}), or 0. */
  long residentBytes() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (l.startsWith("VmRSS:")) {
          String[] f = l.substring(6).trim().split("\\s+");
          return Long.parseLong(f[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // process gone, or no procfs
    }
    return 0;
  }

  void kill(Kill why) {
    if (killed == Kill.NONE) {
      killed = why;
    }
    process.destroyForcibly();
  }

  /** Ends the process (if still running) and removes its folder. */
  void dispose() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> crash = Files.list(folder)) {
      for (Path f : (Iterable<Path>) crash::iterator) {
        if (f.getFileName().toString().startsWith("hs_err_pid")) {
          Files.move(
              f,
              folder.resolveSibling(f.getFileName()),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      // no crash report
    }
    try (Stream<Path> s = Files.walk(folder)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // folder already gone
    }
  }

  /** The exit code once the process ended, waiting a little; -1 if it is still running. */
  int exitCode() {
    try {
      if (process.waitFor(5, TimeUnit.SECONDS)) {
        return process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return -1;
  }
}
