package org.faxgw.gateway.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.faxgw.gateway.config.ConfigLoader;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.gateway.serve.Gateway;
import org.faxgw.mail.StoredMail;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobListener;
import org.faxgw.queue.JobState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbound policy against the real swaks: a denied prefix and a sender over the daily job limit
 * get {@code 550 5.7.1} at RCPT with the reason; a sender over the daily page limit gets a failed
 * job and the failure notice; no job of theirs is ever dialled (Dials: 0, never ready).
 */
class OutboundPolicyIT {
  @TempDir Path tmp;

  record Swaks(int exit, String out) {}

  private Swaks swaks(int port, String from, String to, String... extra) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("swaks", "--server", "127.0.0.1", "--port"));
    cmd.add(Integer.toString(port));
    cmd.addAll(List.of("--from", from, "--to", to, "--timeout", "60"));
    cmd.addAll(List.of(extra));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Swaks(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  @Test
  void refusedAtRcptOrFailedWithANoticeAndNeverDialled() throws Exception {
    int smtp = SenderNotificationIT.freePort();
    int admin = SenderNotificationIT.freePort();
    Path cfgFile = tmp.resolve("faxgw.yaml");
    Files.writeString(
        cfgFile,
        "dataDir: "
            + tmp.resolve("data")
            + "\nsmtp:\n  listen: 127.0.0.1:"
            + smtp
            + "\nadmin:\n  listen: 127.0.0.1:"
            + admin
            + "\noutbound:\n  deny: [\"+1900*\"]\n"
            + "  perSender:\n    jobsPerDay: 2\n    pagesPerDay: 2\n");
    FaxgwConfig c = new ConfigLoader(Map.of()).load(cfgFile);
    Clock clock = Clock.systemUTC();
    try (MailEgressService svc =
            MailEgressService.start(c.dataPath(), c.egress(), c.routing(), clock, Map.of(), false);
        Gateway g = new Gateway(c, clock, JobListener.NONE)) {
      g.setJobListener(new JobNotifier(svc, clock));
      g.start();

      Swaks premium = swaks(smtp, "carol@example.com", "9005551234@fax.local", "--body", "hi");
      assertThat(premium.out())
          .as(premium.out())
          .containsPattern("<\\*\\* +550 5\\.7\\.1 .*\\+19005551234.*\\+1900\\*");
      assertThat(g.jobs().list(EnumSet.allOf(JobState.class))).isEmpty();

      // bob: a long mail renders to more pages than his day allows
      StringBuilder body = new StringBuilder();
      for (int i = 1; i <= 400; i++) {
        body.append("line ").append(i).append(" of a long report\n");
      }
      Swaks longMail =
          swaks(smtp, "bob@example.com", "6045557977@fax.local", "--body", body.toString());
      assertThat(longMail.out()).as(longMail.out()).contains("250 2.0.0");

      Path box = c.dataPath().resolve("mail/bob@example.com");
      List<Path> mails = List.of();
      long deadline = System.nanoTime() + 90_000_000_000L;
      while (mails.isEmpty() && System.nanoTime() < deadline) {
        svc.deliverNow();
        mails = Tools.newMail(box);
        if (mails.isEmpty()) {
          Thread.sleep(100); // waiting for the render worker of a real gateway, not logic
        }
      }
      assertThat(mails).as("notice in " + box).hasSize(1);
      StoredMail m = FaxrcvdIT.read(mails.get(0));
      assertThat(m.subject()).matches("facsimile job \\d+ to \\+16045557977 failed");
      assertThat(m.bodyText())
          .contains(
              "Outbound policy: Daily limit of 2 fax pages reached for sender bob@example.com")
          .containsPattern("(?m)^            Dials: 0$");
      List<FaxJob> bobs = g.jobs().list(EnumSet.allOf(JobState.class));
      assertThat(bobs).hasSize(1);
      assertThat(bobs.get(0).state()).isEqualTo(JobState.FAILED);
      assertThat(bobs.get(0).dials()).isZero();

      // a failed-by-policy job counts toward nothing: two short faxes go, the third is refused
      for (String n : List.of("6045550001", "6045550002")) {
        Swaks ok = swaks(smtp, "bob@example.com", n + "@fax.local", "--body", "short");
        assertThat(ok.out()).as(ok.out()).contains("250 2.0.0");
      }
      Swaks third = swaks(smtp, "Bob@Example.com", "6045550003@fax.local", "--body", "short");
      assertThat(third.out())
          .as(third.out())
          .containsPattern("<\\*\\* +550 5\\.7\\.1 Daily limit of 2 fax (jobs|pages) reached");
      assertThat(g.jobs().list(EnumSet.allOf(JobState.class))).hasSize(3);
    }
  }
}
