package org.faxgw.iax2.protocol;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.faxgw.iax2.CallAudio;
import org.faxgw.iax2.ControlSubclass;
import org.faxgw.iax2.FrameType;
import org.faxgw.iax2.FullFrame;
import org.faxgw.iax2.HangupCause;
import org.faxgw.iax2.Iax2Endpoint;
import org.faxgw.iax2.Iax2Frame;
import org.faxgw.iax2.Iax2FrameDecoder;
import org.faxgw.iax2.Iax2FrameEncoder;
import org.faxgw.iax2.IaxSubclass;
import org.faxgw.iax2.IeType;
import org.faxgw.iax2.InformationElement;
import org.faxgw.iax2.MalformedFrame;
import org.faxgw.iax2.MediaFormat;
import org.faxgw.iax2.MetaFrame;

/**
 * The pure IAX2 protocol engine (RFC 5456): owns the bounded call table, takes datagrams with their
 * source address and the time, and emits datagrams to send and events through its {@link
 * ProtocolOutput}. No sockets, no clocks, no threads: the transport shuttles bytes and calls {@link
 * #tick} (at the latest by {@link #nextDeadline}) and {@link #media} every 20 ms per answered call.
 *
 * <p>Confined to one thread (the transport's event loop); not thread-safe. Never throws on anything
 * a datagram contains.
 */
public final class Iax2Protocol {
  /** RFC 5456 8.6.11: protocol version 2. */
  static final int VERSION = 2;

  /** Our own limits on set-up phases nobody completes (ARCHITECTURE.md rule 7). */
  static final long AUTH_TIMEOUT_MILLIS = 30_000;

  static final long OFFER_TIMEOUT_MILLIS = 120_000;

  /** Retry of a failed registration (iaxmodem stays pending and retries at its refresh). */
  static final long REGISTRATION_RETRY_MILLIS = 60_000;

  private ProtocolConfig config;
  private final ProtocolOutput output;
  private final RandomGenerator random;
  private final CallTokens tokens;
  final Counters stats = new Counters();

  private final IaxCall[] byLocal = new IaxCall[0x8000];
  private final Map<RemoteKey, IaxCall> byRemote = new HashMap<>();
  private final Map<Long, IaxCall> bySerial = new HashMap<>();
  private final ArrayList<IaxCall> scratch = new ArrayList<>();
  private int tableSize;
  private long serials;
  private int nextCallNumber;
  private boolean draining;

  private final Map<String, ClientRegistration> clients = new LinkedHashMap<>();
  private final Map<String, Iax2Endpoint.Registration> registrar = new LinkedHashMap<>();

  /**
   * The far end's address and call number. The keys in {@link #byRemote} are never changed; {@link
   * #probe}, the one instance that is, only looks them up (so that a mini frame's look-up does not
   * allocate).
   */
  private static final class RemoteKey {
    private InetSocketAddress address;
    private int call;

    RemoteKey(InetSocketAddress address, int call) {
      set(address, call);
    }

    RemoteKey set(InetSocketAddress address, int call) {
      this.address = address;
      this.call = call;
      return this;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RemoteKey k && k.call == call && k.address.equals(address);
    }

    @Override
    public int hashCode() {
      return 31 * address.hashCode() + call;
    }
  }

  private final RemoteKey probe = new RemoteKey(null, 0);

  /** Our registration to one peer. */
  private static final class ClientRegistration {
    final ProtocolConfig.Peer peer;
    long nextAttemptAt;
    CallId transaction;
    long expiresAt;

    ClientRegistration(ProtocolConfig.Peer peer, long at) {
      this.peer = peer;
      this.nextAttemptAt = at;
    }
  }

  /**
   * @param nowMillis the time now (epoch milliseconds of the transport's clock, or virtual time)
   */
  public Iax2Protocol(
      ProtocolConfig config, ProtocolOutput output, RandomGenerator random, long nowMillis) {
    this.config = config;
    this.output = output;
    this.random = random;
    this.tokens = new CallTokens(config.callTokenSecret());
    this.nextCallNumber = 1 + random.nextInt(0x7FFE);
    for (ProtocolConfig.Peer p : config.peers()) {
      if (p.register()) {
        clients.put(p.name(), new ClientRegistration(p, nowMillis));
      }
    }
  }

  public ProtocolConfig config() {
    return config;
  }

  /** Handles one received datagram. Never throws for any content. */
  public void receive(byte[] datagram, InetSocketAddress from, long nowMillis) {
    receive(datagram, datagram.length, from, nowMillis);
  }

