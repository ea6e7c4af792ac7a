package org.faxgw.t30;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.Resolution;
import org.junit.jupiter.api.Test;

/** The expected answer of our terminal to each situation, pinned at the frame level. */
class ScriptedScenarioTest {
  static final byte[] DIS = DisDcsEncoder.dis(Capabilities.full(), true, false);
  static final List<BilevelPage> ONE = List.of(BackToBack.page(1, Resolution.FINE, 100));
  static final List<BilevelPage> TWO =
      List.of(BackToBack.page(1, Resolution.FINE, 100), BackToBack.page(2, Resolution.FINE, 100));

  static Capabilities nonEcm() {
    return new Capabilities(
        EnumSet.allOf(SignalRate.class), false, 256, EnumSet.allOf(FaxCompression.class), true, 0);
  }

  /** A sender that has had DIS, sent DCS + TCF and got CFR: its first page is on the way. */
  static SessionHarness senderInPhaseC(List<BilevelPage> pages, Capabilities caps) {
    SessionHarness h = SessionHarness.sender(pages, caps);
    h.advance(1).frame(Fcf.DIS, DIS).sendOut();
    assertThat(h.sentFcfs()).containsExactly(Fcf.TSI, Fcf.DCS);
    h.frame(Fcf.CFR).sendOut();
    return h;
  }

  @Test
  void lostDisNothingHeardEndsWithNoAnswerAfterT1() {
    SessionHarness h = SessionHarness.sender(ONE, Capabilities.full());
    h.advance(34);
    assertThat(h.session.isFinished()).isFalse();
    h.advance(2);
    assertThat(h.result().status()).isEqualTo(FaxStatus.NO_ANSWER);
    assertThat(h.result().status().text()).isEqualTo("No answer from remote");
  }

  @Test
  void lostDisAfterCedEndsWithDcnAndNoResponse() {
    SessionHarness h = SessionHarness.sender(ONE, Capabilities.full());
    h.input(new T30Input.ToneHeard("CED")).advance(36);
    h.advance(5);
    assertThat(h.sentFcfs()).containsExactly(Fcf.DCN);
    assertThat(h.result().status()).isEqualTo(FaxStatus.NO_RESPONSE);
  }

  @Test
  void lostCfrMakesTheSenderRepeatDcsAndTcf() {
    SessionHarness h = SessionHarness.sender(ONE, Capabilities.full());
    h.advance(1).frame(Fcf.DIS, DIS).sendOut();
    h.advance(3.5); // T4 runs out: DCS + TCF again
    assertThat(h.sentFcfs()).containsExactly(Fcf.TSI, Fcf.DCS, Fcf.TSI, Fcf.DCS);
    assertThat(h.trainings).containsExactly("V17_14400 long TCF", "V17_14400 long TCF");
    h.sendOut().frame(Fcf.CFR).sendOut();
    assertThat(h.bursts).hasSize(1); // the page (ECM) follows
  }

