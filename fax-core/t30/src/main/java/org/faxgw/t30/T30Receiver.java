package org.faxgw.t30;

import java.util.ArrayList;
import java.util.List;
import org.faxgw.t30.T30Session.State;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.BitOrder;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.Resolution;
import org.faxgw.t4.T4Decoder;
import org.faxgw.t4.T4FormatException;
import org.faxgw.t4.T4StreamDecoder;

/**
 * The receiving side of a {@link T30Session}: DCS checked against our DIS, TCF judged by {@link
 * TcfChecker}, CFR/FTT; non-ECM pages through the error-tolerant T.4 decoder and answered by {@link
 * CopyQuality}; ECM blocks through {@link EcmReassembler} with PPR, CTC/CTR, EOR/ERR (T.30 Annex
 * A). A command repeated because our answer was lost gets the same answer again and never stores a
 * page twice. Belongs to its session.
 */
final class T30Receiver {
  private final T30Session s;

  private byte[] dcsFif;
  private T30Frame lastDcsFrame;
  private DisDcsFields dcs;
  private SignalRate rate;
  private FaxCompression coding = FaxCompression.MH;
  private Resolution resolution = Resolution.NORMAL;
  private boolean longTrainNext;

  private T4StreamDecoder t4;
  private EcmReassembler ecm;
  private int ecmPagesTaken;
  private long imageSince;

  // the last command answered, and the answer (sent again when the command comes again)
  private T30Frame lastCommand;
  private List<TxItem> lastAnswer = List.of();
  private State lastNext = State.AWAIT_IMAGE;
  private Listen lastListen = Listen.V21;

  // a page answered with RTN: kept (repaired) unless the sender sends it again
  private BilevelPage rtnPage;
  private int rtnBad;
  private int rtnRun;

  private boolean imageSinceAnswer;
  private int blockFrames; // the most frames the current block is known to have
  private int imageWaits;
  private int crps;

  T30Receiver(T30Session s) {
    this.s = s;
  }

  /** Calling receiver (polling): the far end's DIS offers a document; ask for it with DTC. */
  void poll(DisDcsFields dis) {
    if (!dis.readyToTransmit()) {
      s.sendDcn(FaxStatus.INCOMPATIBLE, "nothing to poll: DIS bit 9 clear");
      return;
    }
    s.send(
        List.of(new TxItem.Silence(T30Timers.GAP), s.capabilityFrames(Fcf.CIG, Fcf.DTC)),
        State.AWAIT_DCS,
        Listen.V21,
        T30Timers.T4,
        "T4");
  }

  /** A DCS: check it against our DIS, then listen for TCF. */
  void onDcs(T30Frame frame) {
    byte[] fif = frame.fif();
    DisDcsFields d = DisDcsFields.decodeDcs(fif);
    s.log("RECV recv DCS (command signal)");
    String bad = DisDcsEncoder.notOffered(d, s.caps);
    if (bad != null) {
      s.log("REMOTE wants " + bad + ", which we did not offer");
      s.sendDcn(FaxStatus.DCS_NOT_OFFERED, bad);
      return;
    }
    dcsFif = fif;
    dcs = d;
    lastDcsFrame = frame;
    rate = DisDcsEncoder.rateOf(d);
    coding = d.coding();
    resolution = d.fine() ? Resolution.FINE : Resolution.NORMAL;
    s.log("REMOTE wants " + rate.bitsPerSecond() + " bit/s");
    s.log("REMOTE wants " + HylaFaxLog.vres(d.fine()));
    s.log("REMOTE wants " + HylaFaxLog.format(coding));
    if (d.ecm()) {
      s.log("REMOTE wants T.30 Annex A, " + d.ecmFrameSize() + "-byte ECM");
    }
    s.negotiated(rate, coding, d.fine(), d.ecm(), d.ecmFrameSize());
    s.log("RECV training at " + HylaFaxLog.modem(rate));
    s.state = State.RECEIVING_TCF;
    // the image receiver starts when the DCS's V.21 carrier is gone (see T30Timers.TCF_SWITCH)
    tcfListen = new Listen.Fast(rate, Listen.Purpose.TCF, true);
    s.arm(T30Timers.TCF_SWITCH, "tcf-switch");
  }

  private Listen tcfListen;
  private int untrainedTcfs;

  private void startTcfReceiver() {
    s.io.listen(tcfListen);
    tcfListen = null;
    s.arm(T30Timers.T2, "T2");
  }

