package org.faxgw.t30;

import java.util.ArrayList;
import java.util.List;
import org.faxgw.t30.T30Session.State;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.Resolution;

/**
 * The sending side of a {@link T30Session}: DCS and TCF with step-down after FTT (T.30 clause 5,
 * {@link SignalRate} order, skipping what the far end did not offer), non-ECM pages with MPS/EOP
 * and MCF/RTP/RTN, ECM blocks with PPS, PPR and selective retransmission, CTC after the fourth PPR,
 * EOR at the lowest rate, RNR/RR within T5 (T.30 Annex A). Belongs to its session.
 */
final class T30Sender {
  private final T30Session s;
  private final List<BilevelPage> pages;

  private DcsChoice choice;
  private SignalRate rate;
  private boolean trained; // a training at this rate succeeded: V.17 may use the short one
  private int pageIndex;
  private int pageTries;
  private boolean retrainBeforePage;
  private int fttAtBottom;

  // ECM
  private List<List<byte[]>> blocks = List.of();
  private int blockIndex;
  private List<Integer> toSend = List.of();
  private int pprCount;
  private boolean burstSincePpr;
  private boolean sameRateCtcUsed;
  private long rnrSince = -1;
  private T30Frame pps;

  T30Sender(T30Session s, List<BilevelPage> pages) {
    this.s = s;
    this.pages = List.copyOf(pages);
  }

  /** The far end's DIS (or DTC when we are polled): choose and send DCS. */
  void onCapabilities(DisDcsFields dis) {
    if (pages.isEmpty()) {
      s.sendDcn(FaxStatus.OK, "nothing to send");
      return;
    }
    if (!dis.readyToReceive() && s.config.role() == FaxRole.CALLING) {
      s.sendDcn(FaxStatus.INCOMPATIBLE, "DIS says the far end cannot receive");
      return;
    }
    boolean fine = pages.get(0).resolution().yDpi() >= Resolution.FINE.yDpi();
    choice = DisDcsEncoder.choose(dis, s.caps, fine);
    if (choice == null) {
      s.log("REMOTE has nothing in common with us (rates " + DisDcsEncoder.offered(dis) + ")");
      s.sendDcn(FaxStatus.INCOMPATIBLE, "no common signalling rate or page width");
      return;
    }
    rate = choice.rates().get(0);
    s.stopT1();
    s.log("USE " + rate.bitsPerSecond() + " bit/s");
    s.log("USE A4 page width (215 mm)");
    s.log("USE " + HylaFaxLog.vres(choice.fine()));
    s.log("USE " + HylaFaxLog.format(choice.coding()));
    s.log("USE " + choice.minScanLineMs() + " ms/scanline");
    sendDcs();
  }

  /** TSI + DCS, then TCF on the image modem (T.30: TCF, 1.5 s ± 10 % of zeros). */
  private void sendDcs() {
    trained = false;
    s.negotiated(rate, choice.coding(), choice.fine(), choice.ecm(), choice.ecmFrameSize());
    s.log("SEND training at " + HylaFaxLog.modem(rate));
    List<TxItem> p =
        List.of(
            new TxItem.Silence(T30Timers.GAP),
            s.frames(
                s.frame(Fcf.TSI, false, StationId.encode(s.config.localId())),
                s.frame(Fcf.DCS, true, DisDcsEncoder.dcs(choice, rate))),
            new TxItem.Silence(T30Timers.GAP),
            new TxItem.Tcf(rate));
    s.command(p, p, State.AWAIT_CFR); // a lost CFR: DCS and TCF again
  }

  void awaitCfr(T30Input in) {
    if (s.responseWait(in)) {
      return;
    }
    Fcf fcf = in instanceof T30Input.Frame f ? f.frame().fcf() : null;
    if (fcf == Fcf.CFR) {
      s.log("TRAINING succeeded");
      s.event(new FaxEvent.TrainingResult(s.io.now(), rate, true, "CFR"));
      trained = true;
      retrainBeforePage = false;
      startPage();
    } else if (fcf == Fcf.FTT) {
      s.log("TRAINING failed");
      s.event(new FaxEvent.TrainingResult(s.io.now(), rate, false, "FTT"));
      SignalRate lower = choice.below(rate);
      if (lower == null) {
        // the lowest rate we may use: try it again, three FTTs in all
        if (++fttAtBottom >= T30Timers.MAX_COMMAND_TRIES) {
          s.sendDcn(FaxStatus.TRAINING_FAILED, "FTT at " + rate.label());
          return;
        }
      } else {
        rate = lower;
      }
      sendDcs();
    } else if (fcf == Fcf.DIS) {
      s.log("RECV DIS again: DCS not heard");
      s.garbled = true; // the far end is there: this repeat does not count as a silent try
      s.repeatCommand();
    } else {
      s.unexpected(in);
    }
  }

