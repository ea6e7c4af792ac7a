package org.faxgw.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SMTP AUTH (RFC 4954) with the secret from an environment variable or a file; STARTTLS policy. */
class RelayAuthTest {
  @TempDir Path tmp;
  private GreenMail gm;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));

  @BeforeEach
  void start() {
    gm =
        new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp"))
            .withConfiguration(
                GreenMailConfiguration.aConfig().withUser("fax@example.com", "fax", "s3cret"));
    gm.start();
  }

  @AfterEach
  void stop() {
    gm.stop();
  }

  private OutgoingMail mail() {
    return MimeMessages.build(
        clock,
        "FaxMaster <fm@example.com>",
        List.of("bob@example.com"),
        List.of(),
        "auth test",
        "x\n",
        List.of(),
        false,
        "fm@example.com");
  }

  private RelayConfig relay(
      RelayConfig.StartTls tls, String user, String passwordEnv, String passwordFile) {
    return new RelayConfig(
        "127.0.0.1",
        gm.getSmtp().getPort(),
        tls,
        user,
        passwordEnv,
        passwordFile,
        Duration.ofSeconds(3),
        Duration.ofSeconds(3));
  }

  private DeliveryResult send(RelayConfig c, Map<String, String> env) {
    OutgoingMail m = mail();
    return new SmtpRelayTransport(c, env).deliver(m.message(), m.envelopeFrom(), m.recipients());
  }

  @Test
  void authWithPasswordFromEnvironment() {
    RelayConfig c = relay(RelayConfig.StartTls.OFF, "fax", "FAXGW_RELAY_PASSWORD", null);
    Map<String, String> env = Map.of("FAXGW_RELAY_PASSWORD", "s3cret");
    assertThat(c.problems(env)).isEmpty();
    assertThat(send(c, env).delivered()).containsExactly("bob@example.com");
    assertThat(gm.getReceivedMessages()).hasSize(1);
  }

  @Test
  void authWithPasswordFromFile() throws Exception {
    Path f = tmp.resolve("relay.pass");
    Files.writeString(f, "s3cret\n");
    RelayConfig c = relay(RelayConfig.StartTls.OFF, "fax", null, f.toString());
    assertThat(c.problems(Map.of())).isEmpty();
    assertThat(send(c, Map.of()).delivered()).containsExactly("bob@example.com");
  }

  @Test
  void wrongPasswordIsTemporaryAndSaysAuth() {
    RelayConfig c = relay(RelayConfig.StartTls.OFF, "fax", "P", null);
    DeliveryResult r = send(c, Map.of("P", "wrong"));
    assertThat(r.deferred()).containsExactly("bob@example.com");
    assertThat(r.reason()).contains("refused AUTH");
    assertThat(gm.getReceivedMessages()).isEmpty();
  }

  @Test
  void unsetPasswordVariableIsAStartupProblem() {
    RelayConfig c = relay(RelayConfig.StartTls.OFF, "fax", "FAXGW_NOT_SET", null);
    assertThat(c.problems(Map.of()))
        .containsExactly("egress.relay.passwordEnv: environment variable FAXGW_NOT_SET is not set");
  }

  @Test
  void requiredStarttlsNeverSendsInClear() {
    // GreenMail's plain SMTP port cannot complete a trusted TLS upgrade: nothing may be sent.
    DeliveryResult r = send(relay(RelayConfig.StartTls.REQUIRED, null, null, null), Map.of());
    assertThat(r.deferred()).containsExactly("bob@example.com");
    assertThat(gm.getReceivedMessages()).isEmpty();
  }
}
