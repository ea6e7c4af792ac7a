package org.faxgw.gateway.line.send;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.faxgw.gateway.inbound.CommIdAllocator;
import org.faxgw.gateway.line.Line;
import org.faxgw.gateway.line.LineState;
import org.faxgw.gateway.line.SessionLog;
import org.faxgw.gateway.line.XferLog;
import org.faxgw.gateway.line.dispatch.CallOutcome;
import org.faxgw.gateway.line.dispatch.CallStarter;
import org.faxgw.gateway.line.dispatch.InterruptedCall;
import org.faxgw.gateway.line.dispatch.KillPoint;
import org.faxgw.gateway.line.dispatch.KillPoints;
import org.faxgw.gateway.line.dispatch.Outcomes;
import org.faxgw.iax2.CallAudio;
import org.faxgw.iax2.CallListener;
import org.faxgw.iax2.HangupCause;
import org.faxgw.iax2.Iax2Call;
import org.faxgw.iax2.Iax2Endpoint;
import org.faxgw.iax2.MediaFormat;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobLease;
import org.faxgw.queue.JobProgress;
import org.faxgw.queue.JobState;
import org.faxgw.queue.JobStore;
import org.faxgw.queue.JobStoreException;
import org.faxgw.render.Tagline;
import org.faxgw.t30.Capabilities;
import org.faxgw.t30.FaxEvent;
import org.faxgw.t30.FaxResult;
import org.faxgw.t30.FaxTerminal;
import org.faxgw.t30.FaxTerminalConfig;
import org.faxgw.t30.FaxTerminalFactory;
import org.faxgw.t30.FaxTerminalListener;
import org.faxgw.t30.Fcf;
import org.faxgw.t30.SignalRate;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.FaxTiffReader;
import org.faxgw.t4.Resolution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One outgoing fax call. {@link #prepare} runs on the I/O executor; the audio and T.30 callbacks on
 * the endpoint's event loop (the terminal is touched only there); the end is handed back to the I/O
 * executor for the logs and then to the dispatcher; {@link #abort} may come from any thread. Fields
 * shared across those threads are volatile.
 */
final class OutboundCall
    implements CallStarter.ActiveCall, CallAudio, CallListener, FaxTerminalListener {
  private static final Logger LOG = LoggerFactory.getLogger(OutboundCall.class);

  record Context(
      Iax2Endpoint endpoint,
      FaxTerminalFactory terminals,
      JobStore store,
      CommIdAllocator commIds,
      XferLog xferLog,
      CallRunner.Settings settings,
      org.faxgw.gateway.line.CallCapture capture,
      Executor io,
      Clock clock,
      KillPoints killPoints) {}

  private final FaxJob job;
  private final JobLease lease;
  private final Line line;
  private final Capabilities capabilities;
  private final Consumer<CallStarter.CallReport> done;
  private final Context cx;

  private volatile SessionLog log;
  private volatile org.faxgw.gateway.line.CallCapture.Recorder capture;
  private volatile FaxTerminal terminal;
  private volatile Iax2Call call;
  private volatile String abortReason;
  private volatile boolean answered;
  private volatile boolean ended;
  private boolean abortGiven; // event loop
  private boolean hungUp; // event loop
  private int alreadyConfirmed;
  private int total;
  private int toSend;
  private volatile int confirmedThisCall;
  private volatile SignalRate rate;
  private volatile FaxCompression format;
  private volatile boolean ecm;
  private volatile String remoteCsi = "";
  private volatile String dcs = "";
  private volatile boolean fine;
  private Instant startedAt;
  private ZonedDateTime taglineDate;

  OutboundCall(
      FaxJob job,
      JobLease lease,
      Line line,
      Capabilities capabilities,
      Consumer<CallStarter.CallReport> done,
      Context cx) {
    this.job = job;
    this.lease = lease;
    this.line = line;
    this.capabilities = capabilities;
    this.done = done;
    this.cx = cx;
  }

  /** I/O executor: CommID, pages with taglines, the terminal, then the dial. */
  void prepare() {
    startedAt = cx.clock().instant();
    alreadyConfirmed = job.progress().pagesConfirmed();
    SessionLog l = new SessionLog(cx.settings().logDir(), line.name(), cx.clock(), cx.io());
    this.log = l;
    List<BilevelPage> pages;
    String tsi = CallRunner.tsiFor(job, line, cx.settings());
    try {
      l.bind(cx.commIds().next());
    } catch (IOException e) {
      // with store: postgresql the CommID comes from the database, which may be away for a while
      LOG.error("job {}: no CommID: {}", job.id(), e.toString());
      finish(
          new CallOutcome(CallOutcome.Kind.RETRY, false, "No CommID: " + e.getMessage(), 0, null),
          true);
      return;
    }
    try {
      byte[] tiff = Files.readAllBytes(cx.settings().spool().local(job.tiff()));
      List<BilevelPage> all = FaxTiffReader.read(tiff);
      total = all.size();
      pages = new ArrayList<>();
      ZonedDateTime now = ZonedDateTime.now(cx.clock()).withNano(0);
      taglineDate = now;
      for (int i = alreadyConfirmed; i < all.size(); i++) {
        BilevelPage p = all.get(i);
        if (!cx.settings().tagline().isEmpty()) {
          p =
              Tagline.stamp(
                  p,
                  cx.settings()
                      .tagline()
                      .fields(now, tsi, job.number(), i + 1, all.size(), job.id()));
        }
        pages.add(p);
      }
      fine = !all.isEmpty() && all.get(0).resolution().yDpi() >= Resolution.FINE.yDpi();
    } catch (org.faxgw.queue.JobStoreException e) {
      // the shared spool (store: postgresql) is away for a while: not the job's fault
      LOG.error("job {}: cannot fetch the pages: {}", job.id(), e.toString());
      finish(
          new CallOutcome(
              CallOutcome.Kind.RETRY,
              false,
              "Cannot fetch the job's pages: " + e.getMessage(),
              0,
              null),
          true);
      return;
    } catch (Exception e) {
      LOG.error("job {}: cannot prepare the pages: {}", job.id(), e.toString());
      finish(
          new CallOutcome(
              CallOutcome.Kind.FAIL,
              false,
              "Cannot read the job's pages: " + e.getMessage(),
              0,
              null),
          true);
      return;
    }
    toSend = pages.size();
    l.line(0, "SESSION BEGIN " + l.commId() + " " + job.number().replace("+", ""));
    l.line(
        0,
        "SEND FAX: JOB "
            + job.id()
            + " DEST "
            + job.dialString()
            + " COMMID "
            + l.commId()
            + " LINE '"
            + line.name()
            + "' FROM '"
            + job.owner()
            + "' TSI '"
            + tsi
            + "'");
    if (!cx.settings().tagline().isEmpty()) {
      // what the taglines were imaged from, so that a page can be checked against them later
      l.line(
          0,
          "TAGLINE \""
              + cx.settings().tagline().format()
              + "\" AT "
              + taglineDate.format(java.time.format.DateTimeFormatter.ISO_ZONED_DATE_TIME));
    }
    if (alreadyConfirmed > 0) {
      l.line(0, "RESUME: " + alreadyConfirmed + " page(s) confirmed earlier, sending " + toSend);
      // taken over from a call cut short: the double-send window (InterruptedCall)
      InterruptedCall.resumeNote(job, total).ifPresent(note -> l.line(0, note));
    }
    if (toSend == 0) {
      finish(new CallOutcome(CallOutcome.Kind.DONE, false, "", 0, null), true);
      return;
    }
    cx.store()
        .checkpoint(
            lease,
            job.withCalls(job.dials() + 1, job.tries(), job.timeToSend())
                .withState(JobState.ACTIVE, "Dialing " + job.dialString())
                .withProgress(progress("")));
    if (abortReason != null) {
      finish(new CallOutcome(CallOutcome.Kind.RETRY, false, abortReason, 0, null), true);
      return;
    }
    if (cx.capture() != null) {
      capture =
          cx.capture()
              .recorderForSending(
                  line.peer(),
                  job.number(),
                  org.faxgw.gateway.line.CallCapture.jobAsked(
                      cx.settings().spool(), job.spoolDir()));
    }
    terminal = cx.terminals().sender(FaxTerminalConfig.sender(tsi, capabilities), pages, this, l);
    line.state(new LineState.Dialing(job.dialString()));
    l.line(0, "DIAL " + job.dialString() + " via " + line.peer());
    try {
      call = cx.endpoint().dial(line.peer(), job.dialString(), this, this);
    } catch (IllegalArgumentException e) {
      finish(new CallOutcome(CallOutcome.Kind.FAIL, false, e.getMessage(), 0, null), true);
      return;
    }
    cx.killPoints().reached(KillPoint.AFTER_DIAL, job.id(), alreadyConfirmed);
  }

  @Override
  public void abort(String reason) {
    boolean again = abortReason != null;
    abortReason = reason;
    Iax2Call c = call;
    if (c != null && (!answered || again)) {
      c.hangup(HangupCause.NORMAL_CLEARING);
    }
  }

  @Override
  public void answered(MediaFormat f) {
    answered = true;
    log.line(0, "ANSWERED (" + f + ")");
    line.state(new LineState.Sending(alreadyConfirmed + 1, total, 0, false));
  }

  @Override
  public void ended(HangupCause cause, boolean byRemote) {
    if (ended) {
      return;
    }
    ended = true;
    FaxTerminal t = terminal;
    CallOutcome o;
    if (answered && t != null) {
      if (!t.isFinished()) {
        t.lineDropped();
      }
      FaxResult r = t.result();
      o =
          r == null
              ? new CallOutcome(
                  CallOutcome.Kind.RETRY, true, "Remote fax disconnected prematurely", 0, null)
              : Outcomes.afterT30(r, toSend);
      if (r != null && !r.success() && abortReason != null) {
        o = new CallOutcome(o.kind(), o.reachedFax(), abortReason, o.pagesThisCall(), r);
      }
    } else if (abortReason != null) {
      o = new CallOutcome(CallOutcome.Kind.RETRY, false, abortReason, 0, null);
    } else {
      o = Outcomes.notAnswered(cause);
    }
    log.line(
        t == null ? 0 : t.sampleClock(),
        "HANGUP " + cause + (byRemote ? " by remote" : " by us") + "; " + describe(o));
    CallOutcome outcome = o;
    cx.io().execute(() -> finish(outcome, false));
  }

  private static String describe(CallOutcome o) {
    return o.kind() + (o.reason().isEmpty() ? "" : ": " + o.reason());
  }

  @Override
  public void played(short[] samples, int off, int len) {
    FaxTerminal t = terminal;
    if (t != null) {
      t.receive(samples, off, len);
    }
    var cap = capture;
    if (cap != null) {
      cap.received(samples, off, len);
    }
  }

  @Override
  public void lost(int samples) {
    FaxTerminal t = terminal;
    if (t != null) {
      t.fillIn(samples);
    }
    var cap = capture;
    if (cap != null) {
      cap.lost(samples);
    }
  }

  @Override
  public void next(short[] out, int off, int len) {
    FaxTerminal t = terminal;
    if (t == null) {
      java.util.Arrays.fill(out, off, off + len, (short) 0);
      return;
    }
    if (abortReason != null && !abortGiven) {
      abortGiven = true;
      t.abort(false);
    }
    t.transmit(out, off, len);
    var cap = capture;
    if (cap != null) {
      cap.sent(out, off, len);
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
      remoteCsi = p.remoteId();
      line.state(
          new LineState.Sending(
              alreadyConfirmed + confirmedThisCall + 1,
              total,
              p.rate() == null ? 0 : p.rate().bitsPerSecond(),
              p.ecm()));
    } else if (e instanceof FaxEvent.FrameSent f) {
      if (f.frame().fcf() == Fcf.DCS) {
        dcs = hex(f.frame().fif());
      }
    } else if (e instanceof FaxEvent.PageSent s) {
      pageConfirmed(s.number());
    }
  }

  private void pageConfirmed(int number) {
    // The far end has this page now. Until the checkpoint below is committed, a node dying here
    // leaves the job to resume with this page, which the far end then receives twice: the one
    // double-send window (InterruptedCall).
    cx.killPoints().reached(KillPoint.AFTER_PAGE_MCF, job.id(), alreadyConfirmed + number);
    confirmedThisCall = number;
    int next = alreadyConfirmed + number + 1;
    if (next <= total) {
      line.state(new LineState.Sending(next, total, rate == null ? 0 : rate.bitsPerSecond(), ecm));
    }
    FaxJob cp =
        job.withCalls(job.dials() + 1, job.tries() + 1, job.timeToSend())
            .withState(JobState.ACTIVE, "Sending page " + Math.min(next, total) + "/" + total)
            .withProgress(progress(""));
    cx.io()
        .execute(
            () -> {
              try {
                cx.store().checkpoint(lease, cp);
              } catch (JobStoreException e) {
                // the dispatcher ends the call if the store stays away (the lease is not renewed)
                LOG.warn("job {}: page {} not checkpointed: {}", job.id(), number, e.getMessage());
              }
              log.writeNow();
            });
  }

  private static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(String.format("%02X", x & 0xFF));
    }
    return sb.toString();
  }

  private JobProgress progress(String reason) {
    FaxTerminal t = terminal;
    FaxResult r = t == null ? null : t.result();
    long ms = r == null ? 0 : r.durationMillis();
    return new JobProgress(
        alreadyConfirmed + confirmedThisCall,
        rate == null ? 0 : rate.bitsPerSecond(),
        format == null ? "" : format.name(),
        ecm,
        remoteCsi,
        ms,
        log == null || log.commId() == null ? "" : log.commId(),
        reason);
  }

  /** I/O executor: the logs, then the report to the dispatcher. */
  private void finish(CallOutcome o, boolean beforeDial) {
    FaxResult r = o.result();
    int confirmed = r != null ? r.pages() : confirmedThisCall;
    confirmedThisCall = confirmed;
    if (r != null && r.rate() != null) {
      rate = r.rate();
      format = r.dataFormat();
      ecm = r.ecm();
      if (!r.remoteId().isEmpty()) {
        remoteCsi = r.remoteId();
      }
    }
    JobProgress p = progress(o.reason());
    SessionLog l = log;
    var cap = capture;
    if (cap != null && l != null && l.commId() != null && !beforeDial) {
      try {
        l.line(0, org.faxgw.gateway.line.CallCapture.Recorder.describe(cap.write(l.commId())));
      } catch (java.io.IOException | RuntimeException e) {
        LOG.warn("job {}: capture not written: {}", job.id(), e.toString());
      }
    }
    if (l != null && l.commId() != null) {
      l.line(0, "SESSION END: " + describe(o) + ", " + p.pagesConfirmed() + "/" + total + " pages");
      l.writeNow();
      if (!beforeDial) {
        cx.xferLog()
            .append(
                new XferLog.Entry(
                    ZonedDateTime.now(cx.clock()),
                    "SEND",
                    l.commId(),
                    line.name(),
                    Long.toString(job.id()),
                    "",
                    job.owner(),
                    job.number(),
                    remoteCsi,
                    XferLog.params(fine, rate, format, ecm),
                    confirmed,
                    startedAt == null
                        ? Duration.ZERO
                        : Duration.between(startedAt, cx.clock().instant()),
                    Duration.ofMillis(p.durationMillis()),
                    o.reason(),
                    "",
                    "",
                    "",
                    job.owner(),
                    dcs));
      }
    }
    done.accept(new CallStarter.CallReport(job, lease, line, o, p));
  }
}
