package org.faxgw.gateway.line;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A shell command that runs {@code faxgw serve} in the background, for the line ITs (and the
 * cluster ITs' {@code ClusterLab}).
 */
public final class ServeProcess implements AutoCloseable {
  private final Process process;
  private final StringBuffer output = new StringBuffer();
  private final CountDownLatch serving = new CountDownLatch(1);

  public ServeProcess(String shellCommand, Path dir) throws Exception {
    this(shellCommand, dir, Map.of());
  }

  /** {@code env}: variables added to the process's environment (e.g. a secret the config names). */
  public ServeProcess(String shellCommand, Path dir, Map<String, String> env) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(List.of("bash", "-c", "exec " + shellCommand))
            .directory(dir.toFile())
            .redirectErrorStream(true);
    pb.environment().putAll(env);
    process = pb.start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  output.append(line).append('\n');
                  if (line.startsWith("faxgw: serving")) {
                    serving.countDown();
                  }
                }
              } catch (IOException ignored) {
                // ended
              }
            },
            "serve-output");
    reader.setDaemon(true);
    reader.start();
    boolean up = false;
    for (int i = 0; i < 600 && !up && process.isAlive(); i++) {
      up = serving.await(500, TimeUnit.MILLISECONDS);
    }
    if (!up) {
      process.destroyForcibly();
      throw new AssertionError("faxgw serve did not start:\n" + output);
    }
  }

  /** The process id of the gateway's JVM (the shell execs it). */
  public long pid() {
    return process.pid();
  }

  public String output() {
    return output.toString();
  }

  public static Path root() {
    return Path.of(System.getProperty("faxgw.root", "..")).toAbsolutePath().normalize();
  }

  /** Runs a shell command in {@code dir}; returns its exit code and output. */
  public static String run(String shellCommand, Path dir) throws Exception {
    Process p =
        new ProcessBuilder(List.of("bash", "-c", shellCommand))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + shellCommand);
    }
    if (p.exitValue() != 0) {
      throw new AssertionError("exit " + p.exitValue() + ": " + shellCommand + "\n" + out);
    }
    return out;
  }

  /** Waits (bounded, polling) until the Maildir {@code box/new} holds a file matching. */
  public static List<Path> awaitMail(Path box, int count, long seconds) throws Exception {
    Path dir = box.resolve("new");
    for (long i = 0; i < seconds * 4; i++) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.list(dir)) {
          List<Path> got = s.filter(Predicate.not(Files::isDirectory)).sorted().toList();
          if (got.size() >= count) {
            return got;
          }
        }
      }
      Thread.sleep(250);
    }
    return List.of();
  }

  /** Sends a signal by name (TERM, HUP) to the serve process. */
  void signal(String name) throws Exception {
    run("kill -" + name + " " + process.pid(), Path.of("."));
  }

  /** Waits up to {@code seconds} for the process to end; true when it has. */
  boolean awaitExit(long seconds) throws InterruptedException {
    return process.waitFor(seconds, TimeUnit.SECONDS);
  }

  /** kill -9. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  /**
   * kill -9 of the gateway and then of the processes it started (its render workers), as when its
   * machine dies: nothing of the node is left to finish its work.
   */
  public void killWithChildren() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    process.waitFor(60, TimeUnit.SECONDS);
    for (ProcessHandle c : children) {
      try {
        c.onExit().get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new AssertionError("a child of the killed gateway did not end: " + c.pid(), e);
      }
    }
  }

  /** Whether the process still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.toHandle().destroy(); // SIGTERM
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
