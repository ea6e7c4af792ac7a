package org.faxgw.gateway.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.faxgw.gateway.config.ConfigLoader;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.gateway.serve.Gateway;
import org.faxgw.mail.StoredMail;
import org.faxgw.queue.JobListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mail whose PDF cannot be rendered and whose spreadsheet cannot be faxed, sent with swaks to a
 * gateway running in this JVM: the job fails in rendering, and its sender gets the failure notice
 * naming the reason and the part that could not be faxed.
 */
class SenderNotificationIT {
  @TempDir Path tmp;

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void renderFailureNotifiesTheSenderNamingTheUnfaxablePart() throws Exception {
    int smtp = freePort();
    int admin = freePort();
    Path cfgFile = tmp.resolve("faxgw.yaml");
    Files.writeString(
        cfgFile,
        "dataDir: "
            + tmp.resolve("data")
            + "\nsmtp:\n  listen: 127.0.0.1:"
            + smtp
            + "\nadmin:\n  listen: 127.0.0.1:"
            + admin
            + "\n");
    FaxgwConfig c = new ConfigLoader(Map.of()).load(cfgFile);
    Clock clock = Clock.systemUTC();
    Path broken = tmp.resolve("report.pdf");
    Files.writeString(
        broken, "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n%%EOF garbage\n");
    Path sheet = tmp.resolve("budget.xlsx");
    Files.write(sheet, new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 1, 2, 3, 4, 5, 6});

    try (MailEgressService svc =
            MailEgressService.start(c.dataPath(), c.egress(), c.routing(), clock, Map.of(), false);
        Gateway g = new Gateway(c, clock, JobListener.NONE)) {
      g.setJobListener(new JobNotifier(svc, clock));
      g.start();
      String out =
          Tools.run(
              tmp,
              "swaks",
              "--server",
              "127.0.0.1",
              "--port",
              Integer.toString(smtp),
              "--from",
              "bob@example.com",
              "--to",
              "6045557977@fax.local",
              "--header",
              "Subject: quarterly figures",
              "--body",
              "Please find the report attached.",
              "--attach-type",
              "application/pdf",
              "--attach-name",
              "report.pdf",
              "--attach",
              "@" + broken,
              "--attach-type",
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              "--attach-name",
              "budget.xlsx",
              "--attach",
              "@" + sheet);
      assertThat(out).contains("250 2.0.0");

      Path box = c.dataPath().resolve("mail/bob@example.com");
      List<Path> mails = List.of();
      long deadline = System.nanoTime() + 60_000_000_000L;
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
      String text = m.bodyText();
      assertThat(text)
          .contains("failed because:")
          .contains("Document conversion failed")
          .contains("These parts of your mail could not be faxed:")
          .contains("budget.xlsx")
          .containsPattern("(?m)^            JobID: \\d+$")
          .containsPattern("(?m)^            Dials: 0$");
      Files.writeString(tmp.resolve("notice.txt"), text, StandardCharsets.UTF_8);
    }
  }
}
