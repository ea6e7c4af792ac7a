package org.faxgw.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maildir and SMTP relay delivery, and the outbox over both. */
class DeliveryTest {
  @TempDir Path tmp;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
  private final EgressConfig egress = new EgressConfig("FaxMaster <fm@example.com>", null);

  private OutgoingMail mail(String to, String subject) {
    return MimeMessages.build(
        clock,
        egress.from(),
        List.of(to),
        List.of(),
        subject,
        "body of " + subject + "\n",
        List.of(),
        false,
        egress.envelopeFrom());
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static RelayConfig relay(int port) {
    return new RelayConfig(
        "127.0.0.1",
        port,
        RelayConfig.StartTls.OFF,
        null,
        null,
        null,
        Duration.ofSeconds(2),
        Duration.ofSeconds(2));
  }

  @Test
  void maildirDeliveryRenamesFromTmpIntoNew() throws Exception {
    MaildirTransport t = new MaildirTransport(tmp.resolve("mail"));
    OutgoingMail m = mail("Alice@Example.com", "hello");
    DeliveryResult r = t.deliver(m.message(), m.envelopeFrom(), m.recipients());
    assertThat(r.delivered()).containsExactly("Alice@Example.com");
    Path box = tmp.resolve("mail/alice@example.com");
    try (var s = Files.list(box.resolve("new"))) {
      List<Path> files = s.toList();
      assertThat(files).hasSize(1);
      String text = Files.readString(files.get(0), StandardCharsets.UTF_8);
      assertThat(text).contains("Subject: hello\n").doesNotContain("\r");
    }
    try (var s = Files.list(box.resolve("tmp"))) {
      assertThat(s.count()).isZero();
    }
    assertThat(box.resolve("cur")).isDirectory();
  }

  @Test
  void maildirRefusesAddressesThatEscapeTheRoot() {
    MaildirTransport t = new MaildirTransport(tmp.resolve("mail"));
    DeliveryResult r = t.deliver("x".getBytes(), "a@b", List.of("../../etc@x"));
    assertThat(r.failed()).containsExactly("../../etc@x");
  }

  @Test
  void relayDeliversThroughSmtp() throws Exception {
    GreenMail gm = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp"));
    gm.start();
    try {
      SmtpRelayTransport t = new SmtpRelayTransport(relay(gm.getSmtp().getPort()), Map.of());
      OutgoingMail m = mail("bob@example.com", "via relay");
      DeliveryResult r = t.deliver(m.message(), m.envelopeFrom(), m.recipients());
      assertThat(r.delivered()).containsExactly("bob@example.com");
      MimeMessage[] got = gm.getReceivedMessages();
      assertThat(got).hasSize(1);
      assertThat(got[0].getSubject()).isEqualTo("via relay");
    } finally {
      gm.stop();
    }
  }

  @Test
  void closedPortIsTemporary() throws Exception {
    SmtpRelayTransport t = new SmtpRelayTransport(relay(freePort()), Map.of());
    OutgoingMail m = mail("bob@example.com", "x");
    DeliveryResult r = t.deliver(m.message(), m.envelopeFrom(), m.recipients());
    assertThat(r.deferred()).containsExactly("bob@example.com");
    assertThat(r.reason()).containsIgnoringCase("connect");
  }

  @Test
  void hangingRelayTimesOutAsTemporary() throws Exception {
    try (ScriptedSmtpServer s = new ScriptedSmtpServer(a -> "250 OK", "250 OK", true)) {
      RelayConfig c =
          new RelayConfig(
              "127.0.0.1",
              s.port(),
              RelayConfig.StartTls.OFF,
              null,
              null,
              null,
              Duration.ofMillis(500),
              Duration.ofMillis(500));
      OutgoingMail m = mail("bob@example.com", "x");
      DeliveryResult r =
          new SmtpRelayTransport(c, Map.of())
              .deliver(m.message(), m.envelopeFrom(), m.recipients());
      assertThat(r.deferred()).containsExactly("bob@example.com");
      assertThat(r.delivered()).isEmpty();
    }
  }

  @Test
  void replyCodesDecidePermanentOrTemporaryPerRecipient() throws Exception {
    try (ScriptedSmtpServer s =
        new ScriptedSmtpServer(
            a ->
                a.startsWith("gone")
                    ? "550 5.1.1 <" + a + ">: Recipient address rejected: User unknown"
                    : a.startsWith("busy") ? "451 4.3.0 try later" : "250 OK",
            "250 OK",
            false)) {
      SmtpRelayTransport t = new SmtpRelayTransport(relay(s.port()), Map.of());
      List<String> to = List.of("gone@example.com", "busy@example.com", "ok@example.com");
      OutgoingMail m = mail("ok@example.com", "x");
      DeliveryResult r = t.deliver(m.message(), m.envelopeFrom(), to);
      assertThat(r.delivered()).containsExactly("ok@example.com");
      assertThat(r.deferred()).containsExactly("busy@example.com");
      assertThat(r.failed()).containsExactly("gone@example.com");
      assertThat(r.reason()).contains("User unknown");
      assertThat(s.received()).hasSize(1);
    }
  }

  @Test
  void dataRejectedWith554IsPermanent() throws Exception {
    try (ScriptedSmtpServer s =
        new ScriptedSmtpServer(a -> "250 OK", "554 5.6.0 message refused", false)) {
      OutgoingMail m = mail("ok@example.com", "x");
      DeliveryResult r =
          new SmtpRelayTransport(relay(s.port()), Map.of())
              .deliver(m.message(), m.envelopeFrom(), m.recipients());
      assertThat(r.failed()).containsExactly("ok@example.com");
      assertThat(r.reason()).contains("message refused");
    }
  }

  @Test
  void outboxSurvivesRelayOutageAndRestart() throws Exception {
    int port = freePort();
    Path box = tmp.resolve("outbox");
    Outbox first =
        new Outbox(
            box,
            new SmtpRelayTransport(relay(port), Map.of()),
            clock,
            OutboxPolicy.DEFAULT,
            egress,
            "fm@example.com");
    for (int i = 1; i <= 3; i++) {
      first.submit(mail("user" + i + "@example.com", "fax " + i));
    }
    assertThat(first.deliverDue()).isEqualTo(3);
    assertThat(first.pending()).hasSize(3).allMatch(e -> e.attempts() == 1);
    assertThat(first.pending().get(0).lastError()).isNotEmpty();
    // A second pass before the backoff has passed tries nothing.
    assertThat(first.deliverDue()).isZero();

    // "Restart": a new outbox over the same folder; the relay comes back.
    GreenMail gm = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
    gm.start();
    try {
      Outbox second =
          new Outbox(
              box,
              new SmtpRelayTransport(relay(port), Map.of()),
              clock,
              OutboxPolicy.DEFAULT,
              egress,
              "fm@example.com");
      assertThat(second.pending()).hasSize(3);
      assertThat(second.deliverDue()).isZero();
      clock.advance(OutboxPolicy.DEFAULT.delayAfter(1));
      assertThat(second.deliverDue()).isEqualTo(3);
      assertThat(second.pending()).isEmpty();
      assertThat(gm.getReceivedMessages())
          .extracting(MimeMessage::getSubject)
          .containsExactlyInAnyOrder("fax 1", "fax 2", "fax 3");
    } finally {
      gm.stop();
    }
  }

  @Test
  void backoffDoublesUpToTheCap() {
    OutboxPolicy p =
        new OutboxPolicy(Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofDays(5));
    assertThat(p.delayAfter(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(p.delayAfter(2)).isEqualTo(Duration.ofMinutes(2));
    assertThat(p.delayAfter(4)).isEqualTo(Duration.ofMinutes(8));
    assertThat(p.delayAfter(5)).isEqualTo(Duration.ofMinutes(10));
    assertThat(p.delayAfter(50)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void permanentFailureBouncesToFaxMasterWithTheReason() throws Exception {
    try (ScriptedSmtpServer s =
        new ScriptedSmtpServer(
            a ->
                a.equals("alice@example.com")
                    ? "550 5.1.1 <alice@example.com>: Recipient address rejected: User unknown"
                    : "250 OK",
            "250 OK",
            false)) {
      Outbox o =
          new Outbox(
              tmp.resolve("outbox"),
              new SmtpRelayTransport(relay(s.port()), Map.of()),
              clock,
              OutboxPolicy.DEFAULT,
              egress,
              "fm@example.com");
      o.submit(mail("alice@example.com", "Fax received from \"ACME\""));
      assertThat(o.deliverDue()).isEqualTo(1);
      // the bounce is queued and due at once
      assertThat(o.pending()).hasSize(1).allMatch(OutboxStore.Entry::bounce);
      assertThat(o.deliverDue()).isEqualTo(1);
      assertThat(o.pending()).isEmpty();
      assertThat(s.received()).hasSize(1);
      ScriptedSmtpServer.Received b = s.received().get(0);
      assertThat(b.recipients()).containsExactly("fm@example.com");
      assertThat(b.data())
          .contains("Subject: Undelivered fax mail: Fax received from \"ACME\"")
          .contains("Recipients: alice@example.com")
          .contains("User unknown")
          .contains("Content-Type: message/rfc822");
    }
  }

  @Test
  void undeliverableBounceIsKeptNotLost() throws Exception {
    try (ScriptedSmtpServer s =
        new ScriptedSmtpServer(a -> "550 5.7.1 relaying denied", "250 OK", false)) {
      Outbox o =
          new Outbox(
              tmp.resolve("outbox"),
              new SmtpRelayTransport(relay(s.port()), Map.of()),
              clock,
              OutboxPolicy.DEFAULT,
              egress,
              "fm@example.com");
      o.submit(mail("alice@example.com", "doomed"));
      o.deliverDue(); // alice: 550 -> bounce queued
      o.deliverDue(); // bounce to fm: 550 -> dead letter
      assertThat(o.pending()).isEmpty();
      assertThat(o.dead()).hasSize(1);
      assertThat(Files.readString(o.dead().get(0)))
          .contains("Subject: Undelivered fax mail: doomed");
    }
  }

  @Test
  void temporaryFailuresGiveUpAfterTheLimit() throws Exception {
    Path mail = tmp.resolve("mail");
    MailTransport down =
        new MailTransport() {
          @Override
          public DeliveryResult deliver(byte[] m, String from, List<String> rcpts) {
            if (rcpts.contains("fm@example.com")) {
              return new MaildirTransport(mail).deliver(m, from, rcpts);
            }
            return DeliveryResult.allDeferred(rcpts, "451 try later");
          }

          @Override
          public String describe() {
            return "down";
          }
        };
    OutboxPolicy p = new OutboxPolicy(Duration.ofHours(1), Duration.ofHours(8), Duration.ofDays(1));
    Outbox o = new Outbox(tmp.resolve("outbox"), down, clock, p, egress, "fm@example.com");
    o.submit(mail("alice@example.com", "slow"));
    for (int i = 0; i < 20 && !o.pending().isEmpty(); i++) {
      o.deliverDue();
      clock.advance(Duration.ofHours(8));
    }
    assertThat(o.pending()).isEmpty();
    try (var s = Files.list(mail.resolve("fm@example.com/new"))) {
      String bounce = Files.readString(s.findFirst().orElseThrow());
      assertThat(bounce).contains("still undeliverable after").contains("451 try later");
    }
  }
}
