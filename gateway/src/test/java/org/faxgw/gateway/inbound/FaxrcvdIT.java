package org.faxgw.gateway.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.faxgw.mail.StoredMail;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxTiffReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code faxgw faxrcvd} end to end into a Maildir, checked with the reference tools: pdfinfo for
 * pages and size, pdfimages against libtiff's decode (tiffcp -c none) pixel for pixel, and the
 * summary fields in HylaFAX's order.
 */
class FaxrcvdIT {
  @TempDir Path tmp;

  private Path config(String routing) throws Exception {
    Path cfg = tmp.resolve("faxgw.yaml");
    Files.writeString(
        cfg,
        "dataDir: "
            + tmp.resolve("data")
            + "\n"
            + "egress:\n"
            + "  from: \"Fax Gateway <fax@gw.example>\"\n"
            + "routing:\n"
            + "  faxmaster: fm@example.com\n"
            + routing);
    return cfg;
  }

  static final String RULES =
      "  inbound:\n"
          + "    - did: \"6045557977\"\n"
          + "      to: [alice@example.com]\n"
          + "    - did: \"604555*\"\n"
          + "      to: [sales@example.com]\n"
          + "      format: both\n";

  static StoredMail read(Path file) throws Exception {
    return StoredMail.parse(Files.readAllBytes(file));
  }

  @Test
  void receivedFaxLandsInAlicesMaildirAsAFaithfulPdf() throws Exception {
    Path tif = Tools.fixture(tmp, "fax000000011.tif");
    Tools.Run r =
        Tools.faxgw(
            "faxrcvd",
            tif.toString(),
            "--did",
            "6045557977",
            "--tsi",
            "+1 555 555 0100",
            "--caller-number",
            "5550100",
            "--caller-name",
            "IAXmodem 0",
            "--rate",
            "14400",
            "--ecm",
            "yes",
            "--time",
            "59",
            "--line",
            "iax0",
            "--config",
            config(RULES).toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("Routed by rule 1 to alice@example.com.");

    Path data = tmp.resolve("data");
    List<Path> mails = Tools.newMail(data.resolve("mail/alice@example.com"));
    assertThat(mails).hasSize(1);
    assertThat(Tools.newMail(data.resolve("mail/fm@example.com"))).isEmpty();
    assertThat(Tools.newMail(data.resolve("mail/sales@example.com"))).isEmpty();

    StoredMail m = read(mails.get(0));
    assertThat(m.subject()).isEqualTo("Fax received from \"+1 555 555 0100\"");
    assertThat(m.from()).isEqualTo("Fax Gateway <fax@gw.example>");
    assertThat(m.date()).isNotBlank();
    assertThat(m.messageId()).isNotBlank();
    List<StoredMail.Part> parts = m.parts();
    assertThat(parts).hasSize(2);

    String body = parts.get(0).text();
    String commId =
        body.lines()
            .filter(l -> l.startsWith("          CommID: "))
            .findFirst()
            .orElseThrow()
            .substring(18);
    assertThat(commId).matches("\\d{9}");
    List<String> lines = body.lines().toList();
    assertThat(lines.subList(1, 14))
        .containsExactly(
            "          Sender: +1 555 555 0100",
            "           Pages: 3",
            "         Quality: Normal",
            "            Size: ISO A4",
            lines.get(5),
            " Time To Receive: 0:00:59",
            "     Signal Rate: 14400 bit/s",
            "     Data Format: 2-D MMR",
            "   Error Correct: Yes",
            "         CallID1: 5550100",
            "         CallID2: IAXmodem 0",
            "     Received On: iax0",
            "          CommID: " + commId);
    assertThat(lines.get(5)).matches("        Received: \\d{4}:\\d\\d:\\d\\d \\d\\d:\\d\\d:\\d\\d");

    StoredMail.Part pdfPart = parts.get(1);
    assertThat(pdfPart.fileName()).isEqualTo("fax" + commId + ".pdf");
    Path pdf = tmp.resolve("got.pdf");
    Files.write(pdf, pdfPart.data());
    assertThat(data.resolve("recvq/fax" + commId + ".tif")).exists();

    String info = Tools.run(tmp, "pdfinfo", "-f", "1", "-l", "10", pdf.toString());
    assertThat(info).containsPattern("(?m)^Pages:\\s+3$");
    for (int i = 1; i <= 3; i++) {
      assertThat(info)
          .containsPattern("Page\\s+" + i + " size:\\s+609\\.88\\d* x 841\\.9[56]\\d* pts");
    }
    Tools.run(tmp, "tiffcp", "-c", "none", tif.toString(), tmp.resolve("plain.tif").toString());
    List<BilevelPage> reference = FaxTiffReader.read(Files.readAllBytes(tmp.resolve("plain.tif")));
    Tools.run(tmp, "pdfimages", "-png", pdf.toString(), tmp.resolve("img").toString());
    for (int i = 0; i < reference.size(); i++) {
      Tools.assertSamePixels(
          reference.get(i),
          ImageIO.read(tmp.resolve(String.format("img-%03d.png", i)).toFile()),
          "page " + (i + 1));
    }
  }

  @Test
  void wildcardRuleWithBothFormatsAttachesPdfAndTiff() throws Exception {
    Path tif = Tools.fixture(tmp, "fax000000016.tif");
    Tools.Run r =
        Tools.faxgw(
            "faxrcvd", tif.toString(), "--did", "6045551234", "--config", config(RULES).toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    List<Path> mails = Tools.newMail(tmp.resolve("data/mail/sales@example.com"));
    assertThat(mails).hasSize(1);
    StoredMail m = read(mails.get(0));
    assertThat(m.subject()).isEqualTo("Fax received from \"<unknown>\"");
    List<StoredMail.Part> parts = m.parts();
    assertThat(parts)
        .extracting(StoredMail.Part::contentType)
        .satisfiesExactly(
            t -> assertThat(t).startsWith("text/plain"),
            t -> assertThat(t).startsWith("application/pdf"),
            t -> assertThat(t).startsWith("image/tiff"));
    assertThat(parts.get(0).text()).contains("     Data Format: 2-D MR\n");
    assertThat(parts.get(2).data()).isEqualTo(Files.readAllBytes(tif));
  }

  @Test
  void unmatchedDidTakesTheDefaultRouteToFaxMaster() throws Exception {
    Path tif = Tools.fixture(tmp, "fax000000016.tif");
    Tools.Run r =
        Tools.faxgw(
            "faxrcvd", tif.toString(), "--did", "2125550000", "--config", config(RULES).toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(Tools.newMail(tmp.resolve("data/mail/fm@example.com"))).hasSize(1);
  }

  @Test
  void rejectRuleDropsTheFax() throws Exception {
    Path tif = Tools.fixture(tmp, "fax000000016.tif");
    String rules =
        "  inbound:\n    - callerId: \"^\\\\+7\"\n      reject: true\n" + RULES.substring(11);
    Tools.Run r =
        Tools.faxgw(
            "faxrcvd",
            tif.toString(),
            "--did",
            "6045557977",
            "--caller-number",
            "+74951234567",
            "--config",
            config(rules).toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("Rejected by rule 1.");
    assertThat(tmp.resolve("data/mail")).doesNotExist();
  }
}
