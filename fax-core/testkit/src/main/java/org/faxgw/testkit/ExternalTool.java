package org.faxgw.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a reference tool (libtiff's, poppler's, gs, groff, swaks, bin/faxgw …) for a test: output
 * captured to files, so that a chatty tool cannot block, and bounded in time. A tool that is not
 * installed fails the test with a message naming {@code bin/install-test-deps}.
 */
public final class ExternalTool {
  private ExternalTool() {}

  /** What one command did. */
  public record Result(int exit, String stdout, String stderr) {
    public boolean ok() {
      return exit == 0;
    }

    /** Standard output, then standard error. */
    public String output() {
      return stdout + stderr;
    }
  }

  /** Runs {@code cmd} in {@code dir}, within 120 s. */
  public static Result run(Path dir, String... cmd) throws IOException, InterruptedException {
    return run(dir, Map.of(), 120, List.of(cmd));
  }

  /**
   * Runs {@code cmd}.
   *
   * @param dir the working folder, or null for this process's
   * @param env variables added to this process's environment
   */
  public static Result run(Path dir, Map<String, String> env, long timeoutSeconds, List<String> cmd)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("faxgw-tool", ".out");
    Path err = Files.createTempFile("faxgw-tool", ".err");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      if (dir != null) {
        pb.directory(dir.toFile());
      }
      pb.environment().putAll(env);
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        throw new AssertionError(
            cmd.get(0)
                + " is needed for this test: install it with bin/install-test-deps ("
                + e.getMessage()
                + ")",
            e);
      }
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(
            String.join(" ", cmd) + " did not finish in " + timeoutSeconds + " s");
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Runs {@code cmd} in {@code dir}, which must exit 0; returns its output (stdout + stderr). */
  public static String runOk(Path dir, String... cmd) throws IOException, InterruptedException {
    Result r = run(dir, cmd);
    if (!r.ok()) {
      throw new AssertionError(
          String.join(" ", cmd) + " failed (exit " + r.exit() + "):\n" + r.output());
    }
    return r.output();
  }
}
