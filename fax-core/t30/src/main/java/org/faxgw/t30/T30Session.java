package org.faxgw.t30;

import java.util.ArrayList;
import java.util.List;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.Resolution;

/**
 * The T.30 session (T.30 clause 5, phases A to E, and Annex A for ECM) of one terminal, calling or
 * called, sending or receiving. It sees the line only as {@link T30Input}s (frames, carrier and
 * training reports, timer ticks) and acts through {@link T30Io} (programs to transmit, what to
 * listen for): the modems live in the front end ({@link T30Terminal}), so tests can drive the
 * session frame by frame.
 *
 * <p>One handler method per {@link State}; everything a state does not expect goes through {@link
 * #unexpected}. The sending procedure is in {@link T30Sender}, the receiving one in {@link
 * T30Receiver}; this class holds what both share (timers, command repeat, frames, the result).
 *
 * <p>Belongs to the one thread that drives its terminal.
 */
final class T30Session {

  /** The states of the session, after the signals T.30 waits for or sends in each. */
  enum State {
    /** Calling terminal: CNG, waiting for DIS (T1). */
    AWAIT_DIS,
    /** Sender: DCS + TCF sent, waiting for CFR or FTT (T4). */
    AWAIT_CFR,
    /** Sender, non-ECM: the page and MPS/EOM/EOP sent, waiting for MCF, RTP or RTN (T4). */
    AWAIT_MCF,
    /** Sender, ECM: a block and PPS (or RR) sent, waiting for MCF, PPR or RNR (T4). */
    AWAIT_PPS_RESPONSE,
    /** Sender, ECM: CTC sent, waiting for CTR (T4). */
    AWAIT_CTR,
    /** Sender, ECM: EOR sent, waiting for ERR (T4). */
    AWAIT_ERR,
    /** Receiver (or polled sender): DIS sent, waiting for DCS (or DTC) (T4 repeat, T1). */
    AWAIT_DCS,
    /** Receiver: DCS accepted, the TCF on the image modem. */
    RECEIVING_TCF,
    /** Receiver: CFR or a post-page response sent, waiting for the image (or a command) (T2). */
    AWAIT_IMAGE,
    /** Receiver, non-ECM: the page is coming in. */
    RECEIVING_PAGE,
    /** Receiver, ECM: the frames of a block are coming in. */
    RECEIVING_BLOCK,
    /** Receiver: the image carrier ended, waiting for MPS/EOM/EOP, PPS, EOR or CTC (T2). */
    AWAIT_POST_PAGE,
    /** Receiver: EOP answered, waiting for DCN (T2). */
    AWAIT_DCN,
    /** DCN being sent; the call ends when it has left. */
    SENDING_DCN,
    /** The call is over. */
    FINISHED
  }

  final FaxTerminalConfig config;
  final Capabilities caps;
  final T30Io io;
  private final FaxTerminalListener listener;
  private final SessionLogSink log;
  private final T30Sender sender;
  private final T30Receiver receiver;

  State state;
  private FaxPhase phase;

  // timers: one per state, T1 over phase B, armed after the program being sent when asked
  private long deadline = -1;
  private String timerName = "";
  private long pendingTimer = -1;
  private String pendingTimerName = "";
  private long t1Deadline = -1;
  boolean transmitting;

  // command repeat (T.30 5.4.3.3)
  private List<TxItem> repeatProgram = List.of();
  private State repeatState;
  private int tries;
  private int repeats;
  private boolean responseHeard;
  private int busyWaits;
  boolean garbled;

  /** The FCF of the last damaged frame, as far as it could be read (may be wrong, or null). */
  Fcf garbledFcf;

  // what is known of the call
  boolean disReceived;
  boolean heardFax;
  String remoteId = "";
  SignalRate rate;
  FaxCompression dataFormat;
  Resolution resolution;
  boolean ecm;
  int pages;
  int badRows;
  int maxConsecutiveBadRows;
  private FaxStatus finalStatus = FaxStatus.OK;
  private String finalDetail = "";
  private FaxResult result;

  T30Session(
      FaxTerminalConfig config,
      List<BilevelPage> pages,
      T30Io io,
      FaxTerminalListener listener,
      SessionLogSink log) {
    this.config = config;
    this.caps = config.capabilities();
    this.io = io;
    this.listener = listener;
    this.log = log;
    this.sender = config.direction() == FaxDirection.SEND ? new T30Sender(this, pages) : null;
    this.receiver = config.direction() == FaxDirection.RECEIVE ? new T30Receiver(this) : null;
  }