  /**
   * Handles the datagram {@code buf[0..len)}; the array stays the caller's (nothing of it is kept
   * past the return). Never throws for any content. A mini frame is read in place: the 20 ms path
   * allocates nothing.
   */
  public void receive(byte[] buf, int len, InetSocketAddress from, long nowMillis) {
    stats.datagrams++;
    try {
      if (Iax2FrameDecoder.isMini(buf, 0, len)) {
        mini(buf, len, from);
        return;
      }
      Iax2Frame frame = Iax2FrameDecoder.decode(buf, 0, len);
      if (frame instanceof FullFrame f) {
        full(f, from, nowMillis);
      } else if (frame instanceof MetaFrame || frame instanceof MalformedFrame) {
        stats.malformed++; // trunk/video meta frames are not used by a fax endpoint
      }
    } catch (RuntimeException e) {
      // A bug, never a property of the input; counted so tests see it, and the call table lives.
      stats.internalErrors++;
    }
  }

  private void mini(byte[] buf, int len, InetSocketAddress from) {
    IaxCall c = byRemote.get(probe.set(from, Iax2FrameDecoder.miniSourceCall(buf, 0)));
    if (c == null || c.media == null || c.state == IaxCall.State.LINGER) {
      stats.unknownCall++;
      return;
    }
    c.media.miniVoice(
        Iax2FrameDecoder.miniTimestamp16(buf, 0),
        buf,
        Iax2FrameDecoder.MINI_HEADER,
        len - Iax2FrameDecoder.MINI_HEADER);
  }

  private void full(FullFrame f, InetSocketAddress from, long now) {
    if (f.type() == null) {
      stats.malformed++;
      return;
    }
    IaxSubclass sub = f.iaxSubclass();
    if (f.destinationCall() != 0) {
      IaxCall c = byLocal[f.destinationCall()];
      boolean token = sub == IaxSubclass.CALLTOKEN;
      if (c != null
          && c.remote.equals(from)
          && (c.remoteCall == 0 || c.remoteCall == f.sourceCall() || token)) {
        if (token) {
          callTokenReply(c, f, now);
          return;
        }
        if (c.remoteCall == 0 && f.sourceCall() != 0) {
          c.remoteCall = f.sourceCall();
          byRemote.put(new RemoteKey(from, f.sourceCall()), c);
        }
        deliver(c, f, now);
        return;
      }
      unknownCall(f, from);
      return;
    }
    IaxCall existing = byRemote.get(new RemoteKey(from, f.sourceCall()));
    if (existing != null) {
      deliver(existing, f, now); // a retransmitted NEW or REGREQ
      return;
    }
    if (sub == null || f.sourceCall() == 0) {
      stats.unknownCall++;
      return;
    }
    switch (sub) {
      case NEW -> newCall(f, from, now);
      case REGREQ, REGREL -> registrarRequest(f, from, now);
      case POKE, PING -> apathetic(f, from, IaxSubclass.PONG, List.of());
      default -> stats.unknownCall++;
    }
  }

  private void deliver(IaxCall c, FullFrame f, long now) {
    if (c.accept(f, now)) {
      CallHandlers.handle(c, f, now);
    }
  }

  /** RFC 5456 8.4 INVAL for a frame of a call we do not have (never for ACK, INVAL or VNAK). */
  private void unknownCall(FullFrame f, InetSocketAddress from) {
    stats.unknownCall++;
    IaxSubclass sub = f.iaxSubclass();
    if (sub == IaxSubclass.ACK || sub == IaxSubclass.INVAL || sub == IaxSubclass.VNAK) {
      return;
    }
    stats.invalSent++;
    send(
        from,
        Iax2FrameEncoder.iax(
            f.destinationCall(),
            f.sourceCall(),
            f.timestamp(),
            f.iSeqno(),
            (f.oSeqno() + 1) & 0xFF,
            IaxSubclass.INVAL,
            List.of()));
  }

  /** A reply that creates no state (Asterisk's "apathetic" replies). */
  private void apathetic(
      FullFrame f, InetSocketAddress from, IaxSubclass sub, List<InformationElement> ies) {
    send(
        from,
        Iax2FrameEncoder.iax(
            1, f.sourceCall(), f.timestamp(), f.iSeqno(), (f.oSeqno() + 1) & 0xFF, sub, ies));
  }

  /**
   * The CALLTOKEN check of a NEW or REGREQ (Asterisk's scheme, not in RFC 5456). An empty CALLTOKEN
   * IE always gets a token; a frame without one is refused when the policy requires it; a wrong or
   * stale token is dropped. Nothing here creates state.
   *
   * @return true when the frame may create a call
   */
  private boolean callTokenPasses(FullFrame f, InetSocketAddress from, boolean required, long now) {
    var ie = f.element(IeType.CALLTOKEN);
    if (ie.isPresent() && ie.get().length() == 0) {
      stats.callTokensIssued++;
      apathetic(
          f,
          from,
          IaxSubclass.CALLTOKEN,
          List.of(InformationElement.of(IeType.CALLTOKEN, tokens.issue(from, now))));
      return false;
    }
    if (ie.isPresent()) {
      if (tokens.verify(ie.get().asString(), from, now)) {
        return true;
      }
      stats.callTokensRejected++;
      return false;
    }
    if (required) {
      stats.rejectedWithoutToken++;
      IaxSubclass refusal =
          f.iaxSubclass() == IaxSubclass.NEW ? IaxSubclass.REJECT : IaxSubclass.REGREJ;
      apathetic(
          f,
          from,
          refusal,
          List.of(
              InformationElement.of(IeType.CAUSE, "CALLTOKEN required"),
              InformationElement.of(IeType.CAUSECODE, 21, 1)));
      return false;
    }
    return true;
  }

