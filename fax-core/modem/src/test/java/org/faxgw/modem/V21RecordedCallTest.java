package org.faxgw.modem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faxgw.fixtures.RecordedCalls;
import org.junit.jupiter.api.Test;

/**
 * Decodes the V.21 frames of a real recorded call (iaxmodem/spandsp on both ends, A-law) and
 * compares them with the frames each HylaFAX logged as sent.
 */
class V21RecordedCallTest {
  private static final String CALL = "s-v17-noecm-mr-alaw-1p";
  private static final Pattern SENT = Pattern.compile("<-- HDLC<(\\d+):([0-9A-F ]+)>");

  static short[] alaw(String name) throws IOException {
    byte[] a = RecordedCalls.read(CALL, "audio/" + name);
    short[] s = new short[a.length];
    G711.decodeAlaw(a, 0, s, 0, a.length);
    return s;
  }

  /** The frames a side logged as sent, converted to wire octet order. */
  static List<String> sentFrames(String log) throws IOException {
    String text = new String(HdlcFcsTest.sessionLog(log), StandardCharsets.ISO_8859_1);
    List<String> frames = new ArrayList<>();
    Matcher m = SENT.matcher(text);
    while (m.find()) {
      StringBuilder sb = new StringBuilder();
      for (String h : m.group(2).trim().split(" ")) {
        sb.append(String.format("%02X", Integer.reverse(Integer.parseInt(h, 16)) >>> 24));
      }
      frames.add(sb.toString());
    }
    return frames;
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
