package org.faxgw.sim.spandsp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs small C programs written against Debian's libspandsp (0.0.6) as a second opinion in tests.
 *
 * <p>A program is a C file in {@code fax-core/sim/src/test/c/}; {@link #run} compiles it with gcc
 * into {@code fax-core/sim/<build dir>/spandsp/bin/} ({@code -O2 -lspandsp -ltiff -lm}; recompiled
 * when the source is newer), runs it with the given arguments and returns its standard output.
 * Audio is exchanged through raw 16-bit little-endian 8 kHz files ({@link #writeRaw}, {@link
 * #readRaw}) in a {@link #workDir}. Fails with a clear message when gcc or the spandsp headers are
 * missing ({@code bin/install-test-deps} installs {@code gcc} and {@code libspandsp-dev}), when the
 * program exits non-zero (its stderr is in the message) or runs longer than the timeout.
 *
 * <p>Stable API for all modem tests: {@link #run(String, String...)}, {@link #run(String, long,
 * List)}, {@link #start}, {@link #compile}, {@link #workDir}, {@link #writeRaw}, {@link #readRaw}.
 * Usage:
 *
 * <pre>{@code
 * Path dir = SpandspHarness.workDir("my-test");
 * SpandspHarness.writeRaw(dir.resolve("in.raw"), samples);
 * String out = SpandspHarness.run("spandsp_v21.c", "decode", dir.resolve("in.raw").toString());
 * }</pre>
 */
public final class SpandspHarness {
  private SpandspHarness() {}

  /** Default limit for one run of a C program. */
  public static final long DEFAULT_TIMEOUT_SECONDS = 120;

  private static final Map<String, Path> COMPILED = new HashMap<>();

  /** The folder of fax-core/sim, found from the {@code faxgw.root} system property. */
  public static Path moduleDir() {
    String root = System.getProperty("faxgw.root");
    if (root != null && !root.isBlank()) {
      Path p = Paths.get(root, "fax-core", "sim");
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    // Surefire runs in the module folder by default
    Path here = Paths.get("").toAbsolutePath();
    if (Files.isDirectory(here.resolve("src/test/c"))) {
      return here;
    }
    throw new IllegalStateException(
        "cannot find fax-core/sim: set -Dfaxgw.root=<repository root> (Surefire sets it)");
  }

  /** This build's output folder of fax-core/sim ({@code FAXGW_BUILD_DIR}, default target). */
  public static Path buildDir() {
    String name = System.getenv("FAXGW_BUILD_DIR");
    return moduleDir().resolve(name == null || name.isBlank() ? "target" : name);
  }

  /** A fresh empty folder for one test's files, under the build directory. */
  public static Path workDir(String name) throws IOException {
    Path dir = buildDir().resolve("spandsp").resolve("work").resolve(name);
    if (Files.exists(dir)) {
      try (var s = Files.walk(dir)) {
        for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
    return dir;
  }

  /** Compiles {@code src/test/c/<cFile>} (once per JVM, or when changed); returns the program. */
  public static synchronized Path compile(String cFile) throws IOException, InterruptedException {
    Path source = moduleDir().resolve("src/test/c").resolve(cFile);
    if (!Files.isRegularFile(source)) {
      throw new IllegalStateException("no C source " + source);
    }
    String base = cFile.endsWith(".c") ? cFile.substring(0, cFile.length() - 2) : cFile;
    Path exe = buildDir().resolve("spandsp").resolve("bin").resolve(base);
    Path known = COMPILED.get(cFile);
    if (known != null
        && Files.isExecutable(known)
        && Files.getLastModifiedTime(known).compareTo(Files.getLastModifiedTime(source)) >= 0) {
      return known;
    }
    checkToolchain();
    Files.createDirectories(exe.getParent());
    Path tmp = exe.resolveSibling(base + ".tmp" + ProcessHandle.current().pid());
    List<String> cmd =
        List.of(
            "gcc",
            "-O2",
            "-Wall",
            "-o",
            tmp.toString(),
            source.toString(),
            "-lspandsp",
            "-ltiff",
            "-lm");
    Result r = exec(cmd, DEFAULT_TIMEOUT_SECONDS);
    if (r.exitCode != 0
        && (r.stderr.contains("spandsp.h: No such file") || r.stderr.contains("-lspandsp"))) {
      throw new IllegalStateException(
          "libspandsp-dev is not installed (spandsp.h or libspandsp.so not found; run"
              + " bin/install-test-deps):\n"
              + r.stderr);
    }
    if (r.exitCode != 0) {
      throw new IllegalStateException(
          "gcc failed for " + source + " (exit " + r.exitCode + "):\n" + r.stderr + r.stdout);
    }
    Files.move(
        tmp,
        exe,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    COMPILED.put(cFile, exe);
    return exe;
  }

  private static void checkToolchain() throws IOException, InterruptedException {
    try {
      Result r = exec(List.of("gcc", "--version"), 30);
      if (r.exitCode != 0) {
        throw new IllegalStateException("gcc --version failed: " + r.stderr);
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "gcc is not installed: the spandsp cross-checks need gcc and libspandsp-dev"
              + " (run bin/install-test-deps)",
          e);
    }
  }

  /** Compiles and runs {@code cFile} with {@code args}; returns its standard output. */
  public static String run(String cFile, String... args) throws IOException, InterruptedException {
    return run(cFile, DEFAULT_TIMEOUT_SECONDS, Arrays.asList(args));
  }

  /** As {@link #run(String, String...)} with a list of arguments and a timeout in seconds. */
  public static String run(String cFile, long timeoutSeconds, List<String> args)
      throws IOException, InterruptedException {
    Path exe = compile(cFile);
    List<String> cmd = new ArrayList<>();
    cmd.add(exe.toString());
    cmd.addAll(args);
    Result r = exec(cmd, timeoutSeconds);
    if (r.exitCode != 0) {
      throw new IllegalStateException(
          cFile + " " + args + " exited with " + r.exitCode + ":\n" + r.stderr + "\n" + r.stdout);
    }
    return r.stdout;
  }

  /**
   * Compiles {@code cFile} and starts it with {@code args} for a conversation over its standard
   * input and output (e.g. audio blocks in lock step); its standard error goes to {@code stderr}.
   * The caller closes the process's input, waits for it and destroys it when it hangs.
   */
  public static Process start(String cFile, List<String> args, Path stderr)
      throws IOException, InterruptedException {
    Path exe = compile(cFile);
    List<String> cmd = new ArrayList<>();
    cmd.add(exe.toString());
    cmd.addAll(args);
    return new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private static Result exec(List<String> cmd, long timeoutSeconds)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("spandsp-out", ".txt");
    Path err = Files.createTempFile("spandsp-err", ".txt");
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Paths.get("/dev/null").toFile()))
              .start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(cmd + " ran longer than " + timeoutSeconds + " s");
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

  /** Writes samples as raw 16-bit little-endian PCM. */
  public static void writeRaw(Path file, short[] samples) throws IOException {
    writeRaw(file, samples, 0, samples.length);
  }

  /** Writes {@code len} samples from {@code off} as raw 16-bit little-endian PCM. */
  public static void writeRaw(Path file, short[] samples, int off, int len) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(2 * len).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < len; i++) {
      b.putShort(samples[off + i]);
    }
    Files.write(file, b.array());
  }

  /** Reads raw 16-bit little-endian PCM. */
  public static short[] readRaw(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    short[] s = new short[bytes.length / 2];
    for (int i = 0; i < s.length; i++) {
      s[i] = b.getShort();
    }
    return s;
  }
}
