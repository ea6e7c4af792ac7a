package org.faxgw.gateway.serve;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.faxgw.gateway.admin.AdminClient;
import org.faxgw.gateway.config.HostPort;

/** {@code bin/faxgw serve} as a separate JVM, for crash, memory and browser tests. */
public final class GatewayProcess implements AutoCloseable {
  final Process process;
  final AdminClient admin;
  private final StringBuffer output = new StringBuffer();
  private final CountDownLatch serving = new CountDownLatch(1);
  private final Thread reader;

  public GatewayProcess(Path dir, Path config, int adminPort, String javaOpts) throws Exception {
    this(dir, config, adminPort, javaOpts, List.of());
  }

  /** {@code wrapper}: a command that runs the gateway, e.g. strace's, or empty. */
  GatewayProcess(Path dir, Path config, int adminPort, String javaOpts, List<String> wrapper)
      throws Exception {
    this(dir, config, adminPort, javaOpts, wrapper, java.util.Map.of());
  }

  /** {@code env}: variables added to the gateway's environment (e.g. a secret the config names). */
  GatewayProcess(
      Path dir,
      Path config,
      int adminPort,
      String javaOpts,
      List<String> wrapper,
      java.util.Map<String, String> env)
      throws Exception {
    List<String> cmd = new java.util.ArrayList<>(wrapper);
    cmd.addAll(
        List.of(
            Tools.root().resolve("bin/faxgw").toString(), "serve", "--config", config.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("FAXGW_JAVA_OPTS", javaOpts);
    pb.environment().putAll(env);
    process = pb.start();
    reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  synchronized (output) {
                    output.append(line).append('\n');
                    output.notifyAll();
                  }
                  if (line.startsWith("faxgw: serving")) {
                    serving.countDown();
                  }
                }
              } catch (java.io.IOException ignored) {
                // the process ended
              }
            },
            "gateway-process-output");
    reader.setDaemon(true);
    reader.start();
    if (!serving.await(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("faxgw serve did not start in 180 s:\n" + output);
    }
    admin = new AdminClient(new HostPort("127.0.0.1", adminPort));
  }

  public String output() {
    return output.toString();
  }

  /** Waits (bounded) for a line of output that starts with {@code start}. */
  void awaitLine(String start, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    synchronized (output) {
      while (!("\n" + output).contains("\n" + start)) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !process.isAlive()) {
          throw new AssertionError("no line \"" + start + "\" from faxgw:\n" + output);
        }
        TimeUnit.NANOSECONDS.timedWait(output, left);
      }
    }
  }

  /** kill -9, of the gateway's JVM first where a wrapper (strace) runs it, then of the process. */
  void kill() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  /** SIGTERM, and the exit code. */
  int terminate() throws InterruptedException {
    // ProcessHandle.destroy sends SIGTERM without closing our end of its output (Process.destroy
    // does)
    process.toHandle().destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("faxgw did not stop within 60 s of SIGTERM:\n" + output);
    }
    reader.join(10_000);
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