  /** As caller: the far end wants our NEW or REGREQ again with its token. */
  private void callTokenReply(IaxCall c, FullFrame f, long now) {
    boolean waiting = c.state == IaxCall.State.NEW_SENT || c.state == IaxCall.State.REGREQ_SENT;
    var ie = f.element(IeType.CALLTOKEN);
    if (!waiting || ie.isEmpty() || ie.get().length() == 0 || c.callTokenRounds >= 2) {
      return;
    }
    c.callTokenRounds++;
    c.callToken = ie.get().value();
    if (c.remoteCall != 0) {
      byRemote.remove(new RemoteKey(c.remote, c.remoteCall));
    }
    c.resetSequence();
    if (c.kind == IaxCall.Kind.CALL_OUT) {
      c.sendReliable(IaxSubclass.NEW, newElements(c), now);
    } else {
      c.sendReliable(c.release ? IaxSubclass.REGREL : IaxSubclass.REGREQ, regreqElements(c), now);
    }
  }

  private ProtocolConfig.User userFor(FullFrame f) {
    String name = Frames.text(f, IeType.USERNAME);
    if (!name.isEmpty()) {
      for (ProtocolConfig.User u : config.users()) {
        if (u.name().equals(name)) {
          return u;
        }
      }
    }
    return config.anonymous();
  }

  private void newCall(FullFrame f, InetSocketAddress from, long now) {
    ProtocolConfig.User user = userFor(f);
    boolean required = user == null || user.requireCallToken();
    if (!callTokenPasses(f, from, required, now)) {
      return;
    }
    if (user == null) {
      stats.authFailures++;
      apathetic(f, from, IaxSubclass.REJECT, causeIes(CallHandlers.AUTH_FAILED));
      return;
    }
    if (draining || tableSize >= config.maxCalls()) {
      stats.rejectedOverCapacity++;
      apathetic(f, from, IaxSubclass.REJECT, causeIes(HangupCause.CONGESTION));
      return;
    }
    MediaFormat format = CodecChoice.choose(user.codecs(), f);
    IaxCall c = create(IaxCall.Kind.CALL_IN, from, f.sourceCall(), IaxCall.State.OFFERED, now);
    c.user = user;
    c.request = f;
    c.iSeqno = (f.oSeqno() + 1) & 0xFF;
    c.sendAck(f.timestamp());
    if (format == null) {
      c.sendHangup(IaxSubclass.REJECT, CallHandlers.NO_CODEC, now);
      c.end(CallHandlers.NO_CODEC, false, now);
      return;
    }
    c.format = format;
    if (!user.secret().isEmpty()) {
      c.challenge = challenge();
      c.sendReliable(
          IaxSubclass.AUTHREQ,
          List.of(
              InformationElement.of(IeType.AUTHMETHODS, authBits(user), 2),
              InformationElement.of(IeType.CHALLENGE, c.challenge),
              InformationElement.of(IeType.USERNAME, user.name())),
          now);
      c.enter(IaxCall.State.AUTHREQ_SENT, now);
      return;
    }
    offer(c, f, now);
  }

  /** Hands an authenticated NEW to the endpoint. */
  void offer(IaxCall c, FullFrame f, long now) {
    c.enter(IaxCall.State.OFFERED, now);
    boolean restricted = (Frames.number(f, IeType.CALLINGPRES, 0) & 0x60) == 0x20;
    String called = Frames.text(f, IeType.CALLED_NUMBER);
    if (called.isEmpty()) {
      called = Frames.text(f, IeType.DNID);
    }
    if (called.isEmpty()) {
      called = Frames.text(f, IeType.RDNIS);
    }
    event(
        new ProtocolEvent.IncomingCall(
            c.id,
            called,
            restricted ? "" : Frames.text(f, IeType.CALLING_NUMBER),
            restricted ? "" : Frames.text(f, IeType.CALLING_NAME),
            restricted,
            Frames.text(f, IeType.USERNAME),
            c.remote,
            c.format));
  }

  private static int authBits(ProtocolConfig.User u) {
    int bits = 0;
    for (AuthMethod m : u.auth()) {
      bits |= m.bit();
    }
    return bits;
  }