  void receivingTcf(T30Input in) {
    if (tcfListen != null
        && (in instanceof T30Input.V21CarrierDown
            || in instanceof T30Input.Timeout t && t.timer().equals("tcf-switch"))) {
      startTcfReceiver();
      return;
    }
    if (in instanceof T30Input.TcfMeasured m) {
      s.log("RECV: " + m.detail());
      s.event(new FaxEvent.TrainingResult(s.io.now(), rate, m.ok(), m.detail()));
      if (m.ok()) {
        untrainedTcfs = 0;
        s.log("TRAINING succeeded");
        s.stopT1();
        longTrainNext = false;
        answer(null, Fcf.CFR, State.AWAIT_IMAGE, imageListen());
      } else if (!m.trained() && ++untrainedTcfs < 2) {
        // the modem did not train at all: once, stay silent and let the sender repeat DCS and
        // TCF after its T4 (a training can fail on where the burst starts), then FTT
        s.log("TRAINING not recognised: waiting for DCS again");
        s.state = State.AWAIT_DCS;
        s.io.listen(Listen.V21);
        s.arm(T30Timers.T4 + T30Timers.T4 / 2, "T4");
      } else {
        untrainedTcfs = 0;
        s.log("TRAINING failed");
        answer(null, Fcf.FTT, State.AWAIT_DCS, Listen.V21);
      }
    } else if (in instanceof T30Input.Frame f && f.frame().fcf() == Fcf.DCS) {
      onDcs(f.frame());
    } else if (in instanceof T30Input.Timeout) {
      // no TCF: the sender repeats DCS after its T4
      s.state = State.AWAIT_DCS;
      s.io.listen(Listen.V21);
      s.arm(T30Timers.T4, "T4");
    } else if (!(in instanceof T30Input.ImageTrained
        || in instanceof T30Input.ImageTrainingFailed
        || in instanceof T30Input.ImageCarrierDown)) {
      s.unexpected(in);
    }
  }

  private Listen imageListen() {
    return new Listen.Fast(
        rate, dcs.ecm() ? Listen.Purpose.ECM : Listen.Purpose.PAGE, longTrainNext);
  }

  /** After CFR or a post-page answer: the image, or a command again. */
  void awaitImage(T30Input in) {
    if (in instanceof T30Input.ImageTrained) {
      s.phase(FaxPhase.C_MESSAGE);
      imageSinceAnswer = true;
      imageWaits = 0;
      imageSince = s.io.now();
      longTrainNext = false;
      s.arm(T30Timers.T2, "image");
      if (dcs.ecm()) {
        if (ecm == null) {
          ecm = new EcmReassembler();
        }
        s.state = State.RECEIVING_BLOCK;
      } else {
        t4 = new T4StreamDecoder(dcs.widthPels(), coding, resolution);
        s.log("RECV: begin page");
        s.state = State.RECEIVING_PAGE;
      }
    } else if (commandRepeat(in, lastListen)) {
      return;
    } else if (in instanceof T30Input.Timeout) {
      if (++imageWaits < T30Timers.MAX_COMMAND_TRIES) {
        s.arm(T30Timers.T2, "T2");
      } else {
        s.sendDcn(FaxStatus.NO_IMAGE_CARRIER, "after " + s.pages + " pages");
      }
    } else if (!command(in)) {
      ignoreImageStatus(in);
    }
  }

  private void ignoreImageStatus(T30Input in) {
    if (!(in instanceof T30Input.ImageTrainingFailed
        || in instanceof T30Input.ImageCarrierDown
        || in instanceof T30Input.V21CarrierDown
        || in instanceof T30Input.TransmitDone
        || in instanceof T30Input.ImageFrame
        || in instanceof T30Input.TcfMeasured)) {
      s.unexpected(in);
    }
  }

  /** Non-ECM image bits (from the front end, in line order). */
  void pageBit(int bit) {
    if (t4 != null && !t4.isPageComplete() && s.state == State.RECEIVING_PAGE) {
      t4.putBit(bit);
      imageActivity();
    }
  }

  /**
   * Image data keep coming: the image watchdog (T2 without a bit or frame, or longer than {@link
   * T30Timers#MAX_IMAGE} in all) is pushed back.
   */
  private void imageActivity() {
    if (s.io.now() - imageSince < T30Timers.MAX_IMAGE) {
      s.arm(T30Timers.T2, "image");
    }
  }