  @Test
  void lostMcfRepeatsOnlyThePostPageCommand() {
    SessionHarness h = senderInPhaseC(TWO, nonEcm());
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.MPS);
    int images = h.trainings.size();
    h.advance(3.5);
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.MPS);
    assertThat(h.trainings).hasSize(images); // no second image
    h.sendOut().frame(Fcf.MCF).sendOut();
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.EOP);
    h.frame(Fcf.MCF).sendOut();
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.DCN);
    h.sendOut();
    assertThat(h.result().status()).isEqualTo(FaxStatus.OK);
    assertThat(h.result().pages()).isEqualTo(2);
  }

  @Test
  void rtnMakesTheSenderRetrainAndSendTheSamePageAgain() {
    SessionHarness h = senderInPhaseC(TWO, nonEcm());
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.MPS);
    h.frame(Fcf.RTN).sendOut();
    assertThat(h.sentFcfs().subList(h.sent.size() - 2, h.sent.size()))
        .containsExactly(Fcf.TSI, Fcf.DCS);
    assertThat(h.trainings.get(h.trainings.size() - 1)).endsWith("long TCF");
    h.frame(Fcf.CFR).sendOut();
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.MPS); // page 1 again, not page 2 (that one is EOP)
    h.frame(Fcf.RTP).sendOut(); // confirmed, but retrain before the next page
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.DCS);
    h.frame(Fcf.CFR).sendOut();
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.EOP);
    h.frame(Fcf.MCF).sendOut().sendOut();
    assertThat(h.result().status()).isEqualTo(FaxStatus.OK);
    assertThat(h.result().pages()).isEqualTo(2);
    assertThat(h.events).filteredOn(e -> e instanceof FaxEvent.PageRejected).hasSize(1);
  }

  @Test
  void threeRtnsForOnePageGiveUp() {
    SessionHarness h = senderInPhaseC(ONE, nonEcm());
    for (int i = 0; i < 3 && !h.session.isFinished(); i++) {
      h.frame(Fcf.RTN).sendOut();
      if (h.lastSentFcf() == Fcf.DCS) {
        h.frame(Fcf.CFR).sendOut();
      }
    }
    h.sendOut();
    assertThat(h.result().status()).isEqualTo(FaxStatus.PAGE_REJECTED);
  }

  @Test
  void commandRepeatedThreeTimesWithoutAnswerEndsWithDcn() {
    SessionHarness h = senderInPhaseC(ONE, nonEcm());
    h.advance(30);
    assertThat(h.sentFcfs().stream().filter(f -> f == Fcf.EOP)).hasSize(3);
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.DCN);
    assertThat(h.result().status()).isEqualTo(FaxStatus.NO_RESPONSE_AFTER_COMMAND);
  }

  @Test
  void commandIsNotRepeatedOverACarrierStillPresent() {
    SessionHarness h = senderInPhaseC(ONE, nonEcm());
    int before = h.sent.size();
    h.busy = true;
    h.advance(4.5);
    assertThat(h.sent).hasSize(before); // T4 ran out, but the line is busy
    h.busy = false;
    h.advance(0.5);
    assertThat(h.sent).hasSize(before + 1);
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.EOP);
  }

  @Test
  void pprOfThreeFramesResendsExactlyThoseFrames() {
    SessionHarness h = senderInPhaseC(ONE, Capabilities.full());
    assertThat(h.lastSent().name()).isEqualTo("PPS-EOP");
    int frames = h.bursts.get(0).size();
    assertThat(frames).isGreaterThan(5);
    byte[] map = new byte[32];
    for (int i : new int[] {1, 3, frames - 1}) {
      map[i >>> 3] |= (byte) (1 << (i & 7));
    }
    h.frame(Fcf.PPR, map).sendOut();
    assertThat(h.bursts.get(1)).containsExactly(1, 3, frames - 1);
    assertThat(h.lastSent().name()).isEqualTo("PPS-EOP");
    h.frame(Fcf.MCF).sendOut().sendOut();
    assertThat(h.result().status()).isEqualTo(FaxStatus.OK);
  }

  @Test
  void fourPprsThenCtcAtALowerRateWithLongTraining() {
    SessionHarness h = senderInPhaseC(ONE, Capabilities.full());
    byte[] map = new byte[32];
    map[0] = 1; // frame 0 again and again
    for (int i = 0; i < 3; i++) {
      h.frame(Fcf.PPR, map).sendOut();
      assertThat(h.lastSent().name()).isEqualTo("PPS-EOP");
    }
    h.frame(Fcf.PPR, map).sendOut(); // the fourth
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.CTC);
    DisDcsFields ctc =
        DisDcsFields.decodeDcs(
            T30Receiver.withRate(
                DisDcsEncoder.dcs(
                    DisDcsEncoder.choose(DisDcsFields.decodeDis(DIS), Capabilities.full(), true),
                    SignalRate.V17_14400),
                h.lastSent().fif()));
    assertThat(DisDcsEncoder.rateOf(ctc)).isEqualTo(SignalRate.V17_12000);
    h.frame(Fcf.CTR).sendOut();
    assertThat(h.bursts.get(h.bursts.size() - 1)).containsExactly(0);
    assertThat(h.trainings.get(h.trainings.size() - 1)).isEqualTo("V17_12000 long");
    h.frame(Fcf.MCF).sendOut().sendOut();
    assertThat(h.result().status()).isEqualTo(FaxStatus.OK);
    assertThat(h.result().rate()).isEqualTo(SignalRate.V17_12000);
  }

  @Test
  void fourPprsAtTheLowestRateGiveUpWithEor() {
    Capabilities only2400 =
        new Capabilities(
            EnumSet.of(SignalRate.V27TER_2400),
            true,
            256,
            EnumSet.allOf(FaxCompression.class),
            true,
            0);
    SessionHarness h = senderInPhaseC(ONE, only2400);
    byte[] map = new byte[32];
    map[0] = 1;
    for (int i = 0; i < 4; i++) {
      h.frame(Fcf.PPR, map).sendOut();
    }
    // no lower rate: one more round at the same rate first
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.CTC);
    h.frame(Fcf.CTR).sendOut();
    assertThat(h.trainings.get(h.trainings.size() - 1)).isEqualTo("V27TER_2400 long");
    for (int i = 0; i < 4; i++) {
      h.frame(Fcf.PPR, map).sendOut();
    }
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.EOR);
    h.frame(Fcf.ERR).sendOut().sendOut();
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.DCN);
    assertThat(h.result().status()).isEqualTo(FaxStatus.ECM_BLOCK_FAILED);
  }

  @Test
  void rnrForTwentySecondsIsAnsweredWithRrUntilMcf() {
    SessionHarness h = senderInPhaseC(ONE, Capabilities.full());
    long start = h.now();
    int rr = 0;
    while (h.now() - start < 20 * 8000) {
      h.frame(Fcf.RNR).sendOut();
      assertThat(h.lastSentFcf()).isEqualTo(Fcf.RR);
      rr++;
      h.advance(1);
    }
    assertThat(rr).isGreaterThan(3);
    h.frame(Fcf.MCF).sendOut().sendOut();
    assertThat(h.result().status()).isEqualTo(FaxStatus.OK);
    assertThat(h.result().pages()).isEqualTo(1);
  }

  @Test
  void rnrBeyondT5EndsWithDcn() {
    SessionHarness h = senderInPhaseC(ONE, Capabilities.full());
    for (int i = 0; i < 40 && !h.session.isFinished(); i++) {
      h.frame(Fcf.RNR).sendOut();
      h.advance(1);
    }
    assertThat(h.result().status()).isEqualTo(FaxStatus.RECEIVER_NOT_READY);
    assertThat(h.sentFcfs()).contains(Fcf.DCN);
  }

  @Test
  void dcnInPlaceOfMcfEndsTheCall() {
    SessionHarness h = senderInPhaseC(TWO, nonEcm());
    h.frame(Fcf.DCN);
    assertThat(h.result().status()).isEqualTo(FaxStatus.GOT_DCN);
    assertThat(h.result().status().text()).isEqualTo("RSPREC error/got DCN");
    assertThat(h.result().pages()).isZero();
  }

  @Test
  void garbageTruncatedAndUnknownFramesAreIgnored() {
    SessionHarness h = senderInPhaseC(ONE, nonEcm());
    int before = h.sent.size();
    h.input(new T30Input.BadFrame());
    h.input(new T30Input.Frame(T30Frame.of(new byte[] {(byte) 0xFF, 0x13, (byte) 0x99}), true));
    h.input(new T30Input.Frame(T30Frame.of(new byte[] {0x12, 0x34, 0x56, 0x78}), true));
    h.input(new T30Input.Frame(T30Frame.of(new byte[] {(byte) 0xFF, 0x13, (byte) 0x8C}), false));
    assertThat(h.sent).hasSize(before);
    h.frame(Fcf.MCF).sendOut().sendOut();
    assertThat(h.result().status()).isEqualTo(FaxStatus.OK);
  }

  @Test
  void ftTAtEveryRateEndsWithTrainingFailed() {
    SessionHarness h = SessionHarness.sender(ONE, nonEcm());
    h.advance(1).frame(Fcf.DIS, DIS).sendOut();
    for (int i = 0; i < 20 && !h.session.isFinished(); i++) {
      h.frame(Fcf.FTT).sendOut();
    }
    assertThat(h.result().status()).isEqualTo(FaxStatus.TRAINING_FAILED);
    assertThat(h.trainings)
        .startsWith(
            "V17_14400 long TCF",
            "V17_12000 long TCF",
            "V17_9600 long TCF",
            "V29_9600 long TCF",
            "V17_7200 long TCF",
            "V29_7200 long TCF",
            "V27TER_4800 long TCF",
            "V27TER_2400 long TCF");
  }

  @Test
  void pipAndPinEndTheCallSafely() {
    SessionHarness h = senderInPhaseC(TWO, nonEcm());
    h.frame(Fcf.PIN).sendOut().sendOut();
    assertThat(h.result().status()).isEqualTo(FaxStatus.PROCEDURE_INTERRUPT);
    SessionHarness p = senderInPhaseC(TWO, nonEcm());
    p.frame(Fcf.PIP).sendOut().sendOut();
    assertThat(p.result().status()).isEqualTo(FaxStatus.PROCEDURE_INTERRUPT);
    assertThat(p.result().pages()).isEqualTo(1);
  }

  @Test
  void peerVanishingMidPageEndsWithRemoteDisconnected() {
    SessionHarness h = senderInPhaseC(ONE, nonEcm());
    h.session.lineDropped();
    assertThat(h.result().status()).isEqualTo(FaxStatus.REMOTE_DISCONNECTED);
  }

  static byte[] dcs(SignalRate rate, boolean ecm, FaxCompression coding) {
    Capabilities c =
        new Capabilities(
            EnumSet.of(rate), ecm, 256, EnumSet.of(FaxCompression.MH, coding), true, 0);
    return DisDcsEncoder.dcs(DisDcsEncoder.choose(DisDcsFields.decodeDis(DIS), c, true), rate);
  }

  /** A receiver that got DCS and a good TCF and answered CFR. */
  static SessionHarness receiverAfterCfr(byte[] dcs) {
    SessionHarness h = SessionHarness.receiver(Capabilities.full());
    h.sendOut(); // CED, CSI, DIS
    assertThat(h.sentFcfs()).containsExactly(Fcf.CSI, Fcf.DIS);
    h.frame(Fcf.DCS, dcs);
    assertThat(h.listens.get(h.listens.size() - 1))
        .isEqualTo(new Listen.Fast(SignalRate.V17_14400, Listen.Purpose.TCF, true));
    h.input(new T30Input.ImageTrained()).input(new T30Input.TcfMeasured(true, "TCF ok"));
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.CFR);
    return h.sendOut();
  }

  @Test
  void dcsAskingForWhatWeDidNotOfferEndsWithDcn() {
    Capabilities noEcm =
        new Capabilities(
            EnumSet.allOf(SignalRate.class), false, 256, EnumSet.of(FaxCompression.MH), false, 0);
    SessionHarness h = SessionHarness.receiver(noEcm);
    h.sendOut().frame(Fcf.DCS, dcs(SignalRate.V17_14400, true, FaxCompression.MMR)).sendOut();
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.DCN);
    assertThat(h.result().status()).isEqualTo(FaxStatus.DCS_NOT_OFFERED);
  }

  @Test
  void badTcfGetsFtt() {
    SessionHarness h = SessionHarness.receiver(Capabilities.full());
    h.sendOut().frame(Fcf.DCS, dcs(SignalRate.V17_14400, false, FaxCompression.MR));
    h.input(new T30Input.ImageTrained()).input(new T30Input.TcfMeasured(false, "TCF bad"));
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.FTT);
  }

  @Test
  void silenceEndsWithNoAnswerAfterT1() {
    SessionHarness h = SessionHarness.receiver(Capabilities.full());
    h.advance(40);
    assertThat(h.result().status()).isEqualTo(FaxStatus.NO_ANSWER);
    // DIS was repeated while waiting, never more often than every T4
    long dis = h.sentFcfs().stream().filter(f -> f == Fcf.DIS).count();
    assertThat(dis).isBetween(5L, 10L);
  }

  @Test
  void repeatedMpsAfterALostMcfNeverStoresThePageTwice() {
    SessionHarness h = receiverAfterCfr(dcs(SignalRate.V17_14400, false, FaxCompression.MR));
    BilevelPage page = BackToBack.page(4, Resolution.FINE, 100);
    byte[] coded = PageCoder.nonEcm(page, FaxCompression.MR, 0, SignalRate.V17_14400);
    h.input(new T30Input.ImageTrained());
    for (int i = 0; i < coded.length * 8; i++) {
      h.session.receiverPart().pageBit((coded[i >>> 3] >>> (i & 7)) & 1);
    }
    h.input(new T30Input.ImageCarrierDown());
    h.frame(Fcf.MPS).sendOut();
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.MCF);
    h.frame(Fcf.MPS).sendOut(); // our MCF was lost: the same MPS again
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.MCF);
    h.frame(Fcf.MPS).sendOut();
    List<FaxEvent> got = h.events.stream().filter(e -> e instanceof FaxEvent.PageReceived).toList();
    assertThat(got).hasSize(1);
    assertThat(((FaxEvent.PageReceived) got.get(0)).page()).isEqualTo(page);
    // the next page's MPS (after an image) is a new command, not a repeat
    h.input(new T30Input.ImageTrained());
    h.input(new T30Input.ImageCarrierDown());
    h.frame(Fcf.MPS).sendOut();
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.RTN); // an empty page: send it again
  }

  @Test
  void ecmBlockWithMissingFramesGetsPprThenMcfAndOnePage() {
    SessionHarness h = receiverAfterCfr(dcs(SignalRate.V17_14400, true, FaxCompression.MMR));
    byte[] data = PageCoder.ecm(BackToBack.page(3, Resolution.FINE, 100), FaxCompression.MMR);
    List<List<byte[]>> blocks = PageCoder.blocks(data, 256);
    List<byte[]> block = blocks.get(0);
    h.input(new T30Input.ImageTrained());
    for (int i = 0; i < block.size(); i++) {
      if (i != 2) {
        h.input(new T30Input.ImageFrame(fcd(i, block.get(i))));
      }
    }
    h.input(new T30Input.ImageCarrierDown());
    byte[] pps = {(byte) Fcf.EOP.octet(true), 0, 0, (byte) (block.size() - 1)};
    h.frame(Fcf.PPS, pps).sendOut();
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.PPR);
    assertThat(T30Sender.frameMap(h.lastSent().fif(), block.size())).containsExactly(2);
    h.input(new T30Input.ImageTrained());
    h.input(new T30Input.ImageFrame(fcd(2, block.get(2))));
    h.input(new T30Input.ImageCarrierDown());
    h.frame(Fcf.PPS, pps).sendOut();
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.MCF);
    h.frame(Fcf.PPS, pps).sendOut(); // MCF lost: the same PPS again
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.MCF);
    h.frame(Fcf.DCN);
    assertThat(h.result().status()).isEqualTo(FaxStatus.OK);
    assertThat(h.events.stream().filter(e -> e instanceof FaxEvent.PageReceived)).hasSize(1);
    FaxEvent.PageReceived p =
        (FaxEvent.PageReceived)
            h.events.stream().filter(e -> e instanceof FaxEvent.PageReceived).findFirst().get();
    assertThat(p.page()).isEqualTo(BackToBack.page(3, Resolution.FINE, 100));
  }

  @Test
  void aPpsCountingOnlyTheRetransmittedFramesDoesNotCloseTheBlockEarly() {
    SessionHarness h = receiverAfterCfr(dcs(SignalRate.V17_14400, true, FaxCompression.MMR));
    byte[] data = PageCoder.ecm(BackToBack.page(5, Resolution.FINE, 100), FaxCompression.MMR);
    List<byte[]> block = PageCoder.blocks(data, 256).get(0);
    int n = block.size();
    h.input(new T30Input.ImageTrained());
    for (int i = 0; i < n; i++) {
      if (i != 0 && i != n - 1) {
        h.input(new T30Input.ImageFrame(fcd(i, block.get(i))));
      }
    }
    h.input(new T30Input.ImageCarrierDown());
    h.frame(Fcf.PPS, new byte[] {(byte) Fcf.EOP.octet(true), 0, 0, (byte) (n - 1)}).sendOut();
    assertThat(T30Sender.frameMap(h.lastSent().fif(), n)).containsExactly(0, n - 1);
    // the sender resends frame 0 only and counts just that burst: frame n-1 is still missing
    h.input(new T30Input.ImageTrained());
    h.input(new T30Input.ImageFrame(fcd(0, block.get(0))));
    h.input(new T30Input.ImageCarrierDown());
    h.frame(Fcf.PPS, new byte[] {(byte) Fcf.EOP.octet(true), 0, 0, 0}).sendOut();
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.PPR);
    assertThat(T30Sender.frameMap(h.lastSent().fif(), n)).containsExactly(n - 1);
  }

  @Test
  void ctcIsAnsweredWithCtrAndTheNewRate() {
    SessionHarness h = receiverAfterCfr(dcs(SignalRate.V17_14400, true, FaxCompression.MMR));
    h.frame(Fcf.CTC, DisDcsEncoder.ctc(SignalRate.V17_9600)).sendOut();
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.CTR);
    assertThat(h.listens.get(h.listens.size() - 1))
        .isEqualTo(new Listen.Fast(SignalRate.V17_9600, Listen.Purpose.ECM, true));
  }

  @Test
  void peerVanishingMidPageEndsWithDcnAndRemoteDisconnected() {
    SessionHarness h = receiverAfterCfr(dcs(SignalRate.V17_14400, false, FaxCompression.MR));
    h.input(new T30Input.ImageTrained());
    h.advance(2);
    h.input(new T30Input.ImageCarrierDown());
    h.advance(10);
    assertThat(h.sentFcfs()).contains(Fcf.DCN);
    assertThat(h.result().status()).isEqualTo(FaxStatus.REMOTE_DISCONNECTED);
  }

  @Test
  void dcnMidPageEndsWithGotDcn() {
    SessionHarness h = receiverAfterCfr(dcs(SignalRate.V17_14400, false, FaxCompression.MR));
    h.input(new T30Input.ImageTrained()).input(new T30Input.ImageCarrierDown());
    h.frame(Fcf.DCN);
    assertThat(h.result().status()).isEqualTo(FaxStatus.GOT_DCN);
  }

  @Test
  void damagedCommandGetsCrp() {
    SessionHarness h = receiverAfterCfr(dcs(SignalRate.V17_14400, false, FaxCompression.MR));
    h.input(new T30Input.ImageTrained()).input(new T30Input.ImageCarrierDown());
    h.input(new T30Input.BadFrame()).input(new T30Input.V21CarrierDown());
    assertThat(h.lastSentFcf()).isEqualTo(Fcf.CRP);
  }

  static T30Frame fcd(int n, byte[] data) {
    byte[] o = new byte[4 + data.length];
    o[0] = (byte) 0xFF;
    o[1] = 0x03;
    o[2] = 0x06;
    o[3] = (byte) n;
    System.arraycopy(data, 0, o, 4, data.length);
    return T30Frame.of(o);
  }
}
