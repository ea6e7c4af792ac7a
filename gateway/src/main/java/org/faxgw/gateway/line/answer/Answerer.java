package org.faxgw.gateway.line.answer;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.faxgw.gateway.inbound.CommIdAllocator;
import org.faxgw.gateway.inbound.ReceivedFaxPipeline;
import org.faxgw.gateway.line.Line;
import org.faxgw.gateway.line.LinePool;
import org.faxgw.gateway.line.SessionLog;
import org.faxgw.gateway.line.XferLog;
import org.faxgw.iax2.HangupCause;
import org.faxgw.iax2.InboundCallHandler;
import org.faxgw.iax2.IncomingCall;
import org.faxgw.mail.DataFormat;
import org.faxgw.mail.InboundRouting;
import org.faxgw.mail.ReceivedFax;
import org.faxgw.mail.RouteDecision;
import org.faxgw.queue.DialingRules;
import org.faxgw.queue.FaxNumber;
import org.faxgw.t30.Capabilities;
import org.faxgw.t30.FaxTerminal;
import org.faxgw.t30.FaxTerminalConfig;
import org.faxgw.t30.FaxTerminalFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HylaFAX's faxgetty role: decides about each incoming IAX2 call, answers it with a receiving
 * {@link FaxTerminal} and hands what arrived to the {@link ReceivedFaxPipeline}. The DID (the
 * endpoint's CALLED_NUMBER, else DNID, else RDNIS) is normalised by the dialing rules; the caller
 * ID is taken only when its presentation is allowed. A {@code reject: true} route that matches on
 * DID or caller ID refuses the call before answering; one that matches on the TSI ends it after
 * phase B (DCN). Runs on the endpoint's event loop and never blocks: the CommID, the logs and the
 * pipeline run on {@code io}.
 */
public final class Answerer implements InboundCallHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Answerer.class);

  /** Everything an inbound call needs besides the call itself. */
  record Context(
      LinePool lines,
      FaxTerminalFactory terminals,
      InboundRouting routing,
      ReceivedFaxPipeline pipeline,
      CommIdAllocator commIds,
      XferLog xferLog,
      java.nio.file.Path logDir,
      String localId,
      Capabilities capabilities,
      Executor io,
      Clock clock) {
    Context withRouting(InboundRouting r) {
      return new Context(
          lines,
          terminals,
          r,
          pipeline,
          commIds,
          xferLog,
          logDir,
          localId,
          capabilities,
          io,
          clock);
    }
  }

  private volatile Context cx; // replaced on reload; a call keeps the one it began with
  private final java.util.function.Supplier<DialingRules> rules;
  private volatile org.faxgw.gateway.policy.InboundLimits limits =
      org.faxgw.gateway.policy.InboundLimits.NONE;
  private volatile org.faxgw.gateway.policy.InboundLimits.CallerRate rate =
      new org.faxgw.gateway.policy.InboundLimits.CallerRate(limits);

  private volatile org.faxgw.gateway.line.CallCapture capture;

  /** Which calls have their audio captured ({@code capture:}; default none). */
  public void setCapture(org.faxgw.gateway.line.CallCapture c) {
    this.capture = c;
  }

  /** Puts other routing rules in force for the calls that come from now (reload). */
  public void setRouting(InboundRouting r) {
    this.cx = cx.withRouting(r);
  }

  /** Puts the limits on received calls in force ({@code receive:}; default none). */
  public void setLimits(org.faxgw.gateway.policy.InboundLimits l) {
    this.rate = new org.faxgw.gateway.policy.InboundLimits.CallerRate(l);
    this.limits = l;
  }

  public Answerer(
      LinePool lines,
      FaxTerminalFactory terminals,
      java.util.function.Supplier<DialingRules> rules,
      InboundRouting routing,
      ReceivedFaxPipeline pipeline,
      CommIdAllocator commIds,
      XferLog xferLog,
      java.nio.file.Path logDir,
      String localId,
      Capabilities capabilities,
      Executor io,
      Clock clock) {
    this.rules = rules;
    this.cx =
        new Context(
            lines,
            terminals,
            routing,
            pipeline,
            commIds,
            xferLog,
            logDir,
            localId,
            capabilities,
            io,
            clock);
  }

  /**
   * The DID normalised by the dialing rules, in the form routing rules are written in: the national
   * number for our country ({@code 6045557977}), {@code +E.164} for another; as it came when the
   * rules do not understand it.
   */
  String did(String called) {
    if (called == null || called.isBlank()) {
      return "";
    }
    DialingRules now = rules.get();
    String home = "+" + now.countryCode();
    return now.canonical(called)
        .map(FaxNumber::e164)
        .map(e -> e.startsWith(home) ? e.substring(home.length()) : e)
        .orElse(called.trim());
  }

  @Override
  public void incoming(IncomingCall c) {
    Context cx = this.cx;
    String did = did(c.calledNumber());
    String number = c.presentationRestricted() ? "" : c.callingNumber();
    String name = c.presentationRestricted() ? "" : c.callingName();
    if (routeFor(cx.routing(), did, number, name, "") instanceof RouteDecision.Reject r) {
      LOG.info("call from {} to DID {} rejected before answering by {}", number, did, r.rule());
      c.reject(HangupCause.CALL_REJECTED);
      return;
    }
    Optional<String> tooMany = rate.admit(number, cx.clock().instant());
    if (tooMany.isPresent()) {
      LOG.warn("call from {} to DID {} rejected: {}", number, did, tooMany.get());
      c.reject(HangupCause.CALL_REJECTED);
      return;
    }
    Optional<Line> line = cx.lines().takeForReceiving(c.peer());
    if (line.isEmpty()) {
      LOG.info("call from {} to DID {}: every receiving line is busy", number, did);
      c.reject(HangupCause.CONGESTION);
      return;
    }
    Line l = line.get();
    String csi = l.localId().isEmpty() ? cx.localId() : l.localId();
    SessionLog log =
        new SessionLog(cx.logDir(), l.name(), cx.clock(), cx.io(), cx.xferLog().directory());
    InboundCall call =
        new InboundCall(
            cx,
            l,
            log,
            did,
            number,
            name,
            c.presentationRestricted(),
            limits,
            capture == null ? null : capture.recorderFor(c.peer(), did));
    try {
      FaxTerminal t =
          cx.terminals().receiver(FaxTerminalConfig.receiver(csi, cx.capabilities()), call, log);
      call.attach(t);
      call.answeredBy(c.answer(call, call));
    } catch (RuntimeException e) {
      LOG.error("call from {} to DID {}: cannot answer", number, did, e);
      cx.lines().release(l);
      c.reject(HangupCause.TEMPORARY_FAILURE);
      return;
    }
    cx.io().execute(call::bindCommId);
    LOG.info(
        "answering call from {}{} to DID {} on line {}",
        number.isEmpty() ? "<unknown>" : number,
        name.isEmpty() ? "" : " (" + name + ")",
        did,
        l.name());
  }

  /** The route a fax with these facts would take (CommID and counts do not matter to routing). */
  static RouteDecision routeFor(
      InboundRouting routing, String did, String number, String name, String tsi) {
    return routing.route(
        new ReceivedFax(
            "000000000",
            did,
            number,
            name,
            tsi,
            1,
            1728,
            0,
            204,
            196,
            ZonedDateTime.ofInstant(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC),
            null,
            0,
            DataFormat.MH,
            false,
            "",
            0,
            ""));
  }
}