  private String challenge() {
    return Integer.toString(100_000_000 + random.nextInt(900_000_000));
  }

  private static List<InformationElement> causeIes(HangupCause cause) {
    return List.of(
        InformationElement.of(IeType.CAUSE, cause.text()),
        InformationElement.of(IeType.CAUSECODE, cause.code(), 1));
  }

  /**
   * Places a call: NEW to the configured peer.
   *
   * @throws IllegalArgumentException when no peer has that name
   * @throws IllegalStateException when the call table is full or the protocol is draining
   */
  public CallId dial(String peerName, String number, long nowMillis) {
    ProtocolConfig.Peer peer = peer(peerName);
    if (draining || tableSize >= config.maxCalls()) {
      throw new IllegalStateException(draining ? "draining" : "call table full");
    }
    IaxCall c = create(IaxCall.Kind.CALL_OUT, peer.address(), 0, IaxCall.State.NEW_SENT, nowMillis);
    c.peer = peer;
    c.number = number;
    c.format = peer.codecs().get(0);
    c.sendReliable(IaxSubclass.NEW, newElements(c), nowMillis);
    return c.id;
  }

  private ProtocolConfig.Peer peer(String name) {
    for (ProtocolConfig.Peer p : config.peers()) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no IAX2 peer named " + name);
  }

  /**
   * The IEs of our NEW in libiax2's order (VERSION, CALLING_NUMBER, CALLING_NAME, FORMAT,
   * CAPABILITY, USERNAME, CALLED_NUMBER, DNID), CALLTOKEN last.
   */
  private List<InformationElement> newElements(IaxCall c) {
    List<InformationElement> ies = new ArrayList<>(10);
    ies.add(InformationElement.of(IeType.VERSION, VERSION, 2));
    if (!config.callingNumber().isEmpty()) {
      ies.add(InformationElement.of(IeType.CALLING_NUMBER, config.callingNumber()));
    }
    if (!config.callingName().isEmpty()) {
      ies.add(InformationElement.of(IeType.CALLING_NAME, config.callingName()));
    }
    ies.add(InformationElement.of(IeType.FORMAT, c.format.bit(), 4));
    ies.add(InformationElement.of(IeType.CAPABILITY, CodecChoice.capability(c.peer.codecs()), 4));
    if (!c.peer.username().isEmpty()) {
      ies.add(InformationElement.of(IeType.USERNAME, c.peer.username()));
    }
    ies.add(InformationElement.of(IeType.CALLED_NUMBER, c.number));
    ies.add(InformationElement.of(IeType.DNID, c.number));
    if (c.peer.sendCallToken() || c.callToken.length > 0) {
      ies.add(InformationElement.of(IeType.CALLTOKEN, c.callToken));
    }
    return ies;
  }

  /** Sends ACCEPT (with the chosen FORMAT) and ANSWER for an offered call. */
  public void answer(CallId call, long nowMillis) {
    IaxCall c = live(call);
    if (c == null || c.kind != IaxCall.Kind.CALL_IN || c.state != IaxCall.State.OFFERED) {
      return;
    }
    c.sendReliable(
        IaxSubclass.ACCEPT,
        List.of(InformationElement.of(IeType.FORMAT, c.format.bit(), 4)),
        nowMillis);
    c.sendReliable(FrameType.CONTROL.code(), ControlSubclass.ANSWER.code(), new byte[0], nowMillis);
    c.media = new CallMedia(c, config.playoutDelayMillis());
    CallHandlers.goUp(c, nowMillis);
  }

  /** Sends CONTROL RINGING for an offered call (optional; iaxmodem does it after ACCEPT). */
  public void ringing(CallId call, long nowMillis) {
    IaxCall c = live(call);
    if (c != null && c.kind == IaxCall.Kind.CALL_IN && c.state == IaxCall.State.OFFERED) {
      c.sendReliable(
          FrameType.CONTROL.code(), ControlSubclass.RINGING.code(), new byte[0], nowMillis);
    }
  }

  /** Refuses an offered call with REJECT; for any other call the same as {@link #hangup}. */
  public void reject(CallId call, HangupCause cause, long nowMillis) {
    hangup(call, cause, nowMillis);
  }

  /** Ends a call: REJECT before it is answered by us, HANGUP otherwise. No-op once ended. */
  public void hangup(CallId call, HangupCause cause, long nowMillis) {
    IaxCall c = live(call);
    if (c == null || !c.isCall()) {
      return;
    }
    boolean unanswered =
        c.kind == IaxCall.Kind.CALL_IN
            && (c.state == IaxCall.State.OFFERED || c.state == IaxCall.State.AUTHREQ_SENT);
    c.sendHangup(unanswered ? IaxSubclass.REJECT : IaxSubclass.HANGUP, cause, nowMillis);
    c.end(cause, false, nowMillis);
  }