  /** Starts phase A: CNG for the calling terminal, CED and DIS for the called one. */
  void start() {
    phase(FaxPhase.A_CALL_SETUP);
    t1Deadline = io.now() + T30Timers.T1;
    if (config.role() == FaxRole.CALLING) {
      log(config.direction() == FaxDirection.SEND ? "SEND FAX: begin" : "RECV FAX: begin (poll)");
      state = State.AWAIT_DIS;
      io.transmit(List.of(new TxItem.Cng()));
      io.listen(Listen.V21);
    } else {
      log(
          config.direction() == FaxDirection.RECEIVE
              ? "RECV FAX: begin"
              : "SEND FAX: begin (poll)");
      List<TxItem> p = new ArrayList<>();
      p.add(new TxItem.Silence(T30Timers.BEFORE_CED));
      p.add(new TxItem.Ced());
      p.add(new TxItem.Silence(T30Timers.GAP));
      p.add(capabilityFrames(Fcf.CSI, Fcf.DIS));
      send(p, State.AWAIT_DCS, Listen.V21, T30Timers.T4, "T4");
    }
  }

  /** The receiving procedure (null for a sender): the front end hands it the page bits. */
  T30Receiver receiverPart() {
    return receiver;
  }

  boolean isFinished() {
    return state == State.FINISHED;
  }

  FaxResult result() {
    return result;
  }

  /** Everything the front end reports comes in here. */
  void on(T30Input in) {
    if (state == State.FINISHED) {
      return;
    }
    if (in instanceof T30Input.Tick) {
      tick();
      return;
    } else if (in instanceof T30Input.TransmitDone) {
      transmitting = false;
      if (pendingTimer >= 0) {
        arm(pendingTimer, pendingTimerName);
        pendingTimer = -1;
      }
    } else if (in instanceof T30Input.Frame f) {
      if (!frameIn(f)) {
        return;
      }
    } else if (in instanceof T30Input.BadFrame) {
      garbled = true;
    } else if (in instanceof T30Input.FlagsSeen) {
      heardFax = true;
    } else if (in instanceof T30Input.ToneHeard t) {
      heardFax = true;
      log("RECV " + t.tone() + " tone");
      return;
    }
    dispatch(in);
  }

  private void dispatch(T30Input in) {
    switch (state) {
      case AWAIT_DIS -> awaitDis(in);
      case AWAIT_CFR -> sender.awaitCfr(in);
      case AWAIT_MCF -> sender.awaitMcf(in);
      case AWAIT_PPS_RESPONSE -> sender.awaitPpsResponse(in);
      case AWAIT_CTR -> sender.awaitCtr(in);
      case AWAIT_ERR -> sender.awaitErr(in);
      case AWAIT_DCS -> awaitDcs(in);
      case RECEIVING_TCF -> receiver.receivingTcf(in);
      case AWAIT_IMAGE -> receiver.awaitImage(in);
      case RECEIVING_PAGE -> receiver.receivingPage(in);
      case RECEIVING_BLOCK -> receiver.receivingBlock(in);
      case AWAIT_POST_PAGE -> receiver.awaitPostPage(in);
      case AWAIT_DCN -> receiver.awaitDcn(in);
      case SENDING_DCN -> sendingDcn(in);
      case FINISHED -> {}
    }
  }

  /** Logs a frame, takes identification frames; returns true when a state should see it. */
  private boolean frameIn(T30Input.Frame f) {
    T30Frame frame = f.frame();
    heardFax = true;
    log(HylaFaxLog.received(frame.octets()) + (f.fcsOk() ? "" : " (bad FCS)"));
    listener.onEvent(new FaxEvent.FrameReceived(io.now(), frame, f.fcsOk()));
    if (!f.fcsOk() || !frame.hasValidHeader()) {
      garbled = true;
      garbledFcf = frame.fcf();
      return false;
    }
    Fcf fcf = frame.fcf();
    if (fcf == null) {
      log("RECV unknown frame " + frame.name() + " ignored");
      return false;
    }
    switch (fcf) {
      case CSI, TSI, CIG -> {
        remoteId = StationId.decode(frame.fif());
        log("REMOTE " + fcf + " \"" + remoteId + "\"");
        return false;
      }
      case NSF, NSS, NSC -> {
        log("REMOTE " + fcf + " \"" + HylaFaxLog.octets(frame.fif()) + "\" (ignored)");
        return false;
      }
      case SUB, SID, PWD, SEP, PSA, CIA, ISP, TSA, IRA, CSA -> {
        log("REMOTE " + fcf + " ignored");
        return false;
      }
      default -> {
        return true;
      }
    }
  }

