package org.faxgw.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox's inter-process delivery lock: while one process (a running gateway) holds it, another
 * on the same folder (an operator's {@code outbox --flush}, {@code faxrcvd}) delivers nothing, so
 * no message is sent twice; once it is released, the other delivers each message once.
 */
class OutboxLockTest {
  @TempDir Path tmp;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
  private final EgressConfig egress = new EgressConfig("FaxMaster <fm@example.com>", null);

  /** Records every message handed to it. */
  static final class Recording implements MailTransport {
    final List<String> subjects = new ArrayList<>();

    @Override
    public synchronized DeliveryResult deliver(
        byte[] message, String envelopeFrom, List<String> recipients) {
      subjects.add(MimeMessages.subjectOf(message));
      return DeliveryResult.allDelivered(recipients);
    }

    @Override
    public String describe() {
      return "recording";
    }
  }

  private Outbox outbox(MailTransport t) throws Exception {
    return new Outbox(
        tmp.resolve("outbox"), t, clock, OutboxPolicy.DEFAULT, egress, "fm@example.com");
  }

  private OutgoingMail mail(String subject) {
    return MimeMessages.build(
        clock,
        egress.from(),
        List.of("alice@example.com"),
        List.of(),
        subject,
        "body\n",
        List.of(),
        false,
        egress.envelopeFrom());
  }

  @Test
  void aSecondProcessCannotDeliverWhileTheFirstHoldsTheLock() throws Exception {
    Recording sent = new Recording();
    try (Outbox mine = outbox(sent)) {
      mine.submit(mail("only once"));
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process holder =
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  OutboxLockHolder.class.getName(),
                  tmp.resolve("outbox").toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      try {
        BufferedReader r =
            new BufferedReader(
                new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertThat(r.readLine()).as("the other process took the lock").isEqualTo("held");

        assertThat(mine.deliverDue()).isZero();
        assertThatThrownBy(mine::flushAll).isInstanceOf(OutboxLockedException.class);
        assertThat(mine.holdDeliveryLock()).isFalse();
        assertThat(sent.subjects).isEmpty();
        assertThat(mine.pending()).hasSize(1);

        holder.getOutputStream().close(); // the holder releases and exits
        assertThat(holder.waitFor(60, TimeUnit.SECONDS)).as("holder exited").isTrue();
        assertThat(holder.exitValue()).isZero();
      } finally {
        holder.destroyForcibly();
      }
      assertThat(mine.deliverDue()).isEqualTo(1);
      assertThat(mine.deliverDue()).isZero();
      assertThat(sent.subjects).containsExactly("only once");
      assertThat(mine.pending()).isEmpty();
    }
  }

  @Test
  void twoOutboxesInOneProcessShareTheLockToo() throws Exception {
    Recording first = new Recording();
    Recording second = new Recording();
    try (Outbox gateway = outbox(first);
        Outbox command = outbox(second)) {
      assertThat(gateway.holdDeliveryLock()).isTrue();
      command.submit(mail("from the command"));

      assertThat(command.deliverDue()).isZero();
      assertThatThrownBy(command::flushAll).isInstanceOf(OutboxLockedException.class);
      assertThat(second.subjects).isEmpty();

      // the gateway, holding the lock, delivers it and keeps the lock after its pass
      assertThat(gateway.deliverDue()).isEqualTo(1);
      assertThat(first.subjects).containsExactly("from the command");
      assertThatThrownBy(command::flushAll).isInstanceOf(OutboxLockedException.class);
      assertThat(second.subjects).isEmpty();
    }
  }

  @Test
  void aOneShotPassReleasesTheLockAfterwards() throws Exception {
    Recording sent = new Recording();
    try (Outbox command = outbox(sent);
        Outbox gateway = outbox(new Recording())) {
      command.submit(mail("one shot"));
      assertThat(command.flushAll()).isEqualTo(1);
      assertThat(sent.subjects).containsExactly("one shot");
      assertThat(gateway.holdDeliveryLock()).as("free again after the one-shot pass").isTrue();
    }
  }
}
