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

/** {@code bin/faxgw serve} as a separate JVM, for crash and memory tests. */
final class GatewayProcess implements AutoCloseable {
  final Process process;
  final AdminClient admin;
  private final StringBuffer output = new StringBuffer();
  private final CountDownLatch serving = new CountDownLatch(1);
  private final Thread reader;

  GatewayProcess(Path dir, Path config, int adminPort, String javaOpts) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    Tools.root().resolve("bin/faxgw").toString(),
                    "serve",
                    "--config",
                    config.toString()))
            .directory(dir.toFile())
            .redirectErrorStream(true);
    pb.environment().put("FAXGW_JAVA_OPTS", javaOpts);
    process = pb.start();
    reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  output.append(line).append('\n');
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

  String output() {
    return output.toString();
  }

  /** kill -9. */
  void kill() throws InterruptedException {
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
