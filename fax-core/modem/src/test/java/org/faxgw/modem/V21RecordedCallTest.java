package org.faxgw.modem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.faxgw.fixtures.RecordedCalls;
import org.faxgw.testkit.HylaFaxSessionLog;
import org.junit.jupiter.api.Test;

/**
 * Decodes the V.21 frames of a real recorded call (iaxmodem/spandsp on both ends, A-law) and
 * compares them with the frames each HylaFAX logged as sent.
 */
class V21RecordedCallTest {
  private static final String CALL = "s-v17-noecm-mr-alaw-1p";

  static short[] alaw(String name) throws IOException {
    byte[] a = RecordedCalls.read(CALL, "audio/" + name);
    short[] s = new short[a.length];
    G711.decodeAlaw(a, 0, s, 0, a.length);
    return s;
  }

  /** The frames a side logged as sent, converted to wire octet order. */
  static List<String> sentFrames(String log) {
    String text = new String(HdlcFcsTest.sessionLog(log), StandardCharsets.ISO_8859_1);
    return HylaFaxSessionLog.parse(text).sent().stream()
        .map(e -> HexFormat.of().withUpperCase().formatHex(e.octets()))
        .toList();
  }

  record Decoded(List<String> good, int bad, List<ModemEvent> events) {}

  static Decoded decode(short[] audio) {
    List<String> good = new ArrayList<>();
    int[] bad = {0};
    List<ModemEvent> events = new ArrayList<>();
    HdlcDecoder dec =
        new HdlcDecoder(
            (f, ok) -> {
              if (ok) {
                StringBuilder sb = new StringBuilder();
                for (byte b : f) {
                  sb.append(String.format("%02X", b & 0xFF));
                }
                good.add(sb.toString());
              } else {
                bad[0]++;
              }
            });
    V21Receiver rx =
        new V21Receiver(
            V21Config.channel2(),
            dec,
            e -> {
              events.add(e);
              if (e instanceof ModemEvent.CarrierDown) {
                dec.reset();
              }
            });
    for (int i = 0; i < audio.length; i += 160) {
      rx.receive(audio, i, Math.min(160, audio.length - i));
    }
    return new Decoded(good, bad[0], events);
  }

  @Test
  void answererFramesNsfCsiDisCfrMcf() throws IOException {
    Decoded d = decode(alaw("ttyIAX1_to_ttyIAX0.alaw"));
    assertThat(d.good())
        .containsExactlyElementsOf(
            sentFrames("s-v17-noecm-mr-alaw-1p--session-c000000027-recv.log"));
    assertThat(d.bad()).isZero();
  }

  @Test
  void callerFramesTsiDcsEopDcn() throws IOException {
    Decoded d = decode(alaw("ttyIAX0_to_ttyIAX1.alaw"));
    assertThat(d.good())
        .containsExactlyElementsOf(
            sentFrames("s-v17-noecm-mr-alaw-1p--session-c000000026-send.log"));
    assertThat(d.bad()).isZero();
  }

  @Test
  void answererSendsCed() throws IOException {
    List<Tone> heard = new ArrayList<>();
    ToneDetector det = new ToneDetector((tone, sample) -> heard.add(tone));
    short[] a = alaw("ttyIAX1_to_ttyIAX0.alaw");
    det.receive(a, 0, a.length);
    assertThat(heard).containsExactly(Tone.CED);
  }

  @Test
  void callerSendsOneCngBurstBeforeTheAnswer() throws IOException {
    List<Tone> heard = new ArrayList<>();
    ToneDetector det = new ToneDetector((tone, sample) -> heard.add(tone));
    short[] a = alaw("ttyIAX0_to_ttyIAX1.alaw");
    det.receive(a, 0, a.length);
    assertThat(heard).containsExactly(Tone.CNG);
  }
}
