package org.faxgw.t30;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.Resolution;
import org.junit.jupiter.api.Test;

class DisDcsEncoderTest {
  static Capabilities caps(boolean ecm, boolean fine, int scanMs, FaxCompression... codings) {
    return new Capabilities(
        EnumSet.allOf(SignalRate.class),
        ecm,
        256,
        EnumSet.of(FaxCompression.MH, codings),
        fine,
        scanMs);
  }

  @Test
  void ourDisDecodesToWhatWeOffer() {
    DisDcsFields d = DisDcsFields.decodeDis(DisDcsEncoder.dis(Capabilities.full(), true, false));
    assertThat(d.readyToReceive()).isTrue();
    assertThat(d.readyToTransmit()).isFalse();
    assertThat(d.modulations())
        .containsExactlyInAnyOrder(Modulation.V27TER, Modulation.V29, Modulation.V17);
    assertThat(d.codings())
        .containsExactlyInAnyOrder(FaxCompression.MH, FaxCompression.MR, FaxCompression.MMR);
    assertThat(d.ecm()).isTrue();
    assertThat(d.fine()).isTrue();
    assertThat(d.widthMm()).isEqualTo(215);
    assertThat(d.minScanTimeMs()).isZero();
    assertThat(DisDcsEncoder.offered(d)).containsExactly(SignalRate.values());
  }

  @Test
  void everyScanLineTimeRoundTrips() {
    for (int ms : new int[] {0, 5, 10, 20, 40}) {
      DisDcsFields d =
          DisDcsFields.decodeDis(
              DisDcsEncoder.dis(caps(false, true, ms, FaxCompression.MR), true, false));
      assertThat(d.minScanTimeMs()).as("%d ms", ms).isEqualTo(ms);
    }
  }

  @Test
  void everyRateRoundTripsThroughDcs() {
    DcsChoice c =
        DisDcsEncoder.choose(
            DisDcsFields.decodeDis(DisDcsEncoder.dis(Capabilities.full(), true, false)),
            Capabilities.full(),
            true);
    for (SignalRate r : SignalRate.values()) {
      DisDcsFields dcs = DisDcsFields.decodeDcs(DisDcsEncoder.dcs(c, r));
      assertThat(DisDcsEncoder.rateOf(dcs)).isEqualTo(r);
      assertThat(dcs.modulation()).isEqualTo(r.modulation());
      assertThat(dcs.bitRate()).isEqualTo(r.bitsPerSecond());
      assertThat(DisDcsEncoder.notOffered(dcs, Capabilities.full())).isNull();
      DisDcsFields ctc =
          DisDcsFields.decodeDcs(
              T30Receiver.withRate(
                  DisDcsEncoder.dcs(c, SignalRate.V17_14400), DisDcsEncoder.ctc(r)));
      assertThat(DisDcsEncoder.rateOf(ctc)).isEqualTo(r);
    }
  }

  @Test
  void mmrOnlyWithEcmFineOnlyIfBothScanTimeFromTheFarEnd() {
    DisDcsFields farNoEcm =
        DisDcsFields.decodeDis(
            DisDcsEncoder.dis(
                caps(false, false, 20, FaxCompression.MR, FaxCompression.MMR), true, false));
    DcsChoice c = DisDcsEncoder.choose(farNoEcm, Capabilities.full(), true);
    assertThat(c.ecm()).isFalse();
    assertThat(c.coding()).isEqualTo(FaxCompression.MR);
    assertThat(c.fine()).isFalse(); // the far end has no 7.7 line/mm
    assertThat(c.minScanLineMs()).isEqualTo(20);
    DisDcsFields dcs = DisDcsFields.decodeDcs(DisDcsEncoder.dcs(c, SignalRate.V29_9600));
    assertThat(dcs.minScanTimeMs()).isEqualTo(20);
    assertThat(dcs.coding()).isEqualTo(FaxCompression.MR);

    DisDcsFields farEcm =
        DisDcsFields.decodeDis(
            DisDcsEncoder.dis(caps(true, true, 20, FaxCompression.MMR), true, false));
    DcsChoice e = DisDcsEncoder.choose(farEcm, Capabilities.full(), true);
    assertThat(e.coding()).isEqualTo(FaxCompression.MMR);
    assertThat(e.fine()).isTrue();
    assertThat(e.minScanLineMs()).isZero(); // ECM: no fill
    DisDcsFields dcsEcm = DisDcsFields.decodeDcs(DisDcsEncoder.dcs(e, SignalRate.V17_14400));
    assertThat(dcsEcm.ecm()).isTrue();
    assertThat(dcsEcm.ecmFrameSize()).isEqualTo(256);
    assertThat(dcsEcm.coding()).isEqualTo(FaxCompression.MMR);
  }

