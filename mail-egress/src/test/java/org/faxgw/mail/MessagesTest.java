package org.faxgw.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MessagesTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
  private final EgressConfig egress = EgressConfig.defaults();

  static MimeMessage parse(OutgoingMail m) throws Exception {
    return new MimeMessage(
        Session.getInstance(new Properties()), new ByteArrayInputStream(m.message()));
  }

  @Test
  void receivedFaxMailHasSummaryAndPdfAttachment() throws Exception {
    ReceivedFax fax = FaxSummaryTest.fax("");
    RouteDecision.Deliver route =
        new RouteDecision.Deliver(
            List.of("alice@example.com"),
            List.of("archive@example.com"),
            AttachmentFormat.BOTH,
            MailTemplate.DEFAULT_RECEIVED_SUBJECT,
            false,
            "line 3");
    byte[] pdf = "%PDF-1.4 fake".getBytes();
    byte[] tif = "II*\0fake".getBytes();
    OutgoingMail out = new ReceivedFaxMail(egress, clock).forRecipients(fax, route, pdf, tif);
    assertThat(out.recipients()).containsExactly("alice@example.com", "archive@example.com");
    assertThat(out.envelopeFrom()).isEqualTo("faxmaster@localhost");
    MimeMessage m = parse(out);
    assertThat(m.getSubject()).isEqualTo("Fax received from \"+1 555 555 0100\"");
    assertThat(m.getHeader("From")[0]).isEqualTo("FaxMaster <faxmaster@localhost>");
    assertThat(m.getSentDate().toInstant()).isEqualTo(clock.instant());
    assertThat(m.getMessageID()).matches("<faxgw\\.[0-9a-f]{24}@localhost>");
    Multipart mp = (Multipart) m.getContent();
    assertThat(mp.getCount()).isEqualTo(3);
    Part body = mp.getBodyPart(0);
    assertThat(body.getContentType()).contains("text/plain").containsIgnoringCase("utf-8");
    assertThat((String) body.getContent()).isEqualTo(FaxSummary.format(fax));
    assertThat(mp.getBodyPart(1).getFileName()).isEqualTo("fax000000042.pdf");
    assertThat(mp.getBodyPart(1).getContentType()).startsWith("application/pdf");
    assertThat(mp.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(pdf);
    assertThat(mp.getBodyPart(2).getFileName()).isEqualTo("fax000000042.tif");
  }

  @Test
  void faxMasterNoticeForPartialReception() throws Exception {
    ReceivedFax fax = FaxSummaryTest.fax("carrier lost");
    RouteDecision.Deliver route =
        new RouteDecision.Deliver(
            List.of("alice@example.com"),
            List.of(),
            AttachmentFormat.PDF,
            MailTemplate.DEFAULT_RECEIVED_SUBJECT,
            true,
            "line 3");
    MimeMessage m =
        parse(new ReceivedFaxMail(egress, clock).faxMasterNotice(fax, "fm@example.com", route));
    assertThat(m.getSubject()).isEqualTo("Fax partly received from \"+1 555 555 0100\"");
    assertThat((String) m.getContent())
        .contains("carrier lost")
        .contains("Routed by line 3 to alice@example.com.");
  }

  static JobNotice notice(JobNotice.Event e, List<String> unsent) {
    return new JobNotice(
        e,
        JobNotice.Notify.DONE,
        "bob@example.com",
        "17",
        "000000043",
        "+16045557977",
        e == JobNotice.Event.DONE ? 3 : 1,
        3,
        "+1 604 555 7977",
        196,
        14400,
        DataFormat.MMR,
        2,
        1,
        e == JobNotice.Event.DONE ? "" : "No carrier detected",
        null,
        Duration.ofSeconds(72),
        unsent);
  }

  @Test
  void doneNotificationCarriesTheJobFields() throws Exception {
    OutgoingMail out =
        new JobNotificationMail(egress, clock).build(notice(JobNotice.Event.DONE, List.of()));
    MimeMessage m = parse(out);
    assertThat(out.recipients()).containsExactly("bob@example.com");
    assertThat(m.getSubject()).isEqualTo("facsimile job 17 to +16045557977 completed");
    List<String> lines = ((String) m.getContent()).lines().toList();
    assertThat(lines.get(0))
        .isEqualTo("Your facsimile job to +16045557977 was completed successfully.");
    assertThat(lines.subList(2, 11))
        .containsExactly(
            "            Pages: 3 of 3",
            "         Receiver: +1 604 555 7977",
            "          Quality: Fine",
            "      Signal Rate: 14400 bit/s",
            "      Data Format: 2-D MMR",
            "            Dials: 2",
            "            Calls: 1",
            "            JobID: 17",
            "           CommID: 000000043");
  }

  @Test
  void failedNotificationCarriesTheReasonAndUnsentParts() throws Exception {
    JobNotice n =
        notice(
            JobNotice.Event.FAILED,
            List.of("budget.xlsx (application/vnd.ms-excel): cannot render"));
    MimeMessage m = parse(new JobNotificationMail(egress, clock).build(n));
    assertThat(m.getSubject()).isEqualTo("facsimile job 17 to +16045557977 failed");
    assertThat((String) m.getContent())
        .contains("failed because:\n    No carrier detected")
        .contains("           Reason: No carrier detected")
        .contains("could not be faxed:\n    budget.xlsx (application/vnd.ms-excel): cannot render");
  }

  @Test
  void notifySettingDecidesWhatIsSent() {
    JobNotice done = notice(JobNotice.Event.DONE, List.of());
    assertThat(done.wanted()).isTrue();
    JobNotice quiet =
        new JobNotice(
            JobNotice.Event.DONE,
            JobNotice.Notify.FAILURES,
            "b@x",
            "1",
            "",
            "",
            0,
            0,
            "",
            0,
            0,
            null,
            0,
            0,
            "",
            null,
            null,
            List.of());
    assertThat(quiet.wanted()).isFalse();
    JobNotice requeued =
        new JobNotice(
            JobNotice.Event.REQUEUED,
            JobNotice.Notify.DONE,
            "b@x",
            "1",
            "",
            "",
            0,
            0,
            "",
            0,
            0,
            null,
            0,
            0,
            "busy",
            null,
            null,
            List.of());
    assertThat(requeued.wanted()).isFalse();
    JobNotice failed =
        new JobNotice(
            JobNotice.Event.FAILED,
            JobNotice.Notify.NONE,
            "b@x",
            "1",
            "",
            "",
            0,
            0,
            "",
            0,
            0,
            null,
            0,
            0,
            "busy",
            null,
            null,
            List.of());
    assertThat(failed.wanted()).isTrue();
  }
}