  private BilevelPage currentPage() {
    BilevelPage p = pages.get(pageIndex);
    Resolution res = choice.resolution();
    if (p.resolution().yDpi() < res.yDpi()) {
      // a normal page in a fine call: every row twice (looks the same on paper)
      int stride = p.stride();
      byte[] src = p.rows();
      byte[] out = new byte[2 * src.length];
      for (int y = 0; y < p.height(); y++) {
        System.arraycopy(src, y * stride, out, 2 * y * stride, stride);
        System.arraycopy(src, y * stride, out, (2 * y + 1) * stride, stride);
      }
      return new BilevelPage(p.width(), 2 * p.height(), res, out);
    }
    return PageCoder.atResolution(p, res);
  }

  private Fcf postPageCommand() {
    return pageIndex + 1 >= pages.size() ? Fcf.EOP : Fcf.MPS;
  }

  private void startPage() {
    if (retrainBeforePage) {
      sendDcs();
      return;
    }
    s.phase(FaxPhase.C_MESSAGE);
    BilevelPage page = currentPage();
    if (choice.ecm()) {
      byte[] data = PageCoder.ecm(page, choice.coding());
      blocks = PageCoder.blocks(data, choice.ecmFrameSize());
      blockIndex = 0;
      s.log("SEND begin page " + (pageIndex + 1) + " (" + data.length + " bytes, ECM)");
      sendBlock(newBlock());
      return;
    }
    byte[] data = PageCoder.nonEcm(page, choice.coding(), choice.minScanLineMs(), rate);
    s.log("SEND begin page");
    s.log("SENT " + data.length + " bytes of data");
    s.log("SEND end page");
    Fcf cmd = postPageCommand();
    s.log("SEND send " + HylaFaxLog.describe(cmd));
    TxItem.V21Frames f = s.frames(s.frame(cmd, true, new byte[0]));
    s.command(
        List.of(
            new TxItem.Silence(T30Timers.GAP),
            new TxItem.Image(rate, trained, data),
            new TxItem.Silence(T30Timers.GAP),
            f),
        List.of(new TxItem.Silence(T30Timers.GAP), f),
        State.AWAIT_MCF);
  }

  void awaitMcf(T30Input in) {
    if (s.responseWait(in)) {
      return;
    }
    Fcf fcf = in instanceof T30Input.Frame f ? f.frame().fcf() : null;
    if (fcf == Fcf.MCF || fcf == Fcf.RTP || fcf == Fcf.PIP) {
      s.log("SEND recv " + HylaFaxLog.describe(fcf));
      s.phase(FaxPhase.D_POST_MESSAGE);
      pageConfirmed(fcf == Fcf.RTP);
      if (fcf == Fcf.PIP && !s.isFinished() && s.state != State.SENDING_DCN) {
        s.sendDcn(FaxStatus.PROCEDURE_INTERRUPT, "PIP after page " + s.pages);
      }
    } else if (fcf == Fcf.RTN) {
      s.log("SEND recv " + HylaFaxLog.describe(fcf));
      s.event(new FaxEvent.PageRejected(s.io.now(), s.pages + 1));
      if (++pageTries >= T30Timers.MAX_PAGE_TRIES) {
        s.sendDcn(FaxStatus.PAGE_REJECTED, "page " + (s.pages + 1) + " refused " + pageTries + "x");
        return;
      }
      retrainBeforePage = true;
      sendDcs();
    } else if (fcf == Fcf.PIN) {
      s.sendDcn(FaxStatus.PROCEDURE_INTERRUPT, "PIN after page " + (s.pages + 1));
    } else {
      s.unexpected(in);
    }
  }

