package org.faxgw.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a reference tool with a time limit, its output captured to files, and measures the CPU time
 * it used (user + system, from {@link ChildCpu}) beside its wall time.
 */
public final class Exec {
  private Exec() {}

  /** The outcome of one command; {@code cpuNanos} is the child's user + system CPU time. */
  public record Result(int exit, String stdout, String stderr, long wallNanos, long cpuNanos) {
    public boolean ok() {
      return exit == 0;
    }
  }

  /** True when {@code tool} is on the PATH. */
  public static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /** Runs {@code cmd} in {@code dir}; one command at a time, so that its CPU time is its own. */
  public static Result run(Path dir, long timeoutSeconds, List<String> cmd)
      throws IOException, InterruptedException {
    return run(dir, timeoutSeconds, cmd, null);
  }

  /**
   * As {@link #run(Path, long, List)}, its standard output written to {@code stdout} (bytes as they
   * are; {@link Result#stdout()} is then empty), or captured when null.
   */
  public static synchronized Result run(
      Path dir, long timeoutSeconds, List<String> cmd, Path stdout)
      throws IOException, InterruptedException {
    Path out = stdout != null ? stdout : Files.createTempFile(dir, "cmd", ".out");
    Path err = Files.createTempFile(dir, "cmd", ".err");
    long cpu0 = ChildCpu.nanos();
    long t0 = System.nanoTime();
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", cmd) + ": no result in " + timeoutSeconds + " s");
    }
    long wall = System.nanoTime() - t0;
    long cpu = ChildCpu.nanos() - cpu0;
    Result r =
        new Result(
            p.exitValue(),
            stdout != null ? "" : Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8),
            wall,
            cpu);
    if (stdout == null) {
      Files.deleteIfExists(out);
    }
    Files.deleteIfExists(err);
    return r;
  }
}
