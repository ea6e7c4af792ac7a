package org.faxgw.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HylaFAX to email, live: HylaFAX's sendfax queues a PostScript page, faxq/faxsend send it through
 * a real iaxmodem that dials faxgw over IAX2 on 127.0.0.1; faxgw answers, receives and mails a PDF
 * into the routed Maildir with the summary naming the pages, signal rate, data format, ECM, TSI and
 * CommID of the call. The CI sample covers each codec and HylaFAX with and without ECM.
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
      }
    }
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
