package org.faxgw.t30;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faxgw.t30.T30NotationSupport.frame;

import org.junit.jupiter.api.Test;

/**
 * FCF names of the frames HylaFAX 6.0.7 logged in the recorded calls (session logs of
 * s-v17-ecm-mmr-slin-1p and s-v29-7200-mr-ulaw-1p), printed there in T.30 bit notation.
 */
class FcfTest {
  @Test
  void namesTheFramesOfARealCall() {
    assertThat(frame("FF C0 04 B5 00 AA").name()).isEqualTo("NSF");
    assertThat(frame("FF C0 02 8C 0C 8C 0C").name()).isEqualTo("CSI");
    assertThat(frame("FF C8 01 00 77 5F 23 01 FB C1 01 01 18").name()).isEqualTo("DIS");
    assertThat(frame("FF C0 C2 0C 0C 8C 0C").name()).isEqualTo("TSI");
    assertThat(frame("FF C8 C1 00 44 1F 22").name()).isEqualTo("DCS");
    assertThat(frame("FF C8 21").name()).isEqualTo("CFR");
    assertThat(frame("FF C8 FD F4 00 00 7A").name()).isEqualTo("PPS-EOP");
    assertThat(frame("FF C8 31").name()).isEqualTo("MCF");
    assertThat(frame("FF C8 DF").name()).isEqualTo("DCN");
    assertThat(frame("FF C8 F4").name()).isEqualTo("EOP");
  }

  @Test
  void headerAndXBit() {
    T30Frame dcs = frame("FF C8 C1 00 44 1F 22");
    assertThat(dcs.hasValidHeader()).isTrue();
    assertThat(dcs.isFinal()).isTrue();
    assertThat(dcs.xBit()).isTrue(); // sent by the caller, which received DIS
    assertThat(dcs.fcf()).isEqualTo(Fcf.DCS);
    assertThat(frame("FF C0 C2 0C").isFinal()).isFalse();
    assertThat(frame("FF C8 21").xBit()).isFalse(); // CFR from the answering side
    assertThat(frame("FF C8 01 00").xBit()).isFalse(); // DIS has no X bit
  }

  @Test
  void everyFcfRoundTripsAndCodesAreDistinct() {
    for (Fcf f : Fcf.values()) {
      assertThat(Fcf.of(f.octet(false))).isEqualTo(f);
      assertThat(Fcf.of(f.octet(true))).isEqualTo(f);
    }
    // T.4 A.3.6.1 / spandsp t30_fcf.h: FCD 0x06 and RCP 0x86 as received
    assertThat(Fcf.of(0x06)).isEqualTo(Fcf.FCD);
    assertThat(Fcf.of(0x86)).isEqualTo(Fcf.RCP);
    assertThat(Fcf.of(0x00)).isNull();
    assertThat(Fcf.fcf2Name(0x00)).isEqualTo("NULL");
    assertThat(Fcf.fcf2Name(0x4F)).isEqualTo("MPS");
  }
}