  private void tick() {
    long now = io.now();
    if (t1Deadline >= 0 && now >= t1Deadline) {
      t1Deadline = -1;
      dispatch(new T30Input.Timeout("T1"));
      if (state == State.FINISHED) {
        return;
      }
    }
    if (deadline >= 0 && now >= deadline) {
      deadline = -1;
      dispatch(new T30Input.Timeout(timerName));
    }
  }

  /** Calling terminal: CNG out, DIS expected. */
  private void awaitDis(T30Input in) {
    if (in instanceof T30Input.Frame f && f.frame().fcf() == Fcf.DIS) {
      phase(FaxPhase.B_PRE_MESSAGE);
      disReceived = true;
      DisDcsFields dis = DisDcsFields.decodeDis(f.frame().fif());
      logCapabilities(dis);
      if (sender != null) {
        sender.onCapabilities(dis);
      } else {
        receiver.poll(dis);
      }
    } else if (in instanceof T30Input.Timeout t && t.timer().equals("T1")) {
      if (heardFax) {
        sendDcn(FaxStatus.NO_RESPONSE, "no DIS within T1");
      } else {
        finish(FaxStatus.NO_ANSWER, "no fax tone or frame within T1");
      }
    } else {
      unexpected(in);
    }
  }

  /** Called terminal: DIS out, DCS (receiver) or DTC (polled sender) expected. */
  private void awaitDcs(T30Input in) {
    Fcf fcf = in instanceof T30Input.Frame f ? f.frame().fcf() : null;
    if (fcf == Fcf.DCS && receiver != null) {
      phase(FaxPhase.B_PRE_MESSAGE);
      receiver.onDcs(((T30Input.Frame) in).frame());
    } else if (fcf == Fcf.DTC && sender != null) {
      phase(FaxPhase.B_PRE_MESSAGE);
      DisDcsFields dtc = DisDcsFields.decodeDis(((T30Input.Frame) in).frame().fif());
      logCapabilities(dtc);
      sender.onCapabilities(dtc);
    } else if (fcf != null
        && receiver != null
        && receiver.isRepeatOfLastCommand(((T30Input.Frame) in).frame())) {
      receiver.answerAgain();
    } else if (in instanceof T30Input.Timeout t && t.timer().equals("T1")) {
      if (heardFax) {
        sendDcn(FaxStatus.NO_RESPONSE, "no DCS within T1");
      } else {
        finish(FaxStatus.NO_ANSWER, "no fax tone or frame within T1");
      }
    } else if (in instanceof T30Input.Timeout t) {
      if (io.lineBusy() && busyWaits++ < T30Timers.T2 / T30Timers.DROPPED) {
        arm(T30Timers.DROPPED, t.timer()); // never over a carrier still present
      } else {
        busyWaits = 0;
        if (t1Deadline < 0) {
          t1Deadline = io.now() + T30Timers.T1; // back in phase B (after FTT or EOM)
        }
        // T.30 phase B: DIS is repeated until a command comes or T1 runs out
        send(
            List.of(new TxItem.Silence(T30Timers.GAP), capabilityFrames(Fcf.CSI, Fcf.DIS)),
            State.AWAIT_DCS,
            Listen.V21,
            T30Timers.T4,
            "T4");
      }
    } else {
      unexpected(in);
    }
  }

  private void sendingDcn(T30Input in) {
    if (in instanceof T30Input.TransmitDone) {
      finish(finalStatus, finalDetail);
    } else if (in instanceof T30Input.Timeout) {
      finish(finalStatus, finalDetail); // the front end never finished sending: do not hang
    }
  }

  /** The one path for what a state does not expect. */
  void unexpected(T30Input in) {
    if (in instanceof T30Input.Frame f) {
      Fcf fcf = f.frame().fcf();
      if (fcf == Fcf.DCN) {
        log("RECV recv DCN (disconnect)");
        finish(FaxStatus.GOT_DCN, "DCN in " + state);
      } else {
        log("RECV " + f.frame().name() + " unexpected in " + state + ", ignored");
      }
    } else if (in instanceof T30Input.Timeout t) {
      sendDcn(FaxStatus.NO_RESPONSE_AFTER_COMMAND, t.timer() + " ran out in " + state);
    }
  }

