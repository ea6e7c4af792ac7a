package org.faxgw.gateway.line.answer;

import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.faxgw.gateway.inbound.ReceivedCall;
import org.faxgw.gateway.line.Line;
import org.faxgw.gateway.line.LineState;
import org.faxgw.gateway.line.SessionLog;
import org.faxgw.gateway.line.XferLog;
import org.faxgw.iax2.CallAudio;
import org.faxgw.iax2.CallListener;
import org.faxgw.iax2.HangupCause;
import org.faxgw.iax2.Iax2Call;
import org.faxgw.iax2.MediaFormat;
import org.faxgw.mail.DataFormat;
import org.faxgw.mail.RouteDecision;
import org.faxgw.t30.FaxEvent;
import org.faxgw.t30.FaxResult;
import org.faxgw.t30.FaxStatus;
import org.faxgw.t30.FaxTerminal;
import org.faxgw.t30.FaxTerminalListener;
import org.faxgw.t30.Fcf;
import org.faxgw.t30.SignalRate;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One answered incoming fax call. The terminal and the page list are touched only on the endpoint's
 * event loop; when the call ends, the pages go to the I/O executor, which runs the received-fax
 * pipeline and writes the logs, then frees the line.
 */
final class InboundCall implements CallAudio, CallListener, FaxTerminalListener {
  private static final Logger LOG = LoggerFactory.getLogger(InboundCall.class);

  private final Answerer.Context cx;
  private final Line line;
  private final SessionLog log;
  private final String did;
  private final String callerNumber;
  private final String callerName;
  private final List<BilevelPage> pages = new ArrayList<>();
  private FaxTerminal terminal;
  private volatile Iax2Call call;
  private volatile boolean tsiRejected;
  private boolean abortGiven;
  private boolean hungUp;
  private boolean ended;
  private String tsi = "";
  private SignalRate rate;
  private FaxCompression format;
  private boolean ecm;
  private int badRows;
  private String dcs = "";
  private final long startMillis;
  private final org.faxgw.gateway.policy.InboundLimits limits;
  private volatile String limitReason;
  private final org.faxgw.gateway.line.CallCapture.Recorder capture;

  InboundCall(
      Answerer.Context cx,
      Line line,
      SessionLog log,
      String did,
      String callerNumber,
      String callerName,
      boolean restricted,
      org.faxgw.gateway.policy.InboundLimits limits,
      org.faxgw.gateway.line.CallCapture.Recorder capture) {
    this.capture = capture;
    this.cx = cx;
    this.limits = limits;
    this.line = line;
    this.log = log;
    this.did = did;
    this.callerNumber = callerNumber;
    this.callerName = callerName;
    this.startMillis = cx.clock().millis();
    log.line(
        0,
        "ANSWER: DID \""
            + did
            + "\" caller \""
            + (restricted ? "<restricted>" : callerNumber)
            + "\" name \""
            + callerName
            + "\" on "
            + line.name());
    line.state(new LineState.Receiving(callerNumber, 1));
  }

  void attach(FaxTerminal t) {
    this.terminal = t;
  }

  void answeredBy(Iax2Call c) {
    this.call = c;
  }

  /** I/O executor: the CommID for the session log and the received fax. */
  void bindCommId() {
    try {
      log.bind(cx.commIds().next());
      line.call(0, log.commId());
      log.line(0, "SESSION BEGIN " + log.commId() + " RECV");
      log.writeNow();
    } catch (IOException e) {
      LOG.error("line {}: no CommID: {}", line.name(), e.toString());
    }
  }

  @Override
  public void answered(MediaFormat f) {
    log.line(0, "CALL UP (" + f + ")");
  }

  @Override
  public void ended(HangupCause cause, boolean byRemote) {
    if (ended) {
      return;
    }
    ended = true;
    FaxTerminal t = terminal;
    if (t != null && !t.isFinished()) {
      t.lineDropped();
    }
    FaxResult r = t == null ? null : t.result();
    log.line(
        t == null ? 0 : t.sampleClock(), "HANGUP " + cause + (byRemote ? " by remote" : " by us"));
    List<BilevelPage> got = List.copyOf(pages);
    String from = tsi;
    SignalRate rt = rate;
    FaxCompression df = format;
    boolean e = ecm;
    int bad = badRows;
    cx.io().execute(() -> deliver(r, got, from, rt, df, e, bad));
  }

  @Override
  public void played(short[] samples, int off, int len) {
    FaxTerminal t = terminal;
    if (t != null) {
      t.receive(samples, off, len);
    }
    if (capture != null) {
      capture.received(samples, off, len);
    }
  }

  @Override
  public void lost(int samples) {
    FaxTerminal t = terminal;
    if (t != null) {
      t.fillIn(samples);
    }
    if (capture != null) {
      capture.lost(samples);
    }
  }