  /**
   * One 20 ms media step of an answered call: the playout buffer's next slot goes to {@code audio}
   * ({@link CallAudio#played} or {@link CallAudio#lost}), then {@link CallAudio#next} gives our 20
   * ms, sent as a voice frame. Does nothing for a call that is not up.
   */
  public void media(CallId call, CallAudio audio, long nowMillis) {
    IaxCall c = live(call);
    if (c != null && c.state == IaxCall.State.UP && c.media != null) {
      c.media.tick(audio, nowMillis);
    }
  }

  /**
   * Sends LAGRQ (RFC 5456 8.4: a lag request, echoed by LAGRP with our timestamp); the answer is
   * reported as {@link ProtocolEvent.RoundTrip}. For a probe; calls are measured by PING anyway.
   */
  public void lagRequest(CallId call, long nowMillis) {
    IaxCall c = live(call);
    if (c != null && c.isCall() && c.remoteCall != 0) {
      c.pingTs = c.nextTs(nowMillis);
      c.pingSentAt = nowMillis;
      c.sendReliableAt(
          FrameType.IAX.code(), IaxSubclass.LAGRQ.code(), new byte[0], c.pingTs, nowMillis);
    }
  }

  /** Whether the call is up (answered, not ended). */
  public boolean isUp(CallId call) {
    IaxCall c = live(call);
    return c != null && c.state == IaxCall.State.UP;
  }

  /** The call's codec, or null before it is known or once the call is gone. */
  public MediaFormat format(CallId call) {
    IaxCall c = live(call);
    return c == null ? null : c.format;
  }

  /** The far end of a call, or null once it is gone. */
  public InetSocketAddress remote(CallId call) {
    IaxCall c = live(call);
    return c == null ? null : c.remote;
  }

  /** "peer/our/their" for logs, e.g. {@code pbx/4/17}. */
  public String describe(CallId call) {
    IaxCall c = find(call);
    if (c == null) {
      return "gone/" + call.localCall();
    }
    String who = c.peer != null ? c.peer.name() : c.user != null ? c.user.name() : "?";
    return who + "/" + c.localCall() + "/" + c.remoteCall;
  }

  /** Playout counters of a call (null once it is gone). */
  public org.faxgw.iax2.media.PlayoutBuffer.Stats playoutStats(CallId call) {
    IaxCall c = find(call);
    return c == null || c.media == null ? null : c.media.playoutStats();
  }

  /** The playout buffer's depth in frames (0 when none). */
  public int playoutDepth(CallId call) {
    IaxCall c = find(call);
    return c == null || c.media == null ? 0 : c.media.playoutDepth();
  }

  private IaxCall live(CallId call) {
    IaxCall c = find(call);
    return c == null || c.state == IaxCall.State.LINGER ? null : c;
  }

  /** The call by its number, if it is still the same call (no boxing: this runs every 20 ms). */
  private IaxCall find(CallId call) {
    int n = call.localCall();
    IaxCall c = n > 0 && n < byLocal.length ? byLocal[n] : null;
    return c != null && c.id.serial() == call.serial() ? c : null;
  }

  /**
   * Stops taking new calls and registrations (NEW gets REJECT, REGREQ gets REGREJ) and releases our
   * registrations with REGREL; calls in progress go on.
   */
  public void drain(long nowMillis) {
    draining = true;
    for (ClientRegistration r : clients.values()) {
      release(r, nowMillis);
    }
  }

  /** Releases our registration {@code r} with REGREL (when it holds) and stops renewing it. */
  private void release(ClientRegistration r, long nowMillis) {
    if (r.expiresAt > nowMillis && r.transaction == null) {
      IaxCall c =
          create(IaxCall.Kind.REG_OUT, r.peer.address(), 0, IaxCall.State.REGREQ_SENT, nowMillis);
      c.peer = r.peer;
      c.release = true;
      r.expiresAt = 0;
      c.sendReliable(IaxSubclass.REGREL, regreqElements(c), nowMillis);
    }
    r.nextAttemptAt = Long.MAX_VALUE;
  }

