package org.faxgw.gateway.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mail in through the real swaks client, jobs out through the real faxgw commands (bin/faxgw),
 * pages checked with pdfinfo and tiffinfo.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmailToFaxIT {
  @TempDir static Path dir;
  private TestGateway gw;
  private Path pdf3;
  private Path png;

  @BeforeAll
  void start() throws Exception {
    gw = new TestGateway(dir, null, null);
    pdf3 = Tools.pdf(dir, "three.pdf", 3);
    png = dir.resolve("chart.png");
    BufferedImage img = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 800, 600);
    g.setColor(Color.BLACK);
    g.fillRect(100, 100, 600, 50);
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }

  @AfterAll
  void stop() {
    gw.close();
  }

  @BeforeEach
  void emptyQueue() throws Exception {
    for (JsonNode j : gw.jobs()) {
      gw.admin.delete("/v1/jobs/" + j.path("jid").asLong());
    }
  }

  private static JsonNode faxstatJson(TestGateway gw) throws Exception {
    Tools.Run r = Tools.faxgw(gw.dir, "faxstat", "--json", "--config", gw.configFile.toString());
    assertThat(r.exit()).as(r.out()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void pdfAttachmentBecomesOneJobWithPdfinfosPageCount() throws Exception {
    Swaks.Transcript t =
        Swaks.send(
            gw.smtpPort,
            "6045557977@fax.local",
            "--attach-type",
            "application/pdf",
            "--attach",
            pdf3.toString(),
            "--add-header",
            "X-Fax-Cover: no");
    assertThat(t.accepted()).as(t.toString()).isTrue();
    gw.await(1, TestGateway::rendered);
    JsonNode stat = faxstatJson(gw);
    assertThat(stat.path("jobs")).hasSize(1);
    JsonNode job = stat.path("jobs").get(0);
    assertThat(job.path("number").asText()).isEqualTo("+16045557977");
    assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("ready");
    assertThat(job.path("status").asText()).isEqualTo("Waiting for a fax line");
    assertThat(job.path("pages").asInt()).isEqualTo(Tools.pdfinfoPages(pdf3));
    assertThat(Tools.tiffinfoPages(Path.of(job.path("tiff").asText())))
        .isEqualTo(job.path("pages").asInt());
    Tools.Run table = Tools.faxgw(gw.dir, "faxstat", "-s", "--config", gw.configFile.toString());
    assertThat(table.out()).contains("JID  Pri S  Owner Number       Pages Dials     TTS Status");
    assertThat(table.out())
        .containsPattern("\\n\\d+ +127 W alice@ \\+16045557977 +0:3 +0:12 +Waiting for a fax line");
  }

  @Test
  void pdfAndPngPagesAddUpWithTheBodyAsCoverPage() throws Exception {
    Swaks.Transcript t =
        Swaks.send(
            gw.smtpPort,
            "\"+1 (604) 555-7977\"@fax.local",
            "--body",
            "Please see the attached report.",
            "--attach-type",
            "application/pdf",
            "--attach",
            pdf3.toString(),
            "--attach-type",
            "image/png",
            "--attach",
            png.toString());
    assertThat(t.accepted()).as(t.toString()).isTrue();
    JsonNode job = gw.await(1, TestGateway::rendered).get(0);
    assertThat(job.path("number").asText()).isEqualTo("+16045557977");
    assertThat(job.path("documents"))
        .extracting(d -> d.path("kind").asText())
        .containsExactly("cover", "document", "document");
    // cover (1 page) + PDF + PNG (1 page)
    assertThat(job.path("pages").asInt())
        .as(job.toString())
        .isEqualTo(1 + Tools.pdfinfoPages(pdf3) + 1);
    assertThat(Tools.tiffinfoPages(Path.of(job.path("tiff").asText())))
        .isEqualTo(job.path("pages").asInt());
  }

  @Test
  void bodyOnlyMailIsRenderedAsTheDocumentAndUtf8Survives() throws Exception {
    String subject = "Grüße – Привет – 你好";
    String body = "Sehr geehrte Damen und Herren,\nÄÖÜ äöü ß € — Привет мир.\n";
    Path eml = dir.resolve("utf8.eml");
    Files.writeString(
        eml,
        "From: alice@example.com\r\nTo: 6045557977@fax.local\r\nSubject: =?UTF-8?B?"
            + java.util.Base64.getEncoder().encodeToString(subject.getBytes(StandardCharsets.UTF_8))
            + "?=\r\nMessage-ID: <utf8-1@example.com>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + body.replace("\n", "\r\n"),
        StandardCharsets.UTF_8);
    Swaks.Transcript t = Swaks.send(gw.smtpPort, "6045557977@fax.local", "--data", eml.toString());
    assertThat(t.accepted()).as(t.toString()).isTrue();
    JsonNode job = gw.await(1, TestGateway::rendered).get(0);
    assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("ready");
    assertThat(job.path("pages").asInt()).isEqualTo(1);
    assertThat(job.path("subject").asText()).isEqualTo(subject);
    assertThat(job.path("documents")).hasSize(1);
    JsonNode doc = job.path("documents").get(0);
    assertThat(doc.path("kind").asText()).isEqualTo("document");
    assertThat(Files.readString(Path.of(doc.path("path").asText()), StandardCharsets.UTF_8).strip())
        .isEqualTo(body.replace("\n", "\r\n").strip());
  }

  @Test
  void threeRecipientsMakeThreeJobsInOneGroup() throws Exception {
    Swaks.Transcript t =
        Swaks.send(
            gw.smtpPort,
            "6045550001@fax.local,6045550002@fax.local,6045550003@fax.local",
            "--body",
            "to three numbers");
    assertThat(t.accepted()).as(t.toString()).isTrue();
    List<JsonNode> jobs = gw.await(3, TestGateway::rendered);
    assertThat(jobs)
        .extracting(j -> j.path("number").asText())
        .containsExactly("+16045550001", "+16045550002", "+16045550003");
    assertThat(jobs)
        .extracting(j -> j.path("groupId").asLong())
        .containsOnly(jobs.get(0).path("jid").asLong());
    assertThat(jobs).extracting(j -> j.path("pages").asInt()).containsOnly(1);
  }

  @Test
  void theSameMessageIdTwiceMakesOneJob() throws Exception {
    for (int i = 0; i < 2; i++) {
      Swaks.Transcript t =
          Swaks.send(
              gw.smtpPort,
              "6045557977@fax.local",
              "--header",
              "Message-Id: <same-id-42@example.com>",
              "--body",
              "once");
      assertThat(t.exit()).as(t.toString()).isZero();
      assertThat(t.replied("250")).isTrue();
    }
    assertThat(gw.await(1, TestGateway::rendered)).hasSize(1);
  }

  @Test
  void unfaxablePartsAreListedOnTheJob() throws Exception {
    Path zip = dir.resolve("data.zip");
    Files.write(zip, new byte[] {'P', 'K', 3, 4, 0, 0});
    Swaks.Transcript t =
        Swaks.send(
            gw.smtpPort,
            "6045557977@fax.local",
            "--body",
            "text and a zip",
            "--attach-type",
            "application/zip",
            "--attach",
            zip.toString());
    assertThat(t.accepted()).as(t.toString()).isTrue();
    JsonNode job = gw.await(1, TestGateway::rendered).get(0);
    assertThat(job.path("unfaxable").toString()).contains("application/zip").contains("data.zip");
    assertThat(job.path("pages").asInt()).isEqualTo(1);
  }

  @Test
  void aDocumentThatCannotBeRenderedFailsTheJobWithItsReason() throws Exception {
    Path fake = dir.resolve("broken.pdf");
    Files.writeString(fake, "%PDF-1.4\nthis is not really a PDF\n");
    Swaks.Transcript t =
        Swaks.send(
            gw.smtpPort,
            "6045557977@fax.local",
            "--attach-type",
            "application/pdf",
            "--attach",
            fake.toString(),
            "--add-header",
            "X-Fax-Cover: no");
    assertThat(t.accepted()).as(t.toString()).isTrue();
    JsonNode job = gw.await(1, TestGateway::rendered).get(0);
    assertThat(job.path("state").asText()).isEqualTo("failed");
    assertThat(job.path("status").asText()).startsWith("Document conversion failed:");
  }

  @Test
  void faxrmRemovesTheJobAndItsSpoolFiles() throws Exception {
    Swaks.Transcript t =
        Swaks.send(gw.smtpPort, "6045557977@fax.local", "--attach", pdf3.toString());
    assertThat(t.accepted()).as(t.toString()).isTrue();
    JsonNode job = gw.await(1, TestGateway::rendered).get(0);
    Path tiff = Path.of(job.path("tiff").asText());
    Path folder = tiff.getParent();
    assertThat(tiff).exists();
    Tools.Run rm =
        Tools.faxgw(
            gw.dir, "faxrm", job.path("jid").asText(), "--config", gw.configFile.toString());
    assertThat(rm.exit()).as(rm.out()).isZero();
    assertThat(rm.out()).contains("Job " + job.path("jid").asText() + " removed.");
    assertThat(gw.jobs()).isEmpty();
    assertThat(folder).doesNotExist();
    Tools.Run again =
        Tools.faxgw(
            gw.dir, "faxrm", job.path("jid").asText(), "--config", gw.configFile.toString());
    assertThat(again.exit()).isEqualTo(1);
  }

  @Test
  void sendfaxQueuesLocalFiles() throws Exception {
    Tools.Run r =
        Tools.faxgw(
            gw.dir,
            "sendfax",
            "-n",
            "-d",
            "6045557977",
            "-d",
            "+44 20 7946 0000",
            pdf3.toString(),
            png.toString(),
            "--config",
            gw.configFile.toString());
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out())
        .containsPattern(
            "request id is (\\d+) \\(group id (\\d+)\\) for host 127\\.0\\.0\\.1 \\(2 files\\)");
    List<JsonNode> jobs = gw.await(2, TestGateway::rendered);
    assertThat(jobs)
        .extracting(j -> j.path("number").asText())
        .containsExactly("+16045557977", "+442079460000");
    assertThat(jobs)
        .extracting(j -> j.path("dialString").asText())
        .containsExactly("16045557977", "011442079460000");
    assertThat(jobs)
        .extracting(j -> j.path("pages").asInt())
        .containsOnly(Tools.pdfinfoPages(pdf3) + 1);
  }
}
