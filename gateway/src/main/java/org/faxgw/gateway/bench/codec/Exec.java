package org.faxgw.gateway.bench.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external command with a time limit; output captured to files. */
public final class Exec {
  private Exec() {}

  /** The outcome of one command. */
  public record Result(int exit, String stdout, String stderr, long wallNanos) {
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

  public static Result run(Path dir, long timeoutSeconds, List<String> cmd)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "cmd", ".out");
    Path err = Files.createTempFile(dir, "cmd", ".err");
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
    Result r =
        new Result(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8),
            wall);
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    return r;
  }
}