  /**
   * Puts other peers and users in force (a configuration reload). Calls in progress keep the peer
   * or user they were set up with and go on; new calls and NEWs see the new lists. Our registration
   * to a peer that is gone, changed or no longer registers is released (REGREL); one to a new or
   * changed peer starts now (not while draining). Registrations to us of a user that is gone are
   * forgotten.
   */
  public void replacePeers(
      List<ProtocolConfig.Peer> peers, List<ProtocolConfig.User> users, long nowMillis) {
    for (var it = clients.entrySet().iterator(); it.hasNext(); ) {
      ClientRegistration r = it.next().getValue();
      ProtocolConfig.Peer now =
          peers.stream().filter(p -> p.name().equals(r.peer.name())).findFirst().orElse(null);
      if (now == null || !now.equals(r.peer) || !now.register()) {
        release(r, nowMillis);
        it.remove();
      }
    }
    config = config.withPeers(peers, users);
    for (ProtocolConfig.Peer p : peers) {
      if (p.register() && !clients.containsKey(p.name())) {
        ClientRegistration r = new ClientRegistration(p, nowMillis);
        if (draining) {
          r.nextAttemptAt = Long.MAX_VALUE;
        }
        clients.put(p.name(), r);
      }
    }
    registrar.keySet().removeIf(u -> users.stream().noneMatch(x -> x.name().equals(u)));
  }

  /** Hangs up every call (the endpoint is closing). */
  public void close(long nowMillis) {
    drain(nowMillis);
    for (IaxCall c : new ArrayList<>(bySerial.values())) {
      if (c.isCall() && c.state != IaxCall.State.LINGER) {
        hangup(c.id, HangupCause.NORMAL_CLEARING, nowMillis);
      }
    }
  }

  /** Runs timers due by {@code nowMillis}: retransmissions, PINGs, linger, registrations. */
  public void tick(long nowMillis) {
    try {
      scratch.clear();
      scratch.addAll(bySerial.values()); // timers may end and forget calls
      for (int i = 0; i < scratch.size(); i++) {
        tickCall(scratch.get(i), nowMillis);
      }
      scratch.clear();
      tickRegistrations(nowMillis);
    } catch (RuntimeException e) {
      stats.internalErrors++;
    }
  }

  private void tickCall(IaxCall c, long now) {
    if (c.state == IaxCall.State.LINGER && now >= c.lingerUntil) {
      forget(c);
      return;
    }
    if (!c.retransmitDue(now)) {
      giveUp(c, now);
      return;
    }
    long age = now - c.stateSince;
    if ((c.state == IaxCall.State.AUTHREQ_SENT || c.state == IaxCall.State.REGAUTH_SENT)
        && age > AUTH_TIMEOUT_MILLIS) {
      c.sendHangup(IaxSubclass.REJECT, HangupCause.TIMER_EXPIRY, now);
      c.end(HangupCause.TIMER_EXPIRY, true, now);
    } else if (c.state == IaxCall.State.OFFERED && age > OFFER_TIMEOUT_MILLIS) {
      c.sendHangup(IaxSubclass.REJECT, HangupCause.NO_ANSWER, now);
      c.end(HangupCause.NO_ANSWER, false, now);
    } else if (c.state == IaxCall.State.UP && now >= c.nextPingAt) {
      c.nextPingAt = now + config.pingIntervalMillis();
      c.pingTs = c.nextTs(now);
      c.pingSentAt = now;
      c.sendReliableAt(FrameType.IAX.code(), IaxSubclass.PING.code(), new byte[0], c.pingTs, now);
    }
  }

  /** Retransmissions exhausted: the far end is gone (Asterisk: "Max retries exceeded"). */
  private void giveUp(IaxCall c, long now) {
    if (c.kind == IaxCall.Kind.REG_OUT && c.state == IaxCall.State.REGREQ_SENT) {
      registrationFailed(c, "no answer", now);
    }
    if (c.state != IaxCall.State.LINGER) {
      c.end(HangupCause.TIMER_EXPIRY, true, now);
    }
    forget(c);
  }

  /** The earliest time {@link #tick} has work (retransmission, PING, linger, registration). */
  public long nextDeadline() {
    long t = Long.MAX_VALUE;
    for (IaxCall c : bySerial.values()) {
      t = Math.min(t, c.nextDue());
      if (c.state == IaxCall.State.AUTHREQ_SENT || c.state == IaxCall.State.REGAUTH_SENT) {
        t = Math.min(t, c.stateSince + AUTH_TIMEOUT_MILLIS + 1);
      } else if (c.state == IaxCall.State.OFFERED) {
        t = Math.min(t, c.stateSince + OFFER_TIMEOUT_MILLIS + 1);
      }
    }
    for (ClientRegistration r : clients.values()) {
      if (r.transaction == null) {
        t = Math.min(t, r.nextAttemptAt);
      }
    }
    long soonest = Long.MAX_VALUE;
    for (Iax2Endpoint.Registration r : registrar.values()) {
      soonest = Math.min(soonest, r.expiresAtMillis());
    }
    return Math.min(t, soonest);
  }

  private IaxCall create(
      IaxCall.Kind kind, InetSocketAddress remote, int remoteCall, IaxCall.State s, long now) {
    int n = freeCallNumber();
    IaxCall c = new IaxCall(this, new CallId(++serials, n), kind, remote, remoteCall, s, now);
    byLocal[n] = c;
    bySerial.put(c.id.serial(), c);
    if (remoteCall != 0) {
      byRemote.put(new RemoteKey(remote, remoteCall), c);
    }
    tableSize++;
    return c;
  }

