package org.faxgw.gateway.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.faxgw.mail.EgressConfig;
import org.faxgw.mail.MailEgress;
import org.faxgw.mail.OutgoingMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/faxgw outbox --flush} as its own process while this JVM holds the outbox's delivery
 * lock as a running gateway does: the flush refuses with one clear line and exit 1 and sends
 * nothing; once the lock is released it delivers the mail, once.
 */
class OutboxFlushIT {
  @TempDir Path tmp;

  record Run(int exit, String out, String err) {}

  private static Run faxgw(Path dir, String... args) throws Exception {
    Path root = Path.of(System.getProperty("faxgw.root", "."));
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(root.resolve("bin/faxgw").toString());
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectError(dir.resolve("err.txt").toFile())
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("faxgw " + String.join(" ", args) + " did not finish");
    }
    String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
    return new Run(p.exitValue(), out, err);
  }

  @Test
  void flushRefusesWhileTheGatewayHoldsTheOutboxAndDeliversOnceAfterwards() throws Exception {
    Path data = tmp.resolve("data");
    Path cfg = tmp.resolve("faxgw.yaml");
    Files.writeString(
        cfg,
        "dataDir: "
            + data
            + "\n"
            + "egress:\n"
            + "  from: \"Fax Gateway <fax@gw.example>\"\n"
            + "routing:\n"
            + "  faxmaster: fm@example.com\n");
    Path alice = MailEgress.maildirOf(data, "alice@example.com");
    byte[] msg =
        ("From: fax@gw.example\r\nTo: alice@example.com\r\nSubject: once\r\n\r\nbody\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    // What a running gateway holds: the outbox's delivery lock (its worker is left out here, so
    // that the mail waits).
    try (MailEgress gateway =
        MailEgress.open(
            data,
            new EgressConfig("Fax Gateway <fax@gw.example>", null),
            "fm@example.com",
            Clock.systemUTC(),
            Map.of(),
            0)) {
      gateway.queue(new OutgoingMail(msg, "fax@gw.example", List.of("alice@example.com"), false));
      assertThat(gateway.holdDeliveryLock()).isTrue();

      Run refused = faxgw(tmp, "outbox", "--flush", "--config", cfg.toString());
      assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
      assertThat(refused.err())
          .as(refused.toString())
          .contains("outbox: the gateway is running and delivers the outbox itself;");
      assertThat(refused.err().lines().filter(l -> l.startsWith("outbox:")).count()).isEqualTo(1);
      assertThat(Tools.newMail(alice)).as("nothing sent while locked").isEmpty();
      assertThat(gateway.pending()).hasSize(1);
    }
    Run flushed = faxgw(tmp, "outbox", "--flush", "--config", cfg.toString());
    assertThat(flushed.exit()).as(flushed.toString()).isZero();
    assertThat(flushed.out()).contains("tried 1 mail(s)").contains("0 mail(s) waiting");
    List<Path> got = Tools.newMail(alice);
    assertThat(got).hasSize(1);
    assertThat(Files.readString(got.get(0))).contains("Subject: once");
  }
}