  /** Our DIS/DTC frames with the identification before it. */
  TxItem.V21Frames capabilityFrames(Fcf id, Fcf cap) {
    boolean rx = config.direction() == FaxDirection.RECEIVE;
    return frames(
        frame(id, false, StationId.encode(config.localId())),
        frame(cap, true, DisDcsEncoder.dis(caps, rx, !rx)));
  }

  /** A frame to send: address, control (final or not), the FCF with our X bit, the FIF. */
  T30Frame frame(Fcf fcf, boolean last, byte[] fif) {
    byte[] o = new byte[3 + fif.length];
    o[0] = (byte) T30Frame.ADDRESS;
    o[1] = (byte) (last ? T30Frame.CONTROL_FINAL : T30Frame.CONTROL);
    o[2] = (byte) fcf.octet(x());
    System.arraycopy(fif, 0, o, 3, fif.length);
    return T30Frame.of(o);
  }

  /** T.30 5.3.6.1: the X bit is 1 in frames from the terminal that received a valid DIS. */
  boolean x() {
    return disReceived;
  }

  /** V.21 frames to send; logs them and reports each as sent. */
  TxItem.V21Frames frames(T30Frame... fs) {
    for (T30Frame f : fs) {
      log(HylaFaxLog.sent(f));
      listener.onEvent(new FaxEvent.FrameSent(io.now(), f));
    }
    return new TxItem.V21Frames(List.of(fs));
  }

  /** Sends {@code program}; enters {@code next}; {@code timer} starts when the program has left. */
  void send(List<TxItem> program, State next, Listen listen, long timer, String name) {
    state = next;
    transmitting = true;
    garbled = false;
    garbledFcf = null;
    deadline = -1;
    pendingTimer = timer;
    pendingTimerName = name;
    io.transmit(program);
    io.listen(listen);
  }

  /** Sends a command that is repeated (up to three tries) when no response comes within T4. */
  void command(List<TxItem> program, List<TxItem> repeat, State next) {
    repeatProgram = repeat;
    repeatState = next;
    tries = 1;
    repeats = 0;
    busyWaits = 0;
    send(program, next, Listen.V21, T30Timers.T4, "T4");
  }

  /**
   * The common part of waiting for a response: T4 (repeat the command, but never over a carrier
   * still present), a carrier that dropped after a damaged frame (repeat after 200 ms), CRP
   * (repeat), DCN.
   *
   * @return true when {@code in} was handled
   */
  boolean responseWait(T30Input in) {
    Fcf fcf = in instanceof T30Input.Frame f ? f.frame().fcf() : null;
    if (in instanceof T30Input.Timeout t) {
      if (io.lineBusy() && busyWaits++ < T30Timers.T2 / T30Timers.DROPPED) {
        arm(T30Timers.DROPPED, t.timer());
      } else {
        repeatCommand();
      }
      return true;
    }
    if (in instanceof T30Input.V21CarrierDown) {
      if (garbled && !transmitting) {
        arm(T30Timers.DROPPED, "T4-dropped");
      }
      return true;
    }
    if (fcf == Fcf.CRP) {
      log("RECV recv CRP (command repeat)");
      garbled = true;
      repeatCommand();
      return true;
    }
    if (fcf == Fcf.DCN) {
      log("RECV recv DCN (disconnect)");
      finish(FaxStatus.GOT_DCN, "DCN in place of a response in " + state);
      return true;
    }
    return false;
  }

  void repeatCommand() {
    busyWaits = 0;
    boolean heard = garbled;
    if (++repeats > T30Timers.MAX_REPEATS || (!heard && tries >= T30Timers.MAX_COMMAND_TRIES)) {
      sendDcn(FaxStatus.NO_RESPONSE_AFTER_COMMAND, "in " + state);
      return;
    }
    if (!heard) {
      tries++;
    }
    log("SEND repeat command (try " + tries + (heard ? ", damaged response heard" : "") + ")");
    for (TxItem i : repeatProgram) {
      if (i instanceof TxItem.V21Frames v) {
        v.frames().forEach(f -> log(HylaFaxLog.sent(f)));
      }
    }
    send(repeatProgram, repeatState, Listen.V21, T30Timers.T4, "T4");
  }

