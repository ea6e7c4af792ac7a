package org.faxgw.smtp.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.faxgw.queue.DocumentSpool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionParserTest {
  @TempDir Path dir;
  private DocumentSpool spool;
  private SubmissionParser parser;

  @BeforeEach
  void setUp() throws Exception {
    spool = new DocumentSpool(dir.resolve("spool"));
    parser = new SubmissionParser(MimeLimits.defaults(), spool);
  }

  private FaxSubmission parse(String eml) throws Exception {
    String folder = spool.newFolder();
    Path p = dir.resolve("m.eml");
    Files.write(p, eml.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    return parser.parse(p, folder);
  }

  private String text(FaxPart p) throws Exception {
    return Files.readString(spool.resolve(p.path()), StandardCharsets.UTF_8);
  }

  @Test
  void bodyOnlyMailIsTheBodyWithSubjectDecoded() throws Exception {
    FaxSubmission s =
        parse(
            """
            From: a@b
            Subject: =?UTF-8?B?R3LDvMOfZSDigqw=?=
            Message-ID: <1@x>
            Content-Type: text/plain; charset=iso-8859-1
            Content-Transfer-Encoding: quoted-printable

            Gr=FC=DFe aus M=FCnchen
            """);
    assertThat(s.subject()).isEqualTo("Grüße €");
    assertThat(s.messageId()).isEqualTo("<1@x>");
    assertThat(text(s.body())).isEqualTo("Grüße aus München\r\n");
    assertThat(s.documents()).isEmpty();
  }

  @Test
  void rawUtf8SubjectSurvives() throws Exception {
    FaxSubmission s =
        parse("Subject: Привет мир\nContent-Type: text/plain; charset=utf-8\n\nтекст\n");
    assertThat(s.subject()).isEqualTo("Привет мир");
    assertThat(text(s.body())).startsWith("текст");
  }

  @Test
  void attachmentsInOrderAlternativeTakesPlainUnknownTypesListed() throws Exception {
    FaxSubmission s =
        parse(
            """
            Subject: report
            X-Fax-Resolution: normal
            X-Fax-Notify: all
            X-Fax-Cover: yes
            X-Fax-Send-At: 2030-01-02T03:04:05+01:00
            Content-Type: multipart/mixed; boundary=OUT

            --OUT
            Content-Type: multipart/alternative; boundary=ALT

            --ALT
            Content-Type: text/plain

            plain body
            --ALT
            Content-Type: text/html

            <p>html body</p>
            --ALT--
            --OUT
            Content-Type: application/pdf; name=a.pdf
            Content-Disposition: attachment; filename=a.pdf
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            --OUT
            Content-Type: application/zip
            Content-Disposition: attachment; filename=x.zip

            PK
            --OUT
            Content-Type: application/octet-stream
            Content-Disposition: attachment; filename=scan.PNG
            Content-Transfer-Encoding: base64

            iVBORw0KGgo=
            --OUT--
            """);
    assertThat(text(s.body())).startsWith("plain body");
    assertThat(s.documents())
        .extracting(FaxPart::contentType)
        .containsExactly("application/pdf", "image/png");
    assertThat(s.documents()).extracting(FaxPart::name).containsExactly("a.pdf", "scan.PNG");
    assertThat(Files.readAllBytes(spool.resolve(s.documents().get(0).path())))
        .startsWith("%PDF-1.4".getBytes());
    assertThat(s.unfaxable())
        .singleElement()
        .asString()
        .contains("application/zip")
        .contains("x.zip");
    assertThat(s.options())
        .isEqualTo(
            new FaxSubmission.FaxOptions(
                "normal", "all", true, Instant.parse("2030-01-02T02:04:05Z")));
  }

  @Test
  void htmlOnlyBecomesText() throws Exception {
    FaxSubmission s =
        parse("Content-Type: text/html; charset=utf-8\n\n<div>Hi <i>there</i></div><p>next</p>\n");
    assertThat(text(s.body())).isEqualTo("Hi there\nnext");
  }

  @Test
  void attachedMessageIsFaxedAsItsBody() throws Exception {
    FaxSubmission s =
        parse(
            """
            Content-Type: multipart/mixed; boundary=B

            --B
            Content-Type: text/plain

            see below
            --B
            Content-Type: message/rfc822

            Subject: inner
            Content-Type: text/plain

            inner text
            --B--
            """);
    assertThat(text(s.body())).startsWith("see below");
    assertThat(s.documents())
        .singleElement()
        .satisfies(p -> assertThat(text(p)).startsWith("inner text"));
  }

  @Test
  void badBase64IsListedNotFaxed() throws Exception {
    FaxSubmission s =
        parse(
            """
            Content-Type: multipart/mixed; boundary=B

            --B
            Content-Type: application/pdf
            Content-Transfer-Encoding: base64

            JVBE!!!!Ri0x@@@
            --B--
            """);
    assertThat(s.documents()).isEmpty();
    assertThat(s.unfaxable()).singleElement().asString().contains("damaged");
  }

  @Test
  void deepNestingIsRefused() {
    StringBuilder sb = new StringBuilder();
    int depth = 50;
    for (int i = 0; i < depth; i++) {
      sb.append("Content-Type: multipart/mixed; boundary=b")
          .append(i)
          .append("\n\n--b")
          .append(i)
          .append("\n");
    }
    sb.append("Content-Type: text/plain\n\nx\n");
    for (int i = depth - 1; i >= 0; i--) {
      sb.append("--b").append(i).append("--\n");
    }
    assertThatThrownBy(() -> parse(sb.toString()))
        .isInstanceOf(MessageRefusedException.class)
        .hasMessageStartingWith("5.6.0")
        .hasMessageContaining("nesting");
  }

  @Test
  void badFaxHeaderIsRefused() {
    assertThatThrownBy(() -> parse("X-Fax-Send-At: tomorrow\n\nhi\n"))
        .isInstanceOf(MessageRefusedException.class)
        .hasMessageContaining("RFC 3339");
  }

  @Test
  void overlongHeaderIsRefused() {
    assertThatThrownBy(() -> parse("Subject: " + "x".repeat(200_000) + "\n\nhi\n"))
        .isInstanceOf(MessageRefusedException.class)
        .hasMessageStartingWith("5.6.0");
  }
}