  @Override
  public void next(short[] out, int off, int len) {
    FaxTerminal t = terminal;
    if (t == null) {
      Arrays.fill(out, off, off + len, (short) 0);
      return;
    }
    if (limitReason == null && !tsiRejected) {
      overLimit(t.sampleClock(), pages.size());
    }
    if ((tsiRejected || limitReason != null) && !abortGiven) {
      abortGiven = true;
      t.abort(false);
    }
    t.transmit(out, off, len);
    if (capture != null) {
      capture.sent(out, off, len);
    }
    Iax2Call c = call;
    if (t.isFinished() && !hungUp && c != null) {
      hungUp = true;
      c.hangup(HangupCause.NORMAL_CLEARING);
    }
  }

  @Override
  public void onEvent(FaxEvent e) {
    if (e instanceof FaxEvent.ParametersNegotiated p) {
      rate = p.rate();
      format = p.dataFormat();
      ecm = p.ecm();
      if (!p.remoteId().isBlank()) {
        tsi = p.remoteId().trim();
      }
      if (!tsiRejected
          && Answerer.routeFor(cx.routing(), did, callerNumber, callerName, tsi)
              instanceof RouteDecision.Reject r) {
        tsiRejected = true;
        log.line(p.atSample(), "REJECT: TSI \"" + tsi + "\" refused by " + r.rule() + "; DCN");
        LOG.info(
            "call on {}: TSI \"{}\" rejected by {}; ending with DCN", line.name(), tsi, r.rule());
      }
      line.state(new LineState.Receiving(from(), pages.size() + 1));
    } else if (e instanceof FaxEvent.FrameReceived f) {
      if (f.fcsOk() && f.frame().fcf() == Fcf.DCS) {
        dcs = hex(f.frame().fif());
      }
    } else if (e instanceof FaxEvent.PageReceived p) {
      pages.add(p.page());
      badRows += p.badRows();
      if (p.dataFormat() != null) {
        format = p.dataFormat();
      }
      line.state(new LineState.Receiving(from(), pages.size() + 1));
      log.flush();
      if (limitReason == null && !tsiRejected) {
        overLimit(p.atSample(), pages.size());
      }
    }
  }

  /** Ends the call with DCN (on the next block) when a limit of {@code fax.receive} is reached. */
  private void overLimit(long atSample, int received) {
    var over = limits.during(received, Duration.ofMillis(cx.clock().millis() - startMillis));
    if (over.isPresent()) {
      limitReason = over.get();
      log.line(atSample, "LIMIT: " + limitReason + "; DCN");
      LOG.warn("call on {} from {}: {}; ending with DCN", line.name(), from(), limitReason);
    }
  }

  private String from() {
    return tsi.isEmpty() ? callerNumber : tsi;
  }

  private static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(sb.length() == 0 ? "" : " ").append(String.format("%02X", x & 0xFF));
    }
    return sb.toString();
  }

  private void deliver(
      FaxResult r,
      List<BilevelPage> got,
      String from,
      SignalRate rt,
      FaxCompression df,
      boolean e,
      int bad) {
    try {
      String error;
      if (tsiRejected) {
        error = "TSI rejected";
      } else if (limitReason != null) {
        error = limitReason;
      } else if (r == null) {
        error = FaxStatus.REMOTE_DISCONNECTED.text();
      } else if (r.success()) {
        error = "";
      } else {
        error = r.status().text() + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")");
      }
      String commId = log.commId();
      if (commId == null) {
        bindCommId();
        commId = log.commId();
      }
      Duration took =
          r != null
              ? Duration.ofMillis(r.durationMillis())
              : Duration.ofMillis(cx.clock().millis() - startMillis);
      if (capture != null && commId != null) {
        // before the fax is handed over: when its mail arrives, the capture is there to be named
        List<java.nio.file.Path> files = capture.write(commId);
        log.line(0, org.faxgw.gateway.line.CallCapture.Recorder.describe(files));
      }
      String tiffName = "";
      if (!tsiRejected && commId != null) {
        ReceivedCall rc =
            new ReceivedCall(
                got,
                null,
                did,
                callerNumber,
                callerName,
                from,
                rt == null ? 0 : rt.bitsPerSecond(),
                df == null ? DataFormat.MH : DataFormat.valueOf(df.name()),
                e,
                took,
                line.name(),
                bad,
                error);
        var outcome = cx.pipeline().deliver(rc, commId);
        tiffName = outcome.tiff() == null ? "" : "recvq/" + outcome.tiff().getFileName();
      }
      log.line(
          0, "SESSION END: " + got.size() + " page(s)" + (error.isEmpty() ? "" : "; " + error));
      log.writeNow();
      if (commId != null) {
        cx.xferLog()
            .append(
                new XferLog.Entry(
                    ZonedDateTime.now(cx.clock()),
                    "RECV",
                    commId,
                    line.name(),
                    tiffName,
                    "",
                    "fax",
                    did,
                    from,
                    XferLog.params(
                        !got.isEmpty() && got.get(0).resolution().yDpi() >= 196, rt, df, e),
                    got.size(),
                    took,
                    took,
                    error,
                    callerName,
                    callerNumber,
                    did,
                    "",
                    dcs));
      }
    } catch (IOException | RuntimeException ex) {
      LOG.error("line {}: the received fax could not be handed over", line.name(), ex);
    } finally {
      cx.lines().release(line);
    }
  }
}
