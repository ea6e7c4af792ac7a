package org.faxgw.t30;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faxgw.t30.T30NotationSupport.frame;
import static org.faxgw.t30.T30NotationSupport.wire;

import org.faxgw.t4.FaxCompression;
import org.junit.jupiter.api.Test;

/**
 * DIS and DCS frames from the recorded calls, decoded and compared with what HylaFAX said it
 * negotiated (session logs "REMOTE best/wants ..." and xferfaxlog's DCS column).
 */
class DisDcsFieldsTest {
  @Test
  void dcsOfTheV17EcmCall() {
    // xferfaxlog "00 44 1F 22"; receiver log: 14400 bit/s, A4, unlimited, 3.85, MMR, ECM 256
    DisDcsFields d = DisDcsFields.decodeDcs(frame("FF C8 C1 00 44 1F 22").fif());
    assertThat(d.command()).isTrue();
    assertThat(d.readyToReceive()).isTrue();
    assertThat(d.modulation()).isEqualTo(Modulation.V17);
    assertThat(d.bitRate()).isEqualTo(14400);
    assertThat(d.widthMm()).isEqualTo(215);
    assertThat(d.widthPels()).isEqualTo(1728);
    assertThat(d.length()).isEqualTo("unlimited");
    assertThat(d.verticalResolution()).isEqualTo("3.85");
    assertThat(d.coding()).isEqualTo(FaxCompression.MMR);
    assertThat(d.ecm()).isTrue();
    assertThat(d.ecmFrameSize()).isEqualTo(256);
    assertThat(d.minScanTimeMs()).isZero();
  }

  @Test
  void dcsOfTheNonEcmCalls() {
    // s-v29-7200-mr-ulaw-1p: "00 71 1E" = V.29 7200, MR
    DisDcsFields v29 = DisDcsFields.decodeDcs(wire("00 71 1E"));
    assertThat(v29.modulation()).isEqualTo(Modulation.V29);
    assertThat(v29.bitRate()).isEqualTo(7200);
    assertThat(v29.coding()).isEqualTo(FaxCompression.MR);
    assertThat(v29.ecm()).isFalse();
    assertThat(v29.length()).isEqualTo("unlimited");
    assertThat(v29.minScanTimeMs()).isZero();
    // s-v27ter-4800-mr-alaw-1p: "00 51 1E" = V.27ter 4800, MR
    DisDcsFields v27 = DisDcsFields.decodeDcs(wire("00 51 1E"));
    assertThat(v27.modulation()).isEqualTo(Modulation.V27TER);
    assertThat(v27.bitRate()).isEqualTo(4800);
    assertThat(v27.coding()).isEqualTo(FaxCompression.MR);
    // E-v27mh (HylaFAX limited to V.27ter and 1-D MH): "00 50 1E" = V.27ter 4800, MH (T.30
    // Table 2 bit 16, two-dimensional coding, clear)
    assertThat(DisDcsFields.decodeDcs(wire("00 50 1E")).coding()).isEqualTo(FaxCompression.MH);
    // B-lowrate "00 61 1E" = V.29 9600
    DisDcsFields b = DisDcsFields.decodeDcs(wire("00 61 1E"));
    assertThat(b.modulation()).isEqualTo(Modulation.V29);
    assertThat(b.bitRate()).isEqualTo(9600);
  }

  @Test
  void disOfHylaFaxReceiver() {
    // sender log: REMOTE best rate 14400, max A3 (303 mm), unlimited, best vres R16 x 15.4,
    // MH, MR, MMR, T.30 Annex A 256-byte ECM, best 0 ms/scanline
    DisDcsFields d = DisDcsFields.decodeDis(frame("FF C8 01 00 77 5F 23 01 FB C1 01 01 18").fif());
    assertThat(d.command()).isFalse();
    assertThat(d.readyToReceive()).isTrue();
    assertThat(d.modulations())
        .containsExactlyInAnyOrder(Modulation.V27TER, Modulation.V29, Modulation.V17);
    assertThat(d.bitRate()).isEqualTo(14400);
    assertThat(d.widthMm()).isEqualTo(303);
    assertThat(d.length()).isEqualTo("unlimited");
    assertThat(d.fine()).isTrue();
    assertThat(d.superfine()).isTrue();
    assertThat(d.r16()).isTrue();
    assertThat(d.codings())
        .containsExactlyInAnyOrder(FaxCompression.MH, FaxCompression.MR, FaxCompression.MMR);
    assertThat(d.ecm()).isTrue();
    assertThat(d.minScanTimeMs()).isZero();
    assertThat(d.setBits()).contains(10, 27, 31, 41, 43);
    // lowrate profile: "01 00 73 5F 01 ..." offers V.27ter and V.29 only
    DisDcsFields low = DisDcsFields.decodeDis(wire("00 73 5F 01 01 FB C1 01 01 18"));
    assertThat(low.modulations()).containsExactlyInAnyOrder(Modulation.V27TER, Modulation.V29);
    assertThat(low.bitRate()).isEqualTo(9600);
    assertThat(low.ecm()).isFalse();
  }

  @Test
  void shortOrEmptyFifDecodesWithoutFailing() {
    DisDcsFields d = DisDcsFields.decodeDcs(new byte[0]);
    assertThat(d.readyToReceive()).isFalse();
    assertThat(d.bitRate()).isEqualTo(2400); // all-zero code = V.27ter 2400
    assertThat(d.describe()).isNotEmpty();
  }
}
