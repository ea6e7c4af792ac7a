package org.faxgw.gateway.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import org.faxgw.t30.Fcf;
import org.junit.jupiter.api.Test;

/** The timeline's text for the ECM control frames (T.30 A.4) and odd frames. */
class FrameDetailsTest {
  private static byte[] frame(Fcf fcf, int... fif) {
    byte[] f = new byte[3 + fif.length];
    f[0] = (byte) 0xFF;
    f[1] = 0x13;
    f[2] = (byte) fcf.octet(true);
    for (int i = 0; i < fif.length; i++) {
      f[3 + i] = (byte) fif[i];
    }
    return f;
  }

  @Test
  void pprListsTheFramesToResend() {
    int[] map = new int[32];
    map[0] = 0b0000_0101; // frames 0 and 2
    map[12] = 0b1000_0000; // frame 103
    byte[] ppr = frame(Fcf.PPR, map);
    assertThat(FrameDetails.name(ppr)).isEqualTo("PPR");
    assertThat(FrameDetails.of(ppr)).contains("resend 3 frames [0, 2, 103]");
  }

  @Test
  void ppsEorAndCtcShowTheirCounters() {
    assertThat(FrameDetails.name(frame(Fcf.PPS, 0x00, 1, 2, 255))).isEqualTo("PPS-NULL");
    assertThat(FrameDetails.of(frame(Fcf.PPS, 0x00, 1, 2, 255)))
        .contains("page 1 block 2 frames 256");
    assertThat(FrameDetails.name(frame(Fcf.EOR, 0x4F, 0, 0, 9))).isEqualTo("EOR");
    assertThat(FrameDetails.of(frame(Fcf.EOR, 0x4F, 0, 0, 9))).contains("page 0 block 0 frames 10");
    // CTC with the DCS rate bits for V.17 9600 ("1001": bits 11 and 14)
    assertThat(FrameDetails.of(frame(Fcf.CTC, 0x00, 0x24))).contains("rate V.17 9600 bit/s");
  }

  @Test
  void shortAndUnknownFramesDoNotFail() {
    assertThat(FrameDetails.name(new byte[] {(byte) 0xFF})).isEqualTo("?");
    assertThat(FrameDetails.of(new byte[] {(byte) 0xFF}))
        .containsExactly("too short for a T.30 frame");
    byte[] odd = {0x12, 0x34, 0x00};
    assertThat(FrameDetails.name(odd)).isEqualTo("?0x00");
    assertThat(FrameDetails.of(odd)).anyMatch(s -> s.startsWith("unexpected address/control"));
  }
}