  private void pageConfirmed(boolean retrain) {
    s.pages++;
    s.event(new FaxEvent.PageSent(s.io.now(), s.pages, retrain));
    s.log(
        "SEND FAX: page "
            + (pageIndex + 1)
            + " of "
            + pages.size()
            + " sent in "
            + HylaFaxLog.duration(s.io.now()));
    pageIndex++;
    pageTries = 0;
    if (pageIndex >= pages.size()) {
      s.sendDcn(FaxStatus.OK, "");
      return;
    }
    if (retrain) {
      retrainBeforePage = true;
    }
    startPage();
  }

  private List<Integer> allFrames() {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < blocks.get(blockIndex).size(); i++) {
      all.add(i);
    }
    return all;
  }

  /** The frames of a new block, with the PPR rounds counted afresh. */
  private List<Integer> newBlock() {
    pprCount = 0;
    sameRateCtcUsed = false;
    return allFrames();
  }

  private boolean lastBlock() {
    return blockIndex + 1 >= blocks.size();
  }

  /** The PPS (or EOR) FIF: FCF2, page counter, block counter, frames in the block - 1. */
  private byte[] ppsFif() {
    int fcf2 = lastBlock() ? postPageCommand().octet(s.x()) : 0;
    return new byte[] {
      (byte) fcf2,
      (byte) (s.pages & 0xFF),
      (byte) (blockIndex & 0xFF),
      (byte) (blocks.get(blockIndex).size() - 1)
    };
  }

  /** The frames {@code numbers} of the current block, 3 RCP, then PPS on V.21. */
  private void sendBlock(List<Integer> numbers) {
    toSend = numbers;
    List<byte[]> block = blocks.get(blockIndex);
    List<T30Frame> fs = new ArrayList<>(numbers.size() + 3);
    for (int n : numbers) {
      byte[] data = block.get(n);
      byte[] o = new byte[4 + data.length];
      o[0] = (byte) T30Frame.ADDRESS;
      o[1] = (byte) T30Frame.CONTROL;
      o[2] = (byte) Fcf.FCD.code();
      o[3] = (byte) n;
      System.arraycopy(data, 0, o, 4, data.length);
      fs.add(T30Frame.of(o));
    }
    T30Frame rcp =
        T30Frame.of(new byte[] {(byte) T30Frame.ADDRESS, T30Frame.CONTROL, (byte) Fcf.RCP.code()});
    for (int i = 0; i < 3; i++) {
      fs.add(rcp); // T.4 A.3.6.2: three RCP frames end the partial page
    }
    s.log(
        "SEND send block "
            + blockIndex
            + " of page "
            + (s.pages + 1)
            + ": "
            + numbers.size()
            + " frames at "
            + HylaFaxLog.modem(rate));
    burstSincePpr = true;
    pps = s.frame(Fcf.PPS, true, ppsFif());
    TxItem.V21Frames ppsItem = s.frames(pps);
    boolean shortTrain = trained;
    trained = true;
    s.command(
        List.of(
            new TxItem.Silence(T30Timers.GAP),
            new TxItem.ImageFrames(rate, shortTrain, fs),
            new TxItem.Silence(T30Timers.GAP),
            ppsItem),
        List.of(new TxItem.Silence(T30Timers.GAP), ppsItem),
        State.AWAIT_PPS_RESPONSE);
  }

  void awaitPpsResponse(T30Input in) {
    if (s.responseWait(in)) {
      return;
    }
    T30Frame f = in instanceof T30Input.Frame fr ? fr.frame() : null;
    Fcf fcf = f == null ? null : f.fcf();
    if (fcf == Fcf.MCF) {
      s.log("SEND recv " + HylaFaxLog.describe(fcf));
      rnrSince = -1;
      s.phase(FaxPhase.D_POST_MESSAGE);
      if (!lastBlock()) {
        blockIndex++;
        sendBlock(newBlock());
      } else {
        pageConfirmed(false);
      }
    } else if (fcf == Fcf.PPR) {
      rnrSince = -1;
      if (burstSincePpr) {
        pprCount++; // a PPR repeated because the first was lost is not a new round
      }
      burstSincePpr = false;
      List<Integer> asked = frameMap(f.fif(), blocks.get(blockIndex).size());
      s.log("SEND recv PPR (partial page request): " + asked.size() + " frames, PPR " + pprCount);
      if (pprCount >= T30Timers.PPR_LIMIT) {
        continueToCorrect(asked);
      } else {
        sendBlock(asked.isEmpty() ? allFrames() : asked);
      }
    } else if (fcf == Fcf.RNR) {
      s.log("SEND recv " + HylaFaxLog.describe(fcf));
      if (rnrSince < 0) {
        rnrSince = s.io.now();
      }
      if (s.io.now() - rnrSince > T30Timers.T5) {
        s.sendDcn(FaxStatus.RECEIVER_NOT_READY, "RNR for longer than T5");
        return;
      }
      TxItem.V21Frames rr = s.frames(s.frame(Fcf.RR, true, new byte[0]));
      List<TxItem> p = List.of(new TxItem.Silence(T30Timers.GAP), rr);
      s.command(p, p, State.AWAIT_PPS_RESPONSE);
    } else if (fcf == Fcf.PIP || fcf == Fcf.PIN) {
      s.sendDcn(FaxStatus.PROCEDURE_INTERRUPT, fcf + " in ECM");
    } else {
      s.unexpected(in);
    }
  }

  private List<Integer> pendingAfterCtc = List.of();

  /** After the fourth PPR: CTC at the next lower rate, or EOR at the lowest (T.30 Annex A). */
  private void continueToCorrect(List<Integer> asked) {
    pendingAfterCtc = asked.isEmpty() ? allFrames() : asked;
    SignalRate lower = choice.below(rate);
    if (lower == null && !sameRateCtcUsed) {
      // at the lowest rate we may use: one more round at the same rate (CTC may keep the rate)
      sameRateCtcUsed = true;
      lower = rate;
    }
    if (lower == null) {
      s.log("SEND send " + HylaFaxLog.describe(Fcf.EOR));
      TxItem.V21Frames eor = s.frames(s.frame(Fcf.EOR, true, ppsFif()));
      List<TxItem> p = List.of(new TxItem.Silence(T30Timers.GAP), eor);
      s.command(p, p, State.AWAIT_ERR);
      return;
    }
    rate = lower;
    s.log("SEND send CTC (continue to correct) at " + HylaFaxLog.modem(rate));
    TxItem.V21Frames ctc = s.frames(s.frame(Fcf.CTC, true, DisDcsEncoder.ctc(rate)));
    List<TxItem> p = List.of(new TxItem.Silence(T30Timers.GAP), ctc);
    s.command(p, p, State.AWAIT_CTR);
  }

  void awaitCtr(T30Input in) {
    if (s.responseWait(in)) {
      return;
    }
    Fcf fcf = in instanceof T30Input.Frame f ? f.frame().fcf() : null;
    if (fcf == Fcf.CTR) {
      s.log("SEND recv " + HylaFaxLog.describe(fcf));
      s.negotiated(rate, choice.coding(), choice.fine(), true, choice.ecmFrameSize());
      pprCount = 0;
      trained = false; // T.30 Annex A: after CTC the image modem trains long again
      sendBlock(pendingAfterCtc);
    } else {
      s.unexpected(in);
    }
  }

  void awaitErr(T30Input in) {
    if (s.responseWait(in)) {
      return;
    }
    Fcf fcf = in instanceof T30Input.Frame f ? f.frame().fcf() : null;
    if (fcf == Fcf.ERR) {
      s.log("SEND recv " + HylaFaxLog.describe(fcf));
      s.sendDcn(
          FaxStatus.ECM_BLOCK_FAILED,
          "block " + blockIndex + " of page " + (s.pages + 1) + " given up at the lowest rate");
    } else {
      s.unexpected(in);
    }
  }

  /** The frame numbers a PPR asks for (T.30 Annex A: bit i of the 256-bit map = frame i). */
  static List<Integer> frameMap(byte[] fif, int frames) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < frames && (i >>> 3) < fif.length; i++) {
      if ((fif[i >>> 3] & (1 << (i & 7))) != 0) {
        out.add(i);
      }
    }
    return out;
  }
}
