package org.faxgw.iax2.transport;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.faxgw.iax2.CallAudio;
import org.faxgw.iax2.CallListener;
import org.faxgw.iax2.HangupCause;
import org.faxgw.iax2.Iax2Call;
import org.faxgw.iax2.Iax2Endpoint;
import org.faxgw.iax2.Iax2FrameDecoder;
import org.faxgw.iax2.InboundCallHandler;
import org.faxgw.iax2.IncomingCall;
import org.faxgw.iax2.MediaFormat;
import org.faxgw.iax2.protocol.CallId;
import org.faxgw.iax2.protocol.Iax2Protocol;
import org.faxgw.iax2.protocol.ProtocolEvent;
import org.faxgw.iax2.protocol.ProtocolOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint's state on its event loop: the pure {@link Iax2Protocol}, the calls the gateway
 * holds handles to, their media clocks, and the protocol's timer. Everything here runs on the one
 * event-loop thread; {@link NettyIax2Endpoint} hops there before calling in.
 */
final class EndpointCore implements ProtocolOutput {
  private static final Logger log = LoggerFactory.getLogger(EndpointCore.class);

  /**
   * Period of the protocol's timer (retransmission, PING, linger, registration). Fixed rather than
   * set from {@link Iax2Protocol#nextDeadline}, which walks the call table: asking it after every
   * datagram and media tick would cost O(calls) per 20 ms per call. 10 ms is well under the
   * smallest retransmission interval (100 ms).
   */
  static final long PROTOCOL_TICK_MILLIS = 10;

  private final Iax2Protocol protocol;
  private final TickScheduler scheduler;
  private final LongSupplier clock;
  private final Sender sender;
  private final TickLateness lateness;
  private Iax2EndpointConfig config; // replaced on the loop by reconfigure
  private final Map<CallId, Call> calls = new HashMap<>();
  private volatile InboundCallHandler handler;
  private volatile FrameTap tap;
  private TickScheduler.Cancellable timer;
  private boolean closed;
  private long internalErrors;

  /** Where the datagrams go: the socket. */
  @FunctionalInterface
  interface Sender {
    /**
     * Sends {@code buf[0..len)} to {@code to}; {@code owned} false when the array is only lent (the
     * media path writes its next frame into it): then it is copied before this returns.
     */
    void send(InetSocketAddress to, byte[] buf, int len, boolean owned);
  }

  /** One call the gateway knows about. */
  final class Call implements Iax2Call {
    final String peer;
    CallId id;
    CallListener listener;
    CallAudio audio;
    MediaClock clock;
    volatile MediaFormat format;
    volatile String name;
    boolean ended;
    boolean hangupRequested;
    HangupCause hangupCause;
    TickScheduler.Cancellable ringTimer;

    Call(String peer, CallListener listener, CallAudio audio) {
      this.peer = peer;
      this.listener = listener;
      this.audio = audio;
      this.name = peer + "/-/-";
    }

    @Override
    public String id() {
      return name;
    }

    @Override
    public MediaFormat format() {
      return format;
    }

    @Override
    public void hangup(HangupCause cause) {
      onLoop.accept(() -> hangupOnLoop(this, cause));
    }
  }

  private final java.util.function.Consumer<Runnable> onLoop;

  EndpointCore(
      Iax2EndpointConfig config,
      java.util.function.Function<ProtocolOutput, Iax2Protocol> protocolFactory,
      TickScheduler scheduler,
      LongSupplier clock,
      Sender sender,
      java.util.function.Consumer<Runnable> onLoop,
      TickLateness lateness) {
    this.config = config;
    this.scheduler = scheduler;
    this.clock = clock;
    this.sender = sender;
    this.onLoop = onLoop;
    this.lateness = lateness;
    this.protocol = protocolFactory.apply(this);
  }

  void handler(InboundCallHandler h) {
    this.handler = h;
  }

  void tap(FrameTap t) {
    this.tap = t;
  }

  int activeCalls() {
    return protocol.activeCalls();
  }

  long internalErrors() {
    return internalErrors;
  }

  Iax2Protocol protocol() {
    return protocol;
  }

  @Override
  public void send(InetSocketAddress to, byte[] datagram) {
    FrameTap t = tap;
    if (t != null) {
      t.frame(true, clock.getAsLong(), to, Iax2FrameDecoder.decode(datagram));
    }
    sender.send(to, datagram, datagram.length, true);
  }

  @Override
  public void sendBorrowed(InetSocketAddress to, byte[] datagram, int len) {
    FrameTap t = tap;
    if (t != null) {
      t.frame(true, clock.getAsLong(), to, Iax2FrameDecoder.decode(datagram, 0, len));
    }
    sender.send(to, datagram, len, false);
  }

