package org.faxgw.t30;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.faxgw.modem.G711;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxTiffReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Observer mode on real calls: the caller's recorded audio (HylaFAX + iaxmodem sending) goes into
 * our answering terminal, which never mutes its receiver (the recording does not wait for us). We
 * must get HylaFAX's received pages pixel for pixel, and the frames we would answer (CFR, MCF, …)
 * must be those HylaFAX answered.
 */
class ObserverModeTest {
  static final Set<Fcf> ANSWERS =
      EnumSet.of(
          Fcf.CFR, Fcf.FTT, Fcf.MCF, Fcf.RTN, Fcf.RTP, Fcf.PPR, Fcf.CTR, Fcf.ERR, Fcf.CRP, Fcf.RNR);

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "s-v17-ecm-mmr-alaw-3p, alaw, fax000000011.tif, session-c000000021-recv.log",
    "s-v17-ecm-mmr-slin-1p, slin, fax000000013.tif, session-c000000025-recv.log",
    "s-v17-noecm-mr-alaw-1p, alaw, fax000000014.tif, session-c000000027-recv.log",
    "s-v27ter-4800-mr-alaw-1p, alaw, fax000000012.tif, session-c000000023-recv.log",
    "s-v29-7200-mr-ulaw-1p, ulaw, fax000000016.tif, session-c000000031-recv.log"
  })
  void ourAnsweringTerminalGetsHylafaxsPagesAndAnswersAsItDid(
      String call, String codec, String tif, String sessionLog) throws IOException {
    short[] audio = decode(resource(call + "/ttyIAX0_to_ttyIAX1." + codec), codec);
    List<BilevelPage> expected = FaxTiffReader.read(resource(call + "/" + tif));
    List<String> hylafaxAnswers =
        answers(new String(resource(call + "/" + sessionLog), StandardCharsets.ISO_8859_1));

    assertThat(hylafaxAnswers).first().isEqualTo("<-- HDLC<3:FF C8 21>"); // CFR
    assertThat(hylafaxAnswers).hasSize(1 + expected.size()); // and one MCF per page

    List<BilevelPage> got = new ArrayList<>();
    List<String> ours = new ArrayList<>();
    List<String> log = new ArrayList<>();
    FaxTerminal t =
        FaxTerminals.standard()
            .receiver(
                new FaxTerminalConfig(
                    FaxRole.CALLED,
                    FaxDirection.RECEIVE,
                    "+1 555 555 0101",
                    Capabilities.full(),
                    true),
                e -> {
                  if (e instanceof FaxEvent.PageReceived p) {
                    got.add(p.page());
                  } else if (e instanceof FaxEvent.FrameSent s
                      && ANSWERS.contains(s.frame().fcf())) {
                    ours.add(HylaFaxLog.sent(s.frame()));
                  }
                },
                (at, line) -> log.add(String.format("%8.2f %s", at / 8000.0, line)));
    short[] out = new short[FaxTerminal.BLOCK];
    for (int off = 0;
        off + FaxTerminal.BLOCK <= audio.length && !t.isFinished();
        off += FaxTerminal.BLOCK) {
      t.receive(audio, off, FaxTerminal.BLOCK);
      t.transmit(out);
    }
    if (!t.isFinished()) {
      t.lineDropped(); // the recording ends: the far end hung up after DCN
    }
    String ladder = String.join("\n", log);
    assertThat(got).as(ladder).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(got.get(i)).as("page %d\n%s", i + 1, ladder).isEqualTo(expected.get(i));
    }
    assertThat(ours).as(ladder).isEqualTo(hylafaxAnswers);
    assertThat(t.result().status()).as(ladder).isEqualTo(FaxStatus.OK);
    assertThat(t.result().pages()).isEqualTo(expected.size());
  }

  /** HylaFAX's answers: its {@code <-- HDLC<...>} lines with a response FCF, as logged. */
  static List<String> answers(String sessionLog) {
    List<String> out = new ArrayList<>();
    for (String line : sessionLog.split("\n")) {
      int i = line.indexOf("<-- HDLC<");
      if (i < 0) {
        continue;
      }
      String frame = line.substring(i).strip();
      String hex = frame.substring(frame.indexOf(':') + 1, frame.length() - 1);
      String[] octets = hex.split(" ");
      int fcf = BitReversal.reverse(Integer.parseInt(octets[2], 16));
      Fcf f = Fcf.of(fcf);
      if (f != null && ANSWERS.contains(f)) {
        out.add(frame);
      }
    }
    return out;
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = ObserverModeTest.class.getResourceAsStream("golden/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  static short[] decode(byte[] raw, String codec) {
    if (codec.equals("slin")) {
      short[] s = new short[raw.length / 2];
      for (int i = 0; i < s.length; i++) {
        s[i] = (short) (((raw[2 * i] & 0xFF) << 8) | (raw[2 * i + 1] & 0xFF));
      }
      return s;
    }
    short[] s = new short[raw.length];
    if (codec.equals("alaw")) {
      G711.decodeAlaw(raw, 0, s, 0, raw.length);
    } else {
      G711.decodeUlaw(raw, 0, s, 0, raw.length);
    }
    return s;
  }
}
