package org.faxgw.gateway.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.faxgw.gateway.admin.AdminClient;
import org.faxgw.gateway.config.ConfigLoader;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.gateway.config.HostPort;
import org.faxgw.queue.JobListener;

/** A gateway in this JVM on free ports, with its config file written for the commands. */
final class TestGateway implements AutoCloseable {
  final Path dir;
  final Path configFile;
  final int smtpPort;
  final int adminPort;
  final Gateway gateway;
  final AdminClient admin;

  /**
   * @param extraYaml more configuration, may hold "smtp:" lines as "SMTP_EXTRA" placeholder
   */
  TestGateway(Path dir, String smtpExtra, String extraYaml) throws Exception {
    this.dir = dir;
    this.smtpPort = freePort();
    this.adminPort = freePort();
    this.configFile = dir.resolve("faxgw.yaml");
    Files.writeString(configFile, yaml(dir, smtpPort, adminPort, smtpExtra, extraYaml));
    FaxgwConfig c = new ConfigLoader().load(configFile);
    this.gateway = new Gateway(c, Clock.systemUTC(), JobListener.NONE);
    gateway.start();
    this.admin = new AdminClient(new HostPort("127.0.0.1", adminPort));
  }

  static String yaml(Path dir, int smtpPort, int adminPort, String smtpExtra, String extraYaml) {
    return "dataDir: "
        + dir.resolve("var")
        + "\nsmtp:\n  listen: 127.0.0.1:"
        + smtpPort
        + "\n"
        + (smtpExtra == null ? "" : smtpExtra)
        + "admin:\n  listen: 127.0.0.1:"
        + adminPort
        + "\n"
        + (extraYaml == null ? "" : extraYaml);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  List<JsonNode> jobs() throws IOException {
    return jobs(admin);
  }

  static List<JsonNode> jobs(AdminClient admin) throws IOException {
    AdminClient.Reply r = admin.get("/v1/jobs?queue=all");
    assertThat(r.ok()).as("admin API: %s", r.body()).isTrue();
    List<JsonNode> out = new ArrayList<>();
    r.body().path("jobs").forEach(out::add);
    return out;
  }

  /** Waits (bounded) until every job satisfies {@code done}, and returns them. */
  List<JsonNode> await(int count, Predicate<JsonNode> done) throws Exception {
    return await(admin, count, done);
  }

  static List<JsonNode> await(AdminClient admin, int count, Predicate<JsonNode> done)
      throws Exception {
    long deadline = System.nanoTime() + 180_000_000_000L;
    List<JsonNode> jobs = List.of();
    while (System.nanoTime() < deadline) {
      jobs = jobs(admin);
      if (jobs.size() >= count && jobs.stream().allMatch(done)) {
        return jobs;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("jobs did not settle in 180 s: " + jobs);
  }

  /** A job has left the rendering state. */
  static boolean rendered(JsonNode j) {
    return !j.path("state").asText().equals("rendering");
  }

  @Override
  public void close() {
    gateway.close();
  }
}
