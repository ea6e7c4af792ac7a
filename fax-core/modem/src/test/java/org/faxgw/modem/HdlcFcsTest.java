package org.faxgw.modem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.faxgw.fixtures.RecordedCalls;
import org.faxgw.testkit.HylaFaxSessionLog;
import org.junit.jupiter.api.Test;

class HdlcFcsTest {

  @Test
  void checkValueOfTheStandardTestString() {
    // CRC-16/X.25 (ISO 3309 FCS) of "123456789" is 0x906E
    byte[] s = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(HdlcFcs.fcs(s, 0, s.length)).isEqualTo(0x906E);
  }

  @Test
  void frameWithItsFcsLeavesTheGoodResidue() {
    byte[] f = {(byte) 0xFF, 0x13, (byte) 0x84, 0, 0};
    int fcs = HdlcFcs.fcs(f, 0, 3);
    f[3] = (byte) fcs;
    f[4] = (byte) (fcs >>> 8);
    assertThat(HdlcFcs.check(f, 0, 5)).isTrue();
    f[2] ^= 1;
    assertThat(HdlcFcs.check(f, 0, 5)).isFalse();
  }

  static final String[] SESSION_LOGS = {
    "s-v17-ecm-mmr-alaw-3p--session-c000000020-send.log",
    "s-v17-ecm-mmr-alaw-3p--session-c000000021-recv.log",
    "s-v17-ecm-mmr-slin-1p--session-c000000024-send.log",
    "s-v17-ecm-mmr-slin-1p--session-c000000025-recv.log",
    "s-v17-noecm-mr-alaw-1p--session-c000000026-send.log",
    "s-v17-noecm-mr-alaw-1p--session-c000000027-recv.log",
    "s-v27ter-4800-mr-alaw-1p--session-c000000022-send.log",
    "s-v27ter-4800-mr-alaw-1p--session-c000000023-recv.log",
    "s-v29-7200-mr-ulaw-1p--session-c000000030-send.log",
    "s-v29-7200-mr-ulaw-1p--session-c000000031-recv.log",
  };

  /**
   * A HylaFAX session log of a recorded call (the fixtures module), named {@code <call>--<file>}.
   */
  static byte[] sessionLog(String name) {
    String[] p = name.split("--", 2);
    return RecordedCalls.read(p[0], p[1]);
  }

  /** Frames HylaFAX received, with FCS, as wire octets (the log prints them bit-reversed). */
  static List<byte[]> receivedFramesWithFcs() {
    List<byte[]> frames = new ArrayList<>();
    for (String name : SESSION_LOGS) {
      String text = new String(sessionLog(name), StandardCharsets.ISO_8859_1);
      for (HylaFaxSessionLog.Entry e : HylaFaxSessionLog.parse(text).received()) {
        frames.add(e.octets());
      }
    }
    return frames;
  }

  @Test
  void crcOfEveryFrameReceivedInTheRecordedCallsChecksOut() throws IOException {
    List<byte[]> frames = receivedFramesWithFcs();
    assertThat(frames).hasSizeGreaterThan(40);
    for (byte[] f : frames) {
      int n = f.length - 2;
      int fcs = HdlcFcs.fcs(f, 0, n);
      assertThat(f[n] & 0xFF).isEqualTo(fcs & 0xFF);
      assertThat(f[n + 1] & 0xFF).isEqualTo(fcs >>> 8);
      assertThat(HdlcFcs.check(f, 0, f.length)).isTrue();
      assertThat(f[0] & 0xFF).isEqualTo(0xFF); // T.30 5.3.4: address field
    }
  }

  @Test
  void encoderSendsTheRecordedFramesBitForBitAsTheirFcsSays() throws IOException {
    // our encoder + decoder reproduce each recorded frame and find the same FCS good
    for (byte[] f : receivedFramesWithFcs()) {
      byte[] body = java.util.Arrays.copyOf(f, f.length - 2);
      HdlcEncoder enc = new HdlcEncoder(2);
      enc.sendFrame(body);
      enc.finish();
      List<byte[]> got = new ArrayList<>();
      HdlcDecoder dec = new HdlcDecoder((fr, ok) -> got.add(ok ? fr : null), 1, 512);
      for (int b = enc.getBit(), n = 0; b != BitSource.END && n < 100_000; b = enc.getBit(), n++) {
        dec.putBit(b);
      }
      assertThat(got).hasSize(1);
      assertThat(got.get(0)).isEqualTo(body);
    }
  }
}
