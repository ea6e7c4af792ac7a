package org.faxgw.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.faxgw.gateway.analyze.CallAnalyzer;
import org.faxgw.gateway.analyze.TimelineEvent;
import org.faxgw.iax2.HangupCause;
import org.faxgw.iax2.Iax2Call;
import org.faxgw.iax2.MediaFormat;
import org.faxgw.iax2.transport.Iax2EndpointConfig;
import org.faxgw.iax2.transport.NettyIax2Endpoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * faxgw dials a real iaxmodem whose pty HylaFAX's faxgetty serves: the call is set up with the
 * codec we asked for, HylaFAX answers (CED, then NSF/CSI/DIS on V.21), our V.21 receiver and HDLC
 * decoder find its CSI and DIS in the audio of the live call, octet for octet as HylaFAX's session
 * log says it sent them, and our hangup ends the call on both sides.
 */
class FaxgwCallsIaxmodemIT {
  @ParameterizedTest(name = "{0}")
  @CsvSource({"alaw, ALAW", "ulaw, ULAW", "slinear, SLINEAR"})
  void hylafaxAnswersAndWeDecodeItsCsiAndDis(String codec, MediaFormat format) throws Exception {
    try (FaxLab lab = FaxLab.create()) {
      int modemPort = LabPorts.freeUdpPort();
      // The modem's own codec setting only matters when it dials; as callee it takes our FORMAT.
      FaxLab.IaxModem modem =
          lab.startModem(IaxModemConfig.dialing(modemPort, "127.0.0.1:4569").withCodec(codec));
      lab.startFaxgetty(modem, ModemProfile.DEFAULT, "+1.555.555.0101");
      Iax2EndpointConfig config =
          Iax2EndpointConfig.of(new InetSocketAddress("127.0.0.1", 0))
              .withPeers(
                  List.of(
                      Iax2EndpointConfig.Peer.of(
                              "modem", new InetSocketAddress("127.0.0.1", modemPort))
                          .withCodecs(List.of(format))));
      try (NettyIax2Endpoint faxgw = NettyIax2Endpoint.start(config)) {
        RecordingAudio audio = new RecordingAudio(20, true);
        CallEvents events = new CallEvents();
        Iax2Call call = faxgw.dial("modem", "5550101", audio, events);
        assertThat(events.answered.await(20, TimeUnit.SECONDS))
            .as("answered; lab:\n%s", lab.diagnostics())
            .isTrue();
        assertThat(events.format).isEqualTo(format);
        assertThat(call.format()).isEqualTo(format);
        // HylaFAX: CED ~3 s, then NSF, CSI, DIS by ~6 s. Wait (bounded) for 9 s of audio.
        FaxLab.await(
            "9 s of audio",
            java.time.Duration.ofSeconds(30),
            () -> audio.heard().length >= 9 * 8000 || events.ended.getCount() == 0,
            null);
        assertThat(events.ended.getCount()).as("still up after 9 s").isEqualTo(1);
        call.hangup(HangupCause.NORMAL_CLEARING);
        assertThat(events.ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(events.byRemote).isFalse();

        CallAnalyzer.Result heard =
            CallAnalyzer.analyze(audio.heard(), CallAnalyzer.PageWriter.NONE);
        List<String> names = new ArrayList<>();
        for (TimelineEvent e : heard.events()) {
          if (e instanceof TimelineEvent.Tone t) {
            names.add(t.tone());
          } else if (e instanceof TimelineEvent.Frame f && f.fcsOk()) {
            names.add(f.name());
          }
        }
        assertThat(names).containsSubsequence("CED", "CSI", "DIS");
        // Compare with what HylaFAX says it sent (its receive session log).
        FaxLab.await(
            "HylaFAX's session log",
            java.time.Duration.ofSeconds(10),
            () -> lab.sessionLogs().values().stream().anyMatch(l -> l.contains("HDLC<")),
            null);
        String log = String.join("\n", lab.sessionLogs().values());
        List<String> sent =
            HylafaxSessionLog.sentFrames(log).stream()
                .map(b -> HexFormat.of().formatHex(b))
                .toList();
        List<String> ours =
            heard.events().stream()
                .filter(e -> e instanceof TimelineEvent.Frame f && f.fcsOk())
                .map(e -> (TimelineEvent.Frame) e)
                .filter(f -> f.name().equals("CSI") || f.name().equals("DIS"))
                .map(f -> HexFormat.of().formatHex(f.octets()))
                .toList();
        assertThat(ours).hasSizeGreaterThanOrEqualTo(2);
        assertThat(sent).as("HylaFAX's session log:\n%s", log).containsAll(ours);
        assertThat(faxgw.internalErrors()).isZero();
      }
    }
  }
}
