package org.faxgw.gateway.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.faxgw.gateway.admin.AdminClient;
import org.faxgw.gateway.config.ConfigLoader;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.gateway.config.HostPort;
import org.faxgw.gateway.serve.Gateway;
import org.faxgw.mail.StoredMail;
import org.faxgw.queue.JobListener;
import org.faxgw.t4.FaxTiffReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real Postfix on loopback, configured from samples/postfix/ by its test-instance.sh (own config,
 * queue and data directories; the system's Postfix is not touched): mail for a number at fax.local
 * sent with swaks to Postfix reaches the gateway as a job, and a received fax that the gateway
 * relays through Postfix lands in a Maildir that Postfix delivered. Runs as root (Postfix's master
 * needs it), as CI does.
 */
class PostfixRelayIT {
  private Path dir;
  private Path script;
  private int postfixPort;

  @BeforeEach
  void startPostfix() throws Exception {
    assertThat(new ProcessBuilder("id", "-u").start().inputReader().readLine())
        .as("this test runs Postfix and must run as root (CI does)")
        .isEqualTo("0");
    Path root = Path.of(System.getProperty("faxgw.root", ".."));
    script = root.resolve("samples/postfix/test-instance.sh").toAbsolutePath();
    assertThat(script).exists();
    // Postfix's own users must be able to reach the queue: a world-readable folder.
    dir = Files.createTempDirectory("faxgw-postfix-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    postfixPort = SenderNotificationIT.freePort();
  }

  private int gatewayPort;

  private void startInstance() throws Exception {
    run(
        script.toString(),
        "start",
        dir.resolve("pf").toString(),
        Integer.toString(postfixPort),
        Integer.toString(gatewayPort),
        "example.com",
        "alice");
  }

  @AfterEach
  void stopPostfix() throws Exception {
    if (dir != null) {
      run(script.toString(), "stop", dir.resolve("pf").toString());
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", cmd)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
    return out;
  }

  private String maillog() throws Exception {
    Path log = dir.resolve("pf/maillog");
    return Files.exists(log) ? Files.readString(log) : "(no maillog)";
  }

  @Test
  void mailThroughPostfixBecomesAJobAndFaxesComeBackThroughPostfix() throws Exception {
    gatewayPort = SenderNotificationIT.freePort();
    int admin = SenderNotificationIT.freePort();
    startInstance();
    Path cfgFile = dir.resolve("faxgw.yaml");
    String relay =
        Files.readString(script.resolveSibling("faxgw-relay.yaml"))
            .replace("port: 25", "port: " + postfixPort)
            .replace("faxmaster@example.com", "fax@example.com");
    Files.writeString(
        cfgFile,
        "dataDir: "
            + dir.resolve("data")
            + "\nsmtp:\n  listen: 127.0.0.1:"
            + gatewayPort
            + "\nadmin:\n  listen: 127.0.0.1:"
            + admin
            + "\n"
            + relay
            + "routing:\n"
            + "  faxmaster: alice@example.com\n"
            + "  inbound:\n"
            + "    - did: \"6045557977\"\n"
            + "      to: [alice@example.com]\n");
    FaxgwConfig c = new ConfigLoader(Map.of()).load(cfgFile);
    Clock clock = Clock.systemUTC();
    try (MailEgressService svc =
            MailEgressService.start(c.dataPath(), c.egress(), c.routing(), clock, Map.of(), false);
        Gateway g = new Gateway(c, clock, JobListener.NONE)) {
      g.start();

      // 1. swaks -> Postfix -> transport fax.local -> gateway SMTP -> job
      String swaks =
          run(
              "swaks",
              "--server",
              "127.0.0.1",
              "--port",
              Integer.toString(postfixPort),
              "--from",
              "bob@example.com",
              "--to",
              "6045557977@fax.local",
              "--header",
              "Subject: via postfix",
              "--body",
              "Hello fax.");
      assertThat(swaks).contains("250 2.0.0 Ok: queued");
      AdminClient api = new AdminClient(new HostPort("127.0.0.1", admin));
      List<JsonNode> jobs = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (jobs.isEmpty() && System.nanoTime() < deadline) {
        api.get("/v1/jobs?queue=all").body().path("jobs").forEach(jobs::add);
        if (jobs.isEmpty()) {
          Thread.sleep(200); // Postfix delivers asynchronously
        }
      }
      assertThat(jobs).as("job from Postfix; maillog:\n" + maillog()).hasSize(1);
      assertThat(jobs.get(0).toString()).contains("+16045557977").contains("bob@example.com");

      // 2. received fax -> gateway outbox -> Postfix relay -> Postfix's virtual -> Maildir
      byte[] tiff = Tools.receivedTiff("fax000000011.tif");
      ReceivedFaxPipeline.Outcome o =
          svc.pipeline()
              .deliver(
                  new ReceivedCall(
                      FaxTiffReader.read(tiff),
                      tiff,
                      "6045557977",
                      "5550100",
                      "IAXmodem 0",
                      "+1 555 555 0100",
                      14400,
                      org.faxgw.mail.DataFormat.MMR,
                      true,
                      null,
                      "iax0",
                      0,
                      ""));
      assertThat(svc.deliverNow()).isEqualTo(1);
      assertThat(svc.mail().pending()).as(maillog()).isEmpty();
      Path inbox = dir.resolve("pf/mailboxes/example.com/alice");
      List<Path> got = List.of();
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (got.isEmpty() && System.nanoTime() < deadline) {
        got = Tools.newMail(inbox);
        if (got.isEmpty()) {
          Thread.sleep(200); // Postfix delivers asynchronously
        }
      }
      assertThat(got).as("Postfix delivery; maillog:\n" + maillog()).hasSize(1);
      assertThat(maillog()).contains("relay=virtual").contains("delivered to maildir");
      StoredMail m = FaxrcvdIT.read(got.get(0));
      assertThat(m.subject()).isEqualTo("Fax received from \"+1 555 555 0100\"");
      assertThat(m.received()).isNotEmpty(); // stamped by Postfix
      assertThat(m.parts().get(1).fileName()).isEqualTo("fax" + o.commId() + ".pdf");
    }
  }
}