  /** A call number in use by no entry, lingering ones included (RFC 5456 8.1.1: 1..32767). */
  private int freeCallNumber() {
    for (int i = 0; i < 0x7FFF; i++) {
      int n = nextCallNumber;
      nextCallNumber = nextCallNumber >= 0x7FFF ? 1 : nextCallNumber + 1;
      if (byLocal[n] == null) {
        return n;
      }
    }
    throw new IllegalStateException("no free call number");
  }

  /** Removes a call from the table; its number may be used again. */
  void forget(IaxCall c) {
    if (bySerial.remove(c.id.serial()) == null) {
      return;
    }
    byLocal[c.localCall()] = null;
    if (c.remoteCall != 0) {
      byRemote.remove(new RemoteKey(c.remote, c.remoteCall), c);
    }
    tableSize--;
    for (ClientRegistration r : clients.values()) {
      if (c.id.equals(r.transaction)) {
        r.transaction = null;
      }
    }
  }

  /** Calls that are not over (lingering entries not counted). */
  public int activeCalls() {
    int n = 0;
    for (IaxCall c : bySerial.values()) {
      if (c.isCall() && c.state != IaxCall.State.LINGER) {
        n++;
      }
    }
    return n;
  }

  /** Entries of the index by far address and call number (test hook: bounded like the table). */
  int remoteIndexSize() {
    return byRemote.size();
  }

  /** Entries in the call table: calls, registration transactions and lingering ones. */
  public int tableSize() {
    return tableSize;
  }

  void send(InetSocketAddress to, byte[] datagram) {
    output.send(to, datagram);
  }

  void sendBorrowed(InetSocketAddress to, byte[] datagram, int len) {
    output.sendBorrowed(to, datagram, len);
  }

  void event(ProtocolEvent e) {
    output.event(e);
  }

  private void tickRegistrations(long now) {
    for (ClientRegistration r : clients.values()) {
      if (r.transaction != null || now < r.nextAttemptAt || draining) {
        continue;
      }
      if (tableSize >= config.maxCalls()) {
        r.nextAttemptAt = now + 1000;
        continue;
      }
      IaxCall c = create(IaxCall.Kind.REG_OUT, r.peer.address(), 0, IaxCall.State.REGREQ_SENT, now);
      c.peer = r.peer;
      r.transaction = c.id;
      r.nextAttemptAt = Long.MAX_VALUE;
      c.sendReliable(IaxSubclass.REGREQ, regreqElements(c), now);
    }
    List<String> expired = new ArrayList<>();
    for (Iax2Endpoint.Registration r : registrar.values()) {
      if (r.expiresAtMillis() <= now) {
        expired.add(r.user());
      }
    }
    for (String u : expired) {
      registrar.remove(u);
      event(new ProtocolEvent.UserUnregistered(u, "expired"));
    }
  }

  /** USERNAME, REFRESH and (when configured or given) CALLTOKEN of our REGREQ. */
  List<InformationElement> regreqElements(IaxCall c) {
    List<InformationElement> ies = new ArrayList<>(3);
    ies.add(InformationElement.of(IeType.USERNAME, c.peer.username()));
    if (!c.release) {
      ies.add(InformationElement.of(IeType.REFRESH, c.peer.refreshSeconds(), 2));
    }
    if (c.peer.sendCallToken() || c.callToken.length > 0) {
      ies.add(InformationElement.of(IeType.CALLTOKEN, c.callToken));
    }
    return ies;
  }

  void registered(IaxCall c, long refreshSeconds, long now) {
    ClientRegistration r = clients.get(c.peer.name());
    long refresh = Math.max(10, refreshSeconds);
    if (r != null) {
      r.expiresAt = now + refresh * 1000;
      // iaxmodem re-registers 5 s before the granted refresh runs out.
      r.nextAttemptAt = now + (refresh - 5) * 1000;
      r.transaction = null;
      event(new ProtocolEvent.Registered(c.peer.name(), r.expiresAt));
    }
    c.end(HangupCause.NORMAL_CLEARING, false, now);
  }

  void registrationFailed(IaxCall c, String reason, long now) {
    ClientRegistration r = clients.get(c.peer.name());
    if (r != null && !c.release) {
      r.transaction = null;
      r.nextAttemptAt = now + Math.min(REGISTRATION_RETRY_MILLIS, c.peer.refreshSeconds() * 1000L);
      event(new ProtocolEvent.RegistrationFailed(c.peer.name(), reason));
    }
    if (c.state != IaxCall.State.LINGER) {
      c.end(HangupCause.NORMAL_CLEARING, true, now);
    }
  }

