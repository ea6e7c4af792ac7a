package org.faxgw.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxTiffReader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HylaFAX to email, live: HylaFAX's sendfax queues a PostScript page, faxq/faxsend send it through
 * a real iaxmodem that dials faxgw over IAX2 on 127.0.0.1; faxgw answers, receives and mails a PDF
 * into the routed Maildir with the summary naming the pages, signal rate, data format, ECM, TSI and
 * CommID of the call, and a PDF whose page images equal HylaFAX's own rendering of the document
 * pixel for pixel (HylaFAX's tagline and page chopping turned off for the test). The CI sample
 * covers each codec and HylaFAX with and without ECM.
 */
class HylafaxToEmailIT {
  @TempDir Path dir;

  /** The CI sample, or with {@code -Dfaxgw.live.full=true} every codec x modem profile. */
  static Stream<Arguments> matrix() {
    if (Boolean.getBoolean("faxgw.live.full")) {
      List<Arguments> all = new java.util.ArrayList<>();
      for (String codec : List.of("alaw", "ulaw", "slinear")) {
        all.add(Arguments.of(codec, ModemProfile.DEFAULT, 14400, "Yes"));
        all.add(Arguments.of(codec, ModemProfile.LOWRATE, 9600, "No"));
        all.add(Arguments.of(codec, ModemProfile.V27MH, 4800, "No"));
      }
      return all.stream();
    }
    return Stream.of(
        Arguments.of("alaw", ModemProfile.DEFAULT, 14400, "Yes"),
        Arguments.of("ulaw", ModemProfile.LOWRATE, 9600, "No"),
        Arguments.of("slinear", ModemProfile.DEFAULT, 14400, "Yes"));
  }

  @ParameterizedTest(name = "{0} profile={1}")
  @MethodSource("matrix")
  void aHylafaxFaxArrivesAsAMailWithTheRightSummary(
      String codec, ModemProfile profile, int rate, String ecm) throws Exception {
    try (FaxLab lab = FaxLab.create()) {
      int modemPort = LabPorts.freeUdpPort();
      int ourIax = LabPorts.freeUdpPort();
      String yaml =
          """
          smtp: {listen: "127.0.0.1:%d"}
          admin: {listen: "127.0.0.1:%d"}
          iax2:
            listen: "127.0.0.1:%d"
            users:
              - {name: iaxmodem, secret: secret}
          fax:
            localId: "+1 604 555 0100"
            lines:
              - {peer: iaxmodem, direction: receive}
          routing:
            faxmaster: faxmaster@localhost
            inbound:
              - {did: "*", to: [bob@example.com]}
          """
              .formatted(LabPorts.freeTcpPort(), LabPorts.freeTcpPort(), ourIax);
      try (GatewayUnderTest gw = new GatewayUnderTest(dir.resolve("gw"), yaml)) {
        FaxLab.IaxModem modem =
            lab.startModem(
                IaxModemConfig.dialing(modemPort, "127.0.0.1:" + ourIax).withCodec(codec));
        lab.startFaxgetty(modem, profile, "+1.555.555.0101");
        withoutTaglineOrChop(lab, modem);
        lab.startQueue();
        Path doc = dir.resolve("fax1.ps");
        try (var in = getClass().getResourceAsStream("fax1.ps")) {
          Files.copy(in, doc);
        }
        int id = lab.sendfax(modem, "5550002", doc);
        Path box = gw.data().resolve("mail/bob@example.com/new");
        FaxLab.await(
            "the fax mail",
            Duration.ofSeconds(240),
            () -> count(box) > 0 || lab.jobDone(id) && count(box) > 0,
            modem.faxgetty());
        String mail;
        try (Stream<Path> s = Files.list(box)) {
          mail = Files.readString(s.findFirst().orElseThrow());
        }
        assertThat(mail).contains("Subject: Fax received from \"+1.555.555.0101\"");
        assertThat(mail).containsPattern("Pages: 1\\s");
        assertThat(mail).containsPattern("Signal Rate: " + rate + " bit/s");
        assertThat(mail).containsPattern("Error Correct: " + ecm);
        assertThat(mail).containsPattern("Data Format: 2-D (MMR|MR)|1-D MH");
        assertThat(mail).containsPattern("CommID: \\d{9}");
        assertThat(mail).containsPattern("CallID1: 5550100");
        assertThat(mail).contains("application/pdf");
        FaxLab.await("HylaFAX's job done", Duration.ofSeconds(60), () -> lab.jobDone(id), null);
        assertThat(lab.jobFile(id)).contains("state:7"); // HylaFAX's DONE
        thePdfEqualsHylafaxsOwnRendering(lab, id, mail);
      }
    }
  }

  /**
   * No tagline and no page chopping on HylaFAX's side, so that the page on the line is HylaFAX's
   * rendering of the document unchanged: faxsend (started per job, after this) reads the modem's
   * {@code etc/config.<dev>} without {@code TagLineFont} (no font, no tagline) and faxq (started
   * after this) reads {@code PageChop: none} from {@code etc/config}.
   */
  private static void withoutTaglineOrChop(FaxLab lab, FaxLab.IaxModem modem) throws Exception {
    Path dev = lab.spool().resolve("etc/config." + modem.device());
    String conf = Files.readString(dev, StandardCharsets.ISO_8859_1);
    Files.writeString(
        dev,
        conf.lines()
                .filter(l -> !l.startsWith("TagLineFont:"))
                .collect(java.util.stream.Collectors.joining("\n"))
            + "\n",
        StandardCharsets.ISO_8859_1);
    Path q = lab.spool().resolve("etc/config");
    Files.writeString(
        q,
        Files.readString(q, StandardCharsets.ISO_8859_1) + "\nPageChop: none\n",
        StandardCharsets.ISO_8859_1);
  }

  /**
   * The PDF's pages, extracted as stored ({@code pdfimages}), equal HylaFAX's own rendering of the
   * document pixel for pixel (see {@link #hylafaxRendering}). A control shows the comparison sees a
   * single changed pixel.
   */
  private void thePdfEqualsHylafaxsOwnRendering(FaxLab lab, int id, String mail) throws Exception {
    Path tiff = hylafaxRendering(lab, id);
    List<BilevelPage> theirs = FaxTiffReader.read(Files.readAllBytes(tiff));
    List<BilevelPage> ours =
        MailedPdf.pages(MailedPdf.pdfOf(mail), dir.resolve("pdf"), theirs.get(0).resolution());
    assertThat(ours).as("pages in the PDF").hasSameSizeAs(theirs);
    for (int i = 0; i < theirs.size(); i++) {
      BilevelPage t = theirs.get(i);
      BilevelPage o = ours.get(i);
      assertThat(t.blackPixels()).as("HylaFAX's page %d has text", i + 1).isGreaterThan(1000);
      assertThat(new int[] {o.width(), o.height()})
          .as("page %d size (HylaFAX's %s)", i + 1, tiff)
          .containsExactly(t.width(), t.height());
      assertThat(o.rows()).as("page %d, pixel for pixel", i + 1).isEqualTo(t.rows());
      // control: the same page with one pixel changed is told apart
      byte[] changed = t.rows().clone();
      changed[changed.length / 2] ^= 0x10;
      assertThat(o.rows()).isNotEqualTo(changed);
    }
  }

  /**
   * HylaFAX's own rendering of job {@code id}'s document, made as faxq makes it before faxsend
   * sends (faxq removes that TIFF from docq when the job is done): the lab spool's {@code
   * bin/ps2fax} (gs with HylaFAX's device and page settings), run in the spool on the job's
   * document with the job's vertical resolution and page length from its q-file.
   */
  private Path hylafaxRendering(FaxLab lab, int id) throws Exception {
    String q = lab.jobFile(id);
    String vres = field(q, "resolution");
    String length = field(q, "pagelength");
    String doc =
        q.lines()
            .filter(l -> l.startsWith("!postscript:"))
            .map(l -> l.substring(l.lastIndexOf(':') + 1))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no PostScript document in\n" + q));
    assertThat(field(q, "pagewidth")).isIn("209", "210"); // A4: 1728 pels (T.4 Table 1)
    Path out = dir.resolve("hylafax.tif");
    FaxLab.run(
        List.of(
            "sh",
            "-c",
            "cd \"$0\" && exec bin/ps2fax -o \"$1\" -r \"$2\" -w 1728 -l \"$3\" -3 \"$4\"",
            lab.spool().toString(),
            out.toString(),
            vres,
            length,
            doc),
        Duration.ofSeconds(120));
    return out;
  }

  private static String field(String qfile, String name) {
    return qfile
        .lines()
        .filter(l -> l.startsWith(name + ":"))
        .map(l -> l.substring(name.length() + 1).trim())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in\n" + qfile));
  }

  private static long count(Path box) {
    if (!Files.isDirectory(box)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(box)) {
      return s.count();
    } catch (java.io.IOException e) {
      return 0;
    }
  }
}