  void receivingPage(T30Input in) {
    if (in instanceof T30Input.ImageCarrierDown || in instanceof T30Input.Timeout) {
      if (!t4.isPageComplete()) {
        t4.endOfData();
      }
      s.log(
          "RECV: "
              + t4.rows()
              + " total lines, "
              + t4.badRows()
              + " bad lines, "
              + t4.longestBadRun()
              + " consecutive bad lines");
      s.log("RECV: end page");
      toPostPage();
    } else {
      ignoreImageStatus(in);
    }
  }

  void receivingBlock(T30Input in) {
    if (in instanceof T30Input.ImageFrame f) {
      if (f.frame().fcf() == Fcf.FCD && f.frame().length() > 3) {
        ecm.fcdFrame(f.frame());
        blockFrames = Math.max(blockFrames, (f.frame().octets()[3] & 0xFF) + 1);
      }
      imageActivity();
    } else if (in instanceof T30Input.ImageCarrierDown || in instanceof T30Input.Timeout) {
      s.log("RECV: " + ecm.framesInBurst() + " ECM frames");
      toPostPage();
    } else {
      ignoreImageStatus(in);
    }
  }

  private void toPostPage() {
    s.phase(FaxPhase.D_POST_MESSAGE);
    crps = 0;
    s.state = State.AWAIT_POST_PAGE;
    s.garbled = false;
    s.io.listen(Listen.V21);
    s.arm(T30Timers.T2, "T2");
  }

  /**
   * A command arrived damaged (bad FCS) and its carrier has dropped: ask for it again with CRP
   * (T.30 5.3.6.1.8), at most three times per wait.
   *
   * @return true when CRP was sent
   */
  private boolean commandRepeat(T30Input in, Listen listen) {
    if (!(in instanceof T30Input.V21CarrierDown)
        || !s.garbled
        || s.transmitting
        || crps >= T30Timers.MAX_COMMAND_TRIES) {
      return false;
    }
    if (s.garbledFcf == Fcf.DCS || s.garbledFcf == Fcf.TSI || s.garbledFcf == Fcf.NSS) {
      // a damaged DCS: TCF follows at once, CRP would be sent over it. After CFR the sender
      // repeats DCS only because our CFR was lost, with the same parameters: take the TCF.
      if (lastDcsFrame != null && s.state == State.AWAIT_IMAGE) {
        s.log("RECV damaged DCS after CFR: taking it as the same DCS again");
        onDcs(lastDcsFrame);
        return true;
      }
      return false;
    }
    crps++;
    State back = s.state;
    s.log("RECV send CRP (command repeat)");
    s.send(
        List.of(new TxItem.Silence(T30Timers.GAP), s.frames(s.frame(Fcf.CRP, true, new byte[0]))),
        back,
        listen,
        T30Timers.T2,
        "T2");
    return true;
  }

  void awaitPostPage(T30Input in) {
    if (command(in) || commandRepeat(in, Listen.V21)) {
      return;
    }
    if (in instanceof T30Input.Timeout) {
      s.sendDcn(FaxStatus.REMOTE_DISCONNECTED, "no post-page command after page " + (s.pages + 1));
    } else {
      ignoreImageStatus(in);
    }
  }

  void awaitDcn(T30Input in) {
    if (in instanceof T30Input.Frame f && f.frame().fcf() == Fcf.DCN) {
      s.log("RECV recv DCN (disconnect)");
      s.finish(FaxStatus.OK, "");
    } else if (in instanceof T30Input.Timeout) {
      s.finish(FaxStatus.OK, "no DCN after EOP");
    } else if (!command(in) && !commandRepeat(in, Listen.V21)) {
      ignoreImageStatus(in);
    }
  }

