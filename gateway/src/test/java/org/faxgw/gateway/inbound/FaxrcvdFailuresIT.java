package org.faxgw.gateway.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.faxgw.gateway.config.ConfigLoader;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.mail.ScriptedSmtpServer;
import org.faxgw.mail.StoredMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What goes wrong: files that are no fax, a bad rule file, a relay that is down or hangs. Each
 * gives a clear error, nothing is lost, and the process goes on.
 */
class FaxrcvdFailuresIT {
  @TempDir Path tmp;

  private Path config(String extra) throws Exception {
    Path cfg = tmp.resolve("faxgw.yaml");
    Files.writeString(
        cfg,
        "dataDir: "
            + tmp.resolve("data")
            + "\n"
            + extra
            + "routing:\n"
            + "  faxmaster: fm@example.com\n"
            + "  inbound:\n"
            + "    - did: \"6045557977\"\n"
            + "      to: [alice@example.com]\n");
    return cfg;
  }

  private static byte[] jpegTiff() throws Exception {
    BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        img.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 0x80);
      }
    }
    ImageWriter w = ImageIO.getImageWritersByFormatName("tiff").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      w.setOutput(ios);
      ImageWriteParam p = w.getDefaultWriteParam();
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionType("JPEG");
      w.write(null, new IIOImage(img, null, null), p);
    }
    w.dispose();
    return out.toByteArray();
  }

  private void assertRefusedAndFaxMasterTold(byte[] tiff, String name, String why)
      throws Exception {
    Path f = tmp.resolve(name);
    Files.write(f, tiff);
    Tools.Run r =
        Tools.faxgw(
            "faxrcvd", f.toString(), "--did", "6045557977", "--config", config("").toString());
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.err()).contains("faxrcvd: " + f + ": ").contains(why);
    // Nothing lost: the file is kept in recvq and FaxMaster is told; alice gets nothing.
    Path data = tmp.resolve("data");
    try (var s = Files.list(data.resolve("recvq"))) {
      List<Path> kept = s.toList();
      assertThat(kept).hasSize(1);
      assertThat(Files.readAllBytes(kept.get(0))).isEqualTo(tiff);
    }
    assertThat(Tools.newMail(data.resolve("mail/alice@example.com"))).isEmpty();
    List<Path> fm = Tools.newMail(data.resolve("mail/fm@example.com"));
    assertThat(fm).hasSize(1);
    StoredMail m = FaxrcvdIT.read(fm.get(0));
    assertThat(m.subject()).isEqualTo("Fax not received from \"<unknown>\"");
    assertThat(m.bodyText()).contains(why).contains("           Pages: 0");
  }

  @Test
  void colourJpegTiffIsNoFax() throws Exception {
    byte[] tiff = jpegTiff();
    assertThat(ImageIO.read(new java.io.ByteArrayInputStream(tiff))).isNotNull();
    assertRefusedAndFaxMasterTold(tiff, "colour.tif", "not a readable fax TIFF");
  }

  @Test
  void truncatedTiff() throws Exception {
    byte[] whole = Tools.receivedTiff("fax000000011.tif");
    assertRefusedAndFaxMasterTold(
        Arrays.copyOf(whole, 3000), "truncated.tif", "not a readable fax TIFF");
  }

  @Test
  void tiffWithoutPages() throws Exception {
    byte[] empty = {'I', 'I', 42, 0, 0, 0, 0, 0};
    assertRefusedAndFaxMasterTold(empty, "empty.tif", "holds no pages");
  }

  @Test
  void badRegexInTheRuleFileNamesItsLine() throws Exception {
    Path cfg = tmp.resolve("bad.yaml");
    Files.writeString(
        cfg,
        "routing:\n"
            + "  inbound:\n"
            + "    - did: \"6045557977\"\n"
            + "      to: [alice@example.com]\n"
            + "    - callerId: \"^(+1\"\n"
            + "      to: [bob@example.com]\n");
    Path f = Tools.fixture(tmp, "fax000000016.tif");
    Tools.Run r = Tools.faxgw("faxrcvd", f.toString(), "--did", "1", "--config", cfg.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains(cfg + ":5: routing.inbound[1].callerId: bad regular expression \"^(+1\"");
  }

  @Test
  void ruleWithoutRecipientsNamesItsLine() throws Exception {
    Path cfg = tmp.resolve("bad.yaml");
    Files.writeString(
        cfg,
        "routing:\n"
            + "  inbound:\n"
            + "    - did: \"6045557977\"\n"
            + "      to: [alice@example.com]\n"
            + "    - did: \"1234\"\n"
            + "      format: pdf\n");
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> new ConfigLoader(Map.of()).load(cfg)))
        .hasMessageContaining(cfg + ":5: routing.inbound[1]: rule needs 'to' recipients");
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String relay(int port) {
    return "egress:\n"
        + "  relay:\n"
        + "    host: 127.0.0.1\n"
        + "    port: "
        + port
        + "\n"
        + "    starttls: off\n"
        + "    connectTimeout: 1s\n"
        + "    readTimeout: 1s\n";
  }

  @Test
  void hangingRelayKeepsTheMailInTheOutbox() throws Exception {
    List<Socket> held = new ArrayList<>();
    try (ServerSocket hang = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                for (int i = 0; i < 5; i++) {
                  try {
                    held.add(hang.accept()); // accept, never greet
                  } catch (Exception e) {
                    return;
                  }
                }
              });
      t.setDaemon(true);
      t.start();
      Path f = Tools.fixture(tmp, "fax000000016.tif");
      Tools.Run r =
          Tools.faxgw(
              "faxrcvd",
              f.toString(),
              "--did",
              "6045557977",
              "--config",
              config(relay(hang.getLocalPort())).toString());
      assertThat(r.exit()).as(r.out() + r.err()).isZero();
      assertThat(r.out()).contains("1 mail(s) wait in the outbox");
      try (var s = Files.list(tmp.resolve("data/outbox"))) {
        assertThat(s.filter(p -> p.toString().endsWith(".eml")).count()).isEqualTo(1);
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void relayDownForThreeFaxesThenRestartedAndBackDeliversAll() throws Exception {
    int port = freePort();
    Path cfg = config(relay(port));
    Path f = Tools.fixture(tmp, "fax000000011.tif");
    for (int i = 0; i < 3; i++) {
      Tools.Run r =
          Tools.faxgw(
              "faxrcvd",
              f.toString(),
              "--did",
              "6045557977",
              "--tsi",
              "fax " + i,
              "--config",
              cfg.toString());
      assertThat(r.exit()).as(r.out() + r.err()).isZero();
      assertThat(r.out()).contains((i + 1) + " mail(s) wait in the outbox");
    }
    try (ScriptedSmtpServer relay = new ScriptedSmtpServer(port)) {
      FaxgwConfig c = new ConfigLoader(Map.of()).load(cfg);
      Clock later = Clock.fixed(Instant.now().plus(Duration.ofMinutes(2)), ZoneOffset.UTC);
      try (MailEgressService svc =
          MailEgressService.start(c.dataPath(), c.egress(), c.routing(), later, Map.of(), false)) {
        assertThat(svc.mail().pending()).hasSize(3);
        assertThat(svc.deliverNow()).isEqualTo(3);
        assertThat(svc.mail().pending()).isEmpty();
      }
      List<StoredMail> got = new ArrayList<>();
      for (ScriptedSmtpServer.Received r : relay.received()) {
        assertThat(r.recipients()).containsExactly("alice@example.com");
        got.add(StoredMail.parse(r.bytes()));
      }
      assertThat(got)
          .extracting(StoredMail::subject)
          .containsExactlyInAnyOrder(
              "Fax received from \"fax 0\"",
              "Fax received from \"fax 1\"",
              "Fax received from \"fax 2\"");
      for (StoredMail m : got) {
        assertThat(m.parts().get(1).fileName()).matches("fax\\d{9}\\.pdf");
        assertThat(new String(m.parts().get(1).data(), 0, 5)).isEqualTo("%PDF-");
      }
    }
  }

  @Test
  void outboxCommandListsAndFlushesWaitingMail() throws Exception {
    int port = freePort();
    Path cfg = config(relay(port));
    Path f = Tools.fixture(tmp, "fax000000016.tif");
    Tools.Run r =
        Tools.faxgw("faxrcvd", f.toString(), "--did", "6045557977", "--config", cfg.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    Tools.Run list = Tools.faxgw("outbox", "--config", cfg.toString());
    assertThat(list.out()).contains("alice@example.com  attempts 1").contains("1 mail(s) waiting");
    try (ScriptedSmtpServer relay = new ScriptedSmtpServer(port)) {
      Tools.Run flush = Tools.faxgw("outbox", "--flush", "--config", cfg.toString());
      assertThat(flush.exit()).as(flush.out() + flush.err()).isZero();
      assertThat(flush.out()).contains("tried 1 mail(s)").contains("0 mail(s) waiting");
      assertThat(relay.received()).hasSize(1);
    }
  }
}