  @Override
  public void event(ProtocolEvent e) {
    try {
      dispatch(e);
    } catch (RuntimeException ex) {
      internalErrors++;
      log.warn("iax2: listener failed on {}", e, ex);
    }
  }

  /**
   * The datagram {@code buf[0..len)} came from {@code from}; the array is the caller's again after.
   */
  void received(byte[] buf, int len, InetSocketAddress from) {
    long now = clock.getAsLong();
    FrameTap t = tap;
    if (t != null) {
      t.frame(false, now, from, Iax2FrameDecoder.decode(buf, 0, len));
    }
    try {
      protocol.receive(buf, len, from, now);
    } catch (RuntimeException e) {
      internalErrors++;
      log.error("iax2: internal error", e);
    }
  }

  private void guarded(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      internalErrors++;
      log.error("iax2: internal error", e);
    }
  }

  void dial(Call c, String number) {
    if (c.hangupRequested) {
      endLocally(c, c.hangupCause, false);
      return;
    }
    try {
      c.id = protocol.dial(c.peer, number, clock.getAsLong());
      c.name = protocol.describe(c.id);
      calls.put(c.id, c);
    } catch (IllegalStateException e) {
      endLocally(c, HangupCause.CONGESTION, false);
    }
  }

  private void hangupOnLoop(Call c, HangupCause cause) {
    if (c.ended) {
      return;
    }
    if (c.id == null) {
      c.hangupRequested = true;
      c.hangupCause = cause;
      return;
    }
    guarded(() -> protocol.hangup(c.id, cause, clock.getAsLong()));
  }

  void lagRequest(Call c) {
    if (c.id != null && !c.ended) {
      guarded(() -> protocol.lagRequest(c.id, clock.getAsLong()));
    }
  }

  void drain() {
    guarded(() -> protocol.drain(clock.getAsLong()));
  }

  /** Puts the peers and users of {@code next} in force (on the loop); calls go on. */
  void reconfigure(
      Iax2EndpointConfig next,
      java.util.List<org.faxgw.iax2.protocol.ProtocolConfig.Peer> peers,
      java.util.List<org.faxgw.iax2.protocol.ProtocolConfig.User> users) {
    config = next;
    guarded(() -> protocol.replacePeers(peers, users, clock.getAsLong()));
  }

  void close() {
    guarded(() -> protocol.close(clock.getAsLong()));
    for (Call c : List.copyOf(calls.values())) {
      endLocally(c, HangupCause.NORMAL_CLEARING, false);
    }
    closed = true;
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  List<Iax2Endpoint.Registration> registrations() {
    return protocol.registrations();
  }

  private void dispatch(ProtocolEvent e) {
    if (e instanceof ProtocolEvent.IncomingCall in) {
      incoming(in);
    } else if (e instanceof ProtocolEvent.Accepted a) {
      Call c = calls.get(a.call());
      if (c != null) {
        c.format = a.format();
        c.name = protocol.describe(a.call());
      }
    } else if (e instanceof ProtocolEvent.Ringing r) {
      Call c = calls.get(r.call());
      if (c != null && c.listener != null) {
        c.listener.ringing();
      }
    } else if (e instanceof ProtocolEvent.Progress p) {
      Call c = calls.get(p.call());
      if (c != null && c.listener != null) {
        c.listener.progress();
      }
    } else if (e instanceof ProtocolEvent.Answered a) {
      answered(a);
    } else if (e instanceof ProtocolEvent.Ended en) {
      Call c = calls.get(en.call());
      if (c != null) {
        endLocally(c, en.cause(), en.byRemote());
      }
    } else if (e instanceof ProtocolEvent.RoundTrip rt) {
      Call c = calls.get(rt.call());
      if (c != null && c.listener != null) {
        c.listener.roundTrip(rt.rttMillis());
      }
    } else if (e instanceof ProtocolEvent.Registered r) {
      log.info("iax2: registered to {} until {}", r.peer(), r.expiresAtMillis());
    } else if (e instanceof ProtocolEvent.RegistrationFailed f) {
      log.warn("iax2: registration to {} failed: {}", f.peer(), f.reason());
    } else if (e instanceof ProtocolEvent.UserRegistered u) {
      log.info("iax2: {} registered from {}", u.user(), u.address());
    } else if (e instanceof ProtocolEvent.UserUnregistered u) {
      log.info("iax2: {} unregistered: {}", u.user(), u.reason());
    }
  }

  private void answered(ProtocolEvent.Answered a) {
    Call c = calls.get(a.call());
    if (c == null) {
      return;
    }
    c.format = a.format();
    c.name = protocol.describe(a.call());
    if (c.ringTimer != null) {
      c.ringTimer.cancel();
      c.ringTimer = null;
    }
    CallId id = a.call();
    c.clock =
        new MediaClock(
            scheduler,
            k -> {
              try {
                protocol.media(id, c.audio, clock.getAsLong());
              } catch (RuntimeException ex) {
                internalErrors++;
                log.warn("iax2: media of {} failed; hanging up", c.name, ex);
                protocol.hangup(id, HangupCause.TEMPORARY_FAILURE, clock.getAsLong());
              }
            },
            lateness);
    c.clock.start();
    c.listener.answered(a.format());
  }

  private void endLocally(Call c, HangupCause cause, boolean byRemote) {
    if (c.ended) {
      return;
    }
    c.ended = true;
    if (c.clock != null) {
      c.clock.stop();
    }
    if (c.ringTimer != null) {
      c.ringTimer.cancel();
    }
    if (c.id != null) {
      calls.remove(c.id);
    }
    if (c.listener != null) {
      try {
        c.listener.ended(cause, byRemote);
      } catch (RuntimeException ex) {
        internalErrors++;
        log.warn("iax2: listener of {} failed on end", c.name, ex);
      }
    }
  }

  private void incoming(ProtocolEvent.IncomingCall in) {
    InboundCallHandler h = handler;
    Iax2EndpointConfig.User user = in.user().isEmpty() ? null : config.user(in.user());
    if (user != null
        && in.remote().getAddress() != null
        && !user.permitted().test(in.remote().getAddress())) {
      log.warn("iax2: {} called from {}, outside its permitted networks", in.user(), in.remote());
      protocol.reject(in.call(), HangupCause.CALL_REJECTED, clock.getAsLong());
      return;
    }
    if (h == null) {
      protocol.reject(in.call(), HangupCause.CALL_REJECTED, clock.getAsLong());
      return;
    }
    Call c = new Call(in.user(), null, null);
    c.id = in.call();
    c.format = in.format();
    c.name = protocol.describe(in.call());
    calls.put(in.call(), c);
    c.ringTimer =
        scheduler.schedule(
            () -> {
              if (!c.ended && c.listener == null) {
                log.info("iax2: {} not answered within the ring timeout", c.name);
                decide(c, null, null, HangupCause.NO_ANSWER);
              }
            },
            config.ringTimeout().toNanos());
    IncomingCall offer = new Offer(c, in);
    h.incoming(offer);
  }

  /** Answers (audio and listener given) or rejects (cause given) an offered call, on the loop. */
  private void decide(Call c, CallAudio audio, CallListener listener, HangupCause reject) {
    if (c.ended || c.listener != null) {
      return;
    }
    long now = clock.getAsLong();
    if (reject != null) {
      calls.remove(c.id);
      c.ended = true;
      if (c.ringTimer != null) {
        c.ringTimer.cancel();
      }
      guarded(() -> protocol.reject(c.id, reject, now));
    } else {
      c.listener = listener;
      c.audio = audio;
      guarded(() -> protocol.answer(c.id, now));
    }
  }

  /** An offered call as the gateway's handler sees it. */
  private final class Offer implements IncomingCall {
    private final Call call;
    private final ProtocolEvent.IncomingCall in;

    Offer(Call call, ProtocolEvent.IncomingCall in) {
      this.call = call;
      this.in = in;
    }

    @Override
    public String calledNumber() {
      return in.calledNumber();
    }

    @Override
    public String callingNumber() {
      return in.callingNumber();
    }

    @Override
    public String callingName() {
      return in.callingName();
    }

    @Override
    public boolean presentationRestricted() {
      return in.presentationRestricted();
    }

    @Override
    public String peer() {
      return in.user();
    }

    @Override
    public String remoteAddress() {
      InetSocketAddress r = in.remote();
      return (r.getAddress() != null ? r.getAddress().getHostAddress() : r.getHostString())
          + ":"
          + r.getPort();
    }

    @Override
    public MediaFormat format() {
      return in.format();
    }

    @Override
    public Iax2Call answer(CallAudio audio, CallListener listener) {
      if (audio == null || listener == null) {
        throw new IllegalArgumentException("answer needs audio and a listener");
      }
      onLoop.accept(() -> decide(call, audio, listener, null));
      return call;
    }

    @Override
    public void reject(HangupCause cause) {
      onLoop.accept(
          () -> decide(call, null, null, cause == null ? HangupCause.CALL_REJECTED : cause));
    }
  }

  /** Starts the protocol's periodic timer (once, on the loop). */
  void startTimer() {
    if (timer == null && !closed) {
      timer = scheduler.schedule(this::onTimer, PROTOCOL_TICK_MILLIS * 1_000_000L);
    }
  }

  private void onTimer() {
    timer = null;
    if (closed) {
      return;
    }
    long now = clock.getAsLong();
    guarded(() -> protocol.tick(now));
    startTimer();
  }
}