  /**
   * The commands that may come whenever we wait after the image: a repeat of the last one, DCS
   * (retrain), MPS/EOM/EOP, PPS, EOR, CTC, RR, DCN.
   *
   * @return true when {@code in} was one
   */
  private boolean command(T30Input in) {
    if (!(in instanceof T30Input.Frame fr)) {
      return false;
    }
    T30Frame f = fr.frame();
    Fcf fcf = f.fcf();
    if (isRepeatOfLastCommand(f)) {
      answerAgain();
      return true;
    }
    switch (fcf) {
      case DCS -> onDcs(f);
      case MPS, EOM, EOP, PRI_MPS, PRI_EOM, PRI_EOP -> postPage(f, fcf);
      case PPS -> pps(f);
      case EOR -> eor(f);
      case CTC -> ctc(f);
      case RR -> answerAgain();
      case DCN -> {
        s.log("RECV recv DCN (disconnect)");
        s.finish(FaxStatus.GOT_DCN, "DCN after page " + s.pages);
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * A command is a repeat (its answer was lost) when it equals the last one answered and no image
   * came since: MPS after page 1 and MPS after page 2 are the same frame.
   */
  boolean isRepeatOfLastCommand(T30Frame f) {
    return lastCommand != null && !imageSinceAnswer && f.equals(lastCommand);
  }

  void answerAgain() {
    if (lastAnswer.isEmpty()) {
      return;
    }
    s.log("RECV command repeated: answering again");
    s.send(lastAnswer, lastNext, lastListen, timerFor(lastNext), "T2");
  }

  private static long timerFor(State next) {
    return next == State.AWAIT_DCS ? T30Timers.T4 : T30Timers.T2;
  }

  /** Sends {@code response} (plus DIS after EOM) and remembers it as the answer to {@code cmd}. */
  private void answer(T30Frame cmd, Fcf response, State next, Listen listen) {
    answer(cmd, response, new byte[0], next, listen);
  }

  private void answer(T30Frame cmd, Fcf response, byte[] fif, State next, Listen listen) {
    s.log("RECV send " + HylaFaxLog.describe(response));
    List<TxItem> p = new ArrayList<>();
    p.add(new TxItem.Silence(T30Timers.GAP));
    p.add(s.frames(s.frame(response, true, fif)));
    if (next == State.AWAIT_DCS && cmd != null) {
      // after EOM: back to phase B, DIS again (T.30 5.2, Figure 5-2)
      p.add(new TxItem.Silence(T30Timers.GAP));
      p.add(s.capabilityFrames(Fcf.CSI, Fcf.DIS));
    }
    lastCommand = cmd;
    crps = 0;
    imageSinceAnswer = false;
    lastAnswer = p;
    lastNext = next;
    lastListen = listen;
    s.send(p, next, listen, timerFor(next), next == State.AWAIT_DCS ? "T4" : "T2");
  }

  private State afterPage(Fcf fcf) {
    return switch (fcf) {
      case EOP, PRI_EOP -> State.AWAIT_DCN;
      case EOM, PRI_EOM -> State.AWAIT_DCS;
      default -> State.AWAIT_IMAGE;
    };
  }

  private Listen listenAfter(State next) {
    return next == State.AWAIT_IMAGE ? imageListen() : Listen.V21;
  }

  /** Non-ECM MPS/EOM/EOP: judge the page, keep it, answer MCF, RTP or RTN. */
  private void postPage(T30Frame f, Fcf fcf) {
    s.log("RECV recv " + HylaFaxLog.describe(fcf));
    if (dcs == null || dcs.ecm() || t4 == null) {
      // no page came (or not one we could take): ask for it again
      s.log("RECV: no page received before " + fcf);
      answer(f, Fcf.RTN, State.AWAIT_IMAGE, Listen.V21);
      return;
    }
    BilevelPage page = t4.page();
    int bad = t4.badRows();
    int run = t4.longestBadRun();
    Fcf q = CopyQuality.answer(t4.rows(), bad, run);
    t4 = null;
    rtnPage = null;
    if (q == Fcf.RTN) {
      s.log("RECV: REJECT page quality, " + bad + " bad lines; asking for it again");
      rtnPage = page;
      rtnBad = bad;
      rtnRun = run;
      answer(f, q, State.AWAIT_IMAGE, Listen.V21);
      return;
    }
    store(page, bad, run, q);
    State next = afterPage(fcf);
    answer(f, q, next, q == Fcf.RTP && next == State.AWAIT_IMAGE ? Listen.V21 : listenAfter(next));
  }

  private void store(BilevelPage page, int bad, int run, Fcf q) {
    s.pages++;
    s.badRows += bad;
    s.maxConsecutiveBadRows = Math.max(s.maxConsecutiveBadRows, run);
    s.event(new FaxEvent.PageReceived(s.io.now(), s.pages, page, coding, bad, run, q));
    s.log(
        "RECV FAX: page "
            + s.pages
            + ", "
            + page.height()
            + " lines, "
            + HylaFaxLog.vres(resolution == Resolution.FINE)
            + ", "
            + HylaFaxLog.format(coding)
            + ", "
            + rate.bitsPerSecond()
            + " bit/s"
            + (q == Fcf.MCF ? "" : " (" + q + ")"));
  }

  /** ECM: a PPS closes a burst: MCF when the block is whole, else PPR with the missing frames. */
  private void pps(T30Frame f) {
    if (ecm == null) {
      ecm = new EcmReassembler();
    }
    byte[] fif = believedCount(f.fif());
    EcmReassembler.PpsResult r = ecm.pps(fif);
    s.log("RECV recv PPS-" + r.fcf2() + " page " + r.page() + " block " + r.block());
    if (r.page() < 0) {
      return; // short PPS: wait for the repeat
    }
    if (!r.blockComplete()) {
      byte[] map = new byte[32];
      for (int i : r.missing()) {
        map[i >>> 3] |= (byte) (1 << (i & 7));
      }
      s.log("RECV: " + r.missing().size() + " of " + r.frames() + " frames missing");
      answer(f, Fcf.PPR, map, State.AWAIT_IMAGE, imageListen());
      return;
    }
    blockTaken(f, fif[0] & 0xFF);
  }

  /**
   * The frame count of a PPS or EOR, as we believe it: senders fill it with the frames of the block
   * or of the last burst only, so the largest of the counts seen and the highest frame number
   * received for this block wins (a retransmission burst must not close the block early).
   */
  private byte[] believedCount(byte[] fif) {
    if (fif.length < 4) {
      return fif;
    }
    blockFrames = Math.max(blockFrames, (fif[3] & 0xFF) + 1);
    byte[] out = fif.clone();
    out[3] = (byte) (blockFrames - 1);
    return out;
  }

  private void blockTaken(T30Frame f, int fcf2) {
    blockFrames = 0;
    takeEcmPages();
    Fcf next = (fcf2 & 0xFE) == 0 ? null : Fcf.of(fcf2);
    State state = next == null ? State.AWAIT_IMAGE : afterPage(next);
    answer(f, f.fcf() == Fcf.EOR ? Fcf.ERR : Fcf.MCF, state, listenAfter(state));
  }

  private void takeEcmPages() {
    List<EcmReassembler.Page> done = ecm.pages();
    for (int i = ecmPagesTaken; i < done.size(); i++) {
      EcmReassembler.Page p = done.get(i);
      BilevelPage page;
      try {
        page =
            T4Decoder.decode(p.data(), coding, dcs.widthPels(), -1, resolution, BitOrder.LSB_FIRST);
      } catch (T4FormatException e) {
        s.log("RECV: page " + (s.pages + 1) + " undecodable: " + e.getMessage());
        page = BilevelPage.blank(dcs.widthPels(), 1, resolution);
      }
      store(page, 0, 0, Fcf.MCF);
    }
    ecmPagesTaken = done.size();
  }

  private void eor(T30Frame f) {
    if (ecm == null) {
      ecm = new EcmReassembler();
    }
    s.log("RECV recv " + HylaFaxLog.describe(Fcf.EOR));
    byte[] fif = believedCount(f.fif());
    EcmReassembler.PpsResult r = ecm.endOfRetransmission(fif);
    if (r.page() < 0) {
      return;
    }
    blockTaken(f, fif[0] & 0xFF);
  }

  private void ctc(T30Frame f) {
    s.log("RECV recv " + HylaFaxLog.describe(Fcf.CTC));
    if (dcsFif == null) {
      s.unexpected(new T30Input.Frame(f, true));
      return;
    }
    byte[] merged = withRate(dcsFif, f.fif());
    SignalRate r = DisDcsEncoder.rateOf(DisDcsFields.decodeDcs(merged));
    if (r == null) {
      s.sendDcn(FaxStatus.DCS_NOT_OFFERED, "CTC rate code");
      return;
    }
    dcsFif = merged;
    rate = r;
    longTrainNext = true;
    s.negotiated(rate, coding, dcs.fine(), true, dcs.ecmFrameSize());
    answer(f, Fcf.CTR, State.AWAIT_IMAGE, imageListen());
  }

  /** The DCS {@code dcs} with bits 11-14 (the rate) taken from a CTC FIF (T.30 A.4.3). */
  static byte[] withRate(byte[] dcs, byte[] ctc) {
    byte[] out = java.util.Arrays.copyOf(dcs, Math.max(dcs.length, 2));
    int mask = 0x3C; // bits 11-14: octet 2, masks 1 << 2 .. 1 << 5
    out[1] = (byte) ((out[1] & ~mask) | (ctc.length > 1 ? ctc[1] & mask : 0));
    return out;
  }

  /** The call ends: a page kept after RTN and not sent again is stored, repaired. */
  void flush() {
    if (rtnPage != null) {
      store(rtnPage, rtnBad, rtnRun, Fcf.RTN);
      rtnPage = null;
    }
  }

  long imageSince() {
    return imageSince;
  }
}