  private void registrarRequest(FullFrame f, InetSocketAddress from, long now) {
    String name = Frames.text(f, IeType.USERNAME);
    ProtocolConfig.User user = null;
    for (ProtocolConfig.User u : config.users()) {
      if (!name.isEmpty() && u.name().equals(name)) {
        user = u;
      }
    }
    boolean required = user == null || user.requireCallToken();
    if (!callTokenPasses(f, from, required, now)) {
      return;
    }
    if (tableSize >= config.maxCalls()) {
      stats.rejectedOverCapacity++;
      apathetic(f, from, IaxSubclass.REGREJ, causeIes(HangupCause.CONGESTION));
      return;
    }
    IaxCall c = create(IaxCall.Kind.REG_IN, from, f.sourceCall(), IaxCall.State.REGAUTH_SENT, now);
    c.user = user;
    c.request = f;
    c.iSeqno = (f.oSeqno() + 1) & 0xFF;
    c.sendAck(f.timestamp());
    if (user == null || draining) {
      refuseRegistration(c, now);
      return;
    }
    if (user.secret().isEmpty()) {
      registrarDecide(c, f, true, now);
      return;
    }
    c.challenge = challenge();
    c.sendReliable(
        IaxSubclass.REGAUTH,
        List.of(
            InformationElement.of(IeType.AUTHMETHODS, authBits(user), 2),
            InformationElement.of(IeType.CHALLENGE, c.challenge),
            InformationElement.of(IeType.USERNAME, user.name())),
        now);
  }

  /** REGACK or REGREJ for an authenticated (or not) REGREQ/REGREL (RFC 5456 6.2-6.4). */
  void registrarDecide(IaxCall c, FullFrame f, boolean ok, long now) {
    if (!ok) {
      stats.authFailures++;
      refuseRegistration(c, now);
      return;
    }
    String user = c.user.name();
    if (f.iaxSubclass() == IaxSubclass.REGREL) {
      registrar.remove(user);
      event(new ProtocolEvent.UserUnregistered(user, "REGREL"));
      c.sendReliable(
          IaxSubclass.REGACK, List.of(InformationElement.of(IeType.USERNAME, user)), now);
      c.end(HangupCause.NORMAL_CLEARING, false, now);
      return;
    }
    long asked = Frames.number(f, IeType.REFRESH, 60);
    long refresh = Math.max(10, Math.min(asked, c.user.maxRefreshSeconds()));
    long expires = now + refresh * 1000;
    registrar.put(
        user, new Iax2Endpoint.Registration(user, RegistrarElements.hostPort(c.remote), expires));
    event(new ProtocolEvent.UserRegistered(user, c.remote, expires));
    List<InformationElement> ies = new ArrayList<>(4);
    ies.add(InformationElement.of(IeType.USERNAME, user));
    ies.add(InformationElement.of(IeType.DATETIME, RegistrarElements.dateTime(now), 4));
    ies.add(InformationElement.of(IeType.REFRESH, refresh, 2));
    byte[] apparent = RegistrarElements.apparentAddress(c.remote);
    if (apparent != null) {
      ies.add(InformationElement.of(IeType.APPARENT_ADDR, apparent));
    }
    c.sendReliable(IaxSubclass.REGACK, ies, now);
    c.end(HangupCause.NORMAL_CLEARING, false, now);
  }

  private void refuseRegistration(IaxCall c, long now) {
    c.sendHangup(IaxSubclass.REGREJ, CallHandlers.REGISTRATION_REFUSED, now);
    c.end(CallHandlers.REGISTRATION_REFUSED, false, now);
  }

  /** Registrations held by us as registrar. */
  public List<Iax2Endpoint.Registration> registrations() {
    return List.copyOf(registrar.values());
  }

  /** Counters since creation. */
  public Stats stats() {
    Counters s = stats;
    return new Stats(
        s.datagrams,
        s.malformed,
        s.unknownCall,
        s.invalSent,
        s.duplicates,
        s.outOfOrder,
        s.vnaksSent,
        s.retransmissions,
        s.callTokensIssued,
        s.callTokensRejected,
        s.rejectedWithoutToken,
        s.rejectedOverCapacity,
        s.authFailures,
        s.unexpected,
        s.internalErrors);
  }

  /**
   * Counters of a protocol object.
   *
   * @param internalErrors exceptions caught at the edge: always 0 unless there is a bug
   */
  public record Stats(
      long datagrams,
      long malformed,
      long unknownCall,
      long invalSent,
      long duplicates,
      long outOfOrder,
      long vnaksSent,
      long retransmissions,
      long callTokensIssued,
      long callTokensRejected,
      long rejectedWithoutToken,
      long rejectedOverCapacity,
      long authFailures,
      long unexpected,
      long internalErrors) {}
}