  /** Ends the call with DCN (phase E) and then {@code status}. */
  void sendDcn(FaxStatus status, String detail) {
    phase(FaxPhase.E_RELEASE);
    finalStatus = status;
    finalDetail = detail;
    if (!status.success()) {
      log("Error: " + status.text() + (detail.isEmpty() ? "" : " (" + detail + ")"));
    }
    t1Deadline = -1;
    send(
        List.of(
            new TxItem.Silence(T30Timers.GAP),
            frames(frame(Fcf.DCN, true, new byte[0])),
            new TxItem.Silence(T30Timers.AFTER_DCN)),
        State.SENDING_DCN,
        Listen.NOTHING,
        T30Timers.T4,
        "DCN");
    arm(T30Timers.T2 * 2, "DCN"); // bound even if the program never completes
  }

  void arm(long samples, String name) {
    deadline = io.now() + samples;
    timerName = name;
  }

  void stopT1() {
    t1Deadline = -1;
  }

  /** The local side ends the call. */
  void abort(boolean immediately) {
    if (state == State.FINISHED) {
      return;
    }
    if (immediately || state == State.SENDING_DCN) {
      finish(FaxStatus.LOCAL_HANGUP, "");
    } else {
      sendDcn(FaxStatus.LOCAL_HANGUP, "");
    }
  }

  /** The line went away. */
  void lineDropped() {
    if (state == State.FINISHED) {
      return;
    }
    if (state == State.SENDING_DCN) {
      finish(finalStatus, finalDetail);
    } else if (state == State.AWAIT_DCN) {
      finish(FaxStatus.OK, "");
    } else {
      finish(FaxStatus.REMOTE_DISCONNECTED, "line dropped in " + state);
    }
  }

  void finish(FaxStatus status, String detail) {
    if (state == State.FINISHED) {
      return;
    }
    if (receiver != null) {
      receiver.flush();
    }
    state = State.FINISHED;
    phase(FaxPhase.E_RELEASE);
    long duration = io.now();
    result =
        new FaxResult(
            status,
            detail,
            pages,
            rate,
            dataFormat,
            resolution,
            ecm,
            remoteId,
            duration,
            badRows,
            maxConsecutiveBadRows);
    String summary =
        (sender != null ? "SEND FAX: " : "RECV FAX: ")
            + (sender != null ? "to " : "from ")
            + remoteId
            + ", "
            + pages
            + (pages == 1 ? " page" : " pages")
            + " in "
            + HylaFaxLog.duration(duration)
            + (rate == null
                ? ""
                : ", "
                    + HylaFaxLog.vres(resolution == Resolution.FINE)
                    + ", "
                    + (dataFormat == null ? "" : HylaFaxLog.format(dataFormat) + ", ")
                    + rate.bitsPerSecond()
                    + " bit/s"
                    + (ecm ? ", ECM" : ""))
            + (status.success() ? "" : ": " + status.text());
    log(summary);
    io.transmit(List.of());
    io.listen(Listen.NOTHING);
    listener.onEvent(new FaxEvent.Finished(io.now(), result));
  }

  void phase(FaxPhase p) {
    if (p != phase) {
      phase = p;
      listener.onEvent(new FaxEvent.PhaseChanged(io.now(), p));
    }
  }

  void log(String line) {
    log.line(io.now(), line);
  }

  void event(FaxEvent e) {
    listener.onEvent(e);
  }

  private void logCapabilities(DisDcsFields dis) {
    List<SignalRate> offered = DisDcsEncoder.offered(dis);
    log(
        "REMOTE best rate "
            + (offered.isEmpty() ? "none" : offered.get(0).bitsPerSecond() + " bit/s"));
    log("REMOTE best vres " + HylaFaxLog.vres(dis.fine()));
    log(
        "REMOTE format support: "
            + String.join(", ", dis.codings().stream().sorted().map(Enum::name).toList()));
    if (dis.ecm()) {
      log("REMOTE supports T.30 Annex A, 256-byte ECM");
    }
    log("REMOTE best " + Math.max(0, dis.minScanTimeMs()) + " ms/scanline");
  }

  /** Parameters chosen (sender) or accepted (receiver). */
  void negotiated(SignalRate r, FaxCompression coding, boolean fine, boolean withEcm, int size) {
    rate = r;
    dataFormat = coding;
    resolution = fine ? Resolution.FINE : Resolution.NORMAL;
    ecm = withEcm;
    listener.onEvent(
        new FaxEvent.ParametersNegotiated(
            io.now(), r, coding, resolution, withEcm, withEcm ? size : 0, remoteId));
  }
}
