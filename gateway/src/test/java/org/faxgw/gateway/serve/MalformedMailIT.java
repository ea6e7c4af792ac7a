package org.faxgw.gateway.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile mail against a server in its own JVM with a small heap (-Xmx160m): each gets a clear SMTP
 * error or a failed job with a reason, and the server stays up (a heap overrun would kill it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedMailIT {
  @TempDir static Path dir;
  private GatewayProcess server;
  private int smtp;

  @BeforeAll
  void start() throws Exception {
    smtp = TestGateway.freePort();
    int admin = TestGateway.freePort();
    Path config = dir.resolve("faxgw.yaml");
    Files.writeString(
        config, TestGateway.yaml(dir, smtp, admin, "  maxMessageBytes: 64MiB\n", null));
    server = new GatewayProcess(dir, config, admin, "-Xmx160m");
  }

  @AfterAll
  void stop() throws Exception {
    try {
      Swaks.Transcript good = Swaks.send(smtp, "6045557977@fax.local", "--body", "still here");
      assertThat(good.accepted())
          .as("server no longer takes mail:\n%s\n%s", good, server.output())
          .isTrue();
      assertThat(server.process.isAlive()).isTrue();
      assertThat(server.output()).doesNotContain("OutOfMemoryError");
    } finally {
      server.close();
    }
  }

  private Swaks.Transcript sendFile(String name, String content) throws Exception {
    Path eml = dir.resolve(name);
    Files.writeString(eml, content, StandardCharsets.ISO_8859_1);
    return Swaks.send(smtp, "6045557977@fax.local", "--data", eml.toString());
  }

  @Test
  void brokenBoundariesGetAClearAnswer() throws Exception {
    Swaks.Transcript t =
        sendFile(
            "broken.eml",
            "Subject: broken\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=AAA\r\n\r\n"
                + "--BBB\r\nContent-Type: application/pdf\r\n\r\nnot a pdf\r\n--BBB--\r\n");
    assertThat(t.replied("554 5.6.1")).as(t.toString()).isTrue();
  }

  @Test
  void tenThousandNestedPartsAreRefused() throws Exception {
    StringBuilder sb = new StringBuilder("Subject: deep\r\nMIME-Version: 1.0\r\n");
    int depth = 10_000;
    for (int i = 0; i < depth; i++) {
      sb.append("Content-Type: multipart/mixed; boundary=b")
          .append(i)
          .append("\r\n\r\n--b")
          .append(i)
          .append("\r\n");
    }
    sb.append("Content-Type: text/plain\r\n\r\nx\r\n");
    for (int i = depth - 1; i >= 0; i--) {
      sb.append("--b").append(i).append("--\r\n");
    }
    Swaks.Transcript t = sendFile("deep.eml", sb.toString());
    assertThat(t.replied("554 5.6.0")).as(t.toString()).isTrue();
    assertThat(t.text()).contains("nesting");
  }

  @Test
  void tenThousandPartsSideBySideAreRefused() throws Exception {
    StringBuilder sb =
        new StringBuilder(
            "Subject: wide\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=W\r\n\r\n");
    for (int i = 0; i < 10_000; i++) {
      sb.append("--W\r\nContent-Type: text/plain\r\n\r\npart ").append(i).append("\r\n");
    }
    sb.append("--W--\r\n");
    Swaks.Transcript t = sendFile("wide.eml", sb.toString());
    assertThat(t.replied("554 5.6.0")).as(t.toString()).isTrue();
  }

  @Test
  void aFiftyMegabyteHeaderIsRefused() throws Exception {
    Path eml = dir.resolve("header.eml");
    try (BufferedWriter w = Files.newBufferedWriter(eml, StandardCharsets.US_ASCII)) {
      w.write("Subject: huge\r\nX-Huge: ");
      String chunk = "a".repeat(1000);
      for (int i = 0; i < 50_000; i++) {
        w.write(chunk);
        w.write("\r\n ");
      }
      w.write("end\r\n\r\nbody\r\n");
    }
    Swaks.Transcript t = Swaks.send(smtp, "6045557977@fax.local", "--data", eml.toString());
    assertThat(t.replied("554 5.6.0"))
        .as(t.toString().substring(Math.max(0, t.text().length() - 2000)))
        .isTrue();
    Files.delete(eml);
  }

  @Test
  void badBase64IsReportedAsDamaged() throws Exception {
    Swaks.Transcript t =
        sendFile(
            "b64.eml",
            "Subject: b64\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=Q\r\n\r\n"
                + "--Q\r\nContent-Type: application/pdf; name=x.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "JVBERi0xLj!!!!QK%%%%\r\n--Q--\r\n");
    assertThat(t.replied("554 5.6.1")).as(t.toString()).isTrue();
    assertThat(t.text()).contains("damaged");
  }

  @Test
  void nulBytesGiveAJobThatIsRenderedOrFailsWithAReason() throws Exception {
    Swaks.Transcript t =
        sendFile(
            "nul.eml",
            "Subject: nul\r\nContent-Type: text/plain\r\n\r\nbefore\0\0\0after\r\n\0\r\n");
    assertThat(t.accepted()).as(t.toString()).isTrue();
    JsonNode job =
        TestGateway.await(server.admin, 1, TestGateway::rendered).stream()
            .filter(j -> j.path("subject").asText().equals("nul"))
            .findFirst()
            .orElseThrow();
    assertThat(job.path("state").asText()).isIn("ready", "failed");
    if (job.path("state").asText().equals("failed")) {
      assertThat(job.path("status").asText()).isNotBlank();
    }
  }
}