  @Test
  void aDcsForWhatWeDidNotOfferIsNamed() {
    DcsChoice c =
        DisDcsEncoder.choose(
            DisDcsFields.decodeDis(DisDcsEncoder.dis(Capabilities.full(), true, false)),
            Capabilities.full(),
            true);
    DisDcsFields mmr = DisDcsFields.decodeDcs(DisDcsEncoder.dcs(c, SignalRate.V17_14400));
    assertThat(DisDcsEncoder.notOffered(mmr, caps(false, true, 0, FaxCompression.MR)))
        .isEqualTo("MMR");
    assertThat(
            DisDcsEncoder.notOffered(
                mmr, caps(false, true, 0, FaxCompression.MR, FaxCompression.MMR)))
        .isEqualTo("ECM");
    Capabilities v27 =
        new Capabilities(
            EnumSet.of(SignalRate.V27TER_4800),
            true,
            256,
            EnumSet.allOf(FaxCompression.class),
            true,
            0);
    assertThat(DisDcsEncoder.notOffered(mmr, v27)).isEqualTo("V.17 14400 bit/s");
  }

  @Test
  void theMinimumScanLineTimeIsHonouredWithFillBitsAndThePageStillArrivesExact() {
    BilevelPage page = BackToBack.page(31, Resolution.NORMAL, 120);
    byte[] padded = PageCoder.nonEcm(page, FaxCompression.MH, 20, SignalRate.V17_14400);
    byte[] plain = PageCoder.nonEcm(page, FaxCompression.MH, 0, SignalRate.V17_14400);
    // 20 ms at 14400 bit/s: every row at least 288 bits
    assertThat(padded.length * 8L).isGreaterThanOrEqualTo(120L * 288);
    assertThat(padded.length).isGreaterThan(plain.length);
    Capabilities slowReceiver = caps(false, true, 20, FaxCompression.MR);
    Capabilities sender = caps(false, true, 0, FaxCompression.MR);
    BackToBack.Outcome o = BackToBack.run(List.of(page), sender, slowReceiver);
    assertThat(o.sender().status()).as(o.ladder()).isEqualTo(FaxStatus.OK);
    assertThat(o.senderLog()).anyMatch(l -> l.contains("USE 20 ms/scanline"));
    assertThat(o.pagesExact(List.of(page))).isTrue();
  }

  @Test
  void copyQualityFollowsHylafaxDefaults() {
    assertThat(CopyQuality.answer(1000, 0, 0)).isEqualTo(Fcf.MCF);
    assertThat(CopyQuality.answer(1000, 50, 5)).isEqualTo(Fcf.MCF);
    assertThat(CopyQuality.answer(1000, 51, 5)).isEqualTo(Fcf.RTP);
    assertThat(CopyQuality.answer(1000, 10, 6)).isEqualTo(Fcf.RTP);
    assertThat(CopyQuality.answer(1000, 151, 3)).isEqualTo(Fcf.RTN);
    assertThat(CopyQuality.answer(0, 0, 0)).isEqualTo(Fcf.RTN);
  }

  @Test
  void tcfRuleNeedsOneSecondOfZerosAndBridgesLostAudio() {
    TcfChecker good = new TcfChecker(9600);
    for (int i = 0; i < 14400; i++) {
      good.putBit(i == 11000 ? 1 : 0);
    }
    assertThat(good.ok()).isTrue(); // 11000 zeros in a row: more than one second at 9600
    TcfChecker split = new TcfChecker(9600);
    for (int i = 0; i < 14400; i++) {
      split.putBit(i == 7200 ? 1 : 0);
    }
    assertThat(split.ok()).isFalse(); // two runs of 0.75 s
    TcfChecker bridged = new TcfChecker(9600);
    for (int i = 0; i < 14400; i++) {
      if (i == 7000) {
        bridged.lost(160);
      }
      bridged.putBit(i >= 7000 && i < 7100 ? 1 : 0); // garbage from the lost block
    }
    assertThat(bridged.ok()).isTrue();
    assertThat(bridged.describe()).contains("zero-run");
  }
}
