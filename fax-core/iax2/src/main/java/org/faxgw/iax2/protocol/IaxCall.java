package org.faxgw.iax2.protocol;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.faxgw.iax2.FrameType;
import org.faxgw.iax2.FullFrame;
import org.faxgw.iax2.HangupCause;
import org.faxgw.iax2.Iax2FrameEncoder;
import org.faxgw.iax2.IaxSubclass;
import org.faxgw.iax2.IeType;
import org.faxgw.iax2.InformationElement;
import org.faxgw.iax2.MediaFormat;

/**
 * One call or registration transaction: call numbers, sequence numbers (RFC 5456 section 7), the
 * queue of unacknowledged full frames and their retransmission, and the state. The handlers of each
 * kind of transaction live in {@link CallHandlers}; this class holds the state and the reliable
 * transport of frames. Confined to the protocol's thread.
 */
final class IaxCall {
  enum Kind {
    CALL_OUT,
    CALL_IN,
    REG_OUT,
    REG_IN
  }

  enum State {
    /** CALL_OUT: NEW sent, waiting for ACCEPT, AUTHREQ, CALLTOKEN or REJECT. */
    NEW_SENT,
    /** CALL_OUT: AUTHREP sent. */
    AUTHREP_SENT,
    /** CALL_OUT: ACCEPT received, waiting for ANSWER. */
    ACCEPTED,
    /** CALL_IN: AUTHREQ sent, waiting for AUTHREP. */
    AUTHREQ_SENT,
    /** CALL_IN: offered to the endpoint, waiting for answer or reject. */
    OFFERED,
    /** A call with media. */
    UP,
    /** REG_OUT: REGREQ (or REGREL) sent. */
    REGREQ_SENT,
    /** REG_IN: REGAUTH sent. */
    REGAUTH_SENT,
    /** Ended: kept to re-ACK retransmissions until {@link #lingerUntil}. */
    LINGER
  }

  final Iax2Protocol protocol;
  final CallId id;
  final Kind kind;
  final InetSocketAddress remote;
  final long startMillis;
  int remoteCall;
  State state;
  long stateSince;

  int oSeqno;
  int iSeqno;
  private int vnakSentFor = -1;
  private long lastTs;
  private final ArrayDeque<Pending> unacked = new ArrayDeque<>();
  long rtt;
  private int rttProbe = -1;
  private long rttProbeSent;

  // Set-up.
  ProtocolConfig.Peer peer;
  ProtocolConfig.User user;
  String number = "";

  /** CALL_IN/REG_IN: the NEW or REGREQ that began it. */
  FullFrame request;

  String challenge = "";
  byte[] callToken = new byte[0];
  int callTokenRounds;
  int authRounds;

  /** REG_OUT: this transaction releases the registration (REGREL) instead of making it. */
  boolean release;

  MediaFormat format;
  boolean endReported;
  long lingerUntil;

  // Keep-alive.
  long nextPingAt;
  long pingTs = -1;
  long pingSentAt;

  // Media (see CallMedia).
  CallMedia media;

  IaxCall(
      Iax2Protocol protocol,
      CallId id,
      Kind kind,
      InetSocketAddress remote,
      int remoteCall,
      State state,
      long now) {
    this.protocol = protocol;
    this.id = id;
    this.kind = kind;
    this.remote = remote;
    this.remoteCall = remoteCall;
    this.state = state;
    this.startMillis = now;
    this.stateSince = now;
  }

  int localCall() {
    return id.localCall();
  }

  boolean isCall() {
    return kind == Kind.CALL_IN || kind == Kind.CALL_OUT;
  }

  void enter(State s, long now) {
    state = s;
    stateSince = now;
  }

  /** A timestamp for a non-voice full frame: ms since the call began, strictly increasing. */
  long nextTs(long now) {
    long ts = Math.max(now - startMillis, lastTs + 3); // libiax2 steps by 3 when the clock stands
    lastTs = ts;
    return ts & 0xFFFFFFFFL;
  }

  /** Sends an IAX frame that counts in OSeqno and is retransmitted until acknowledged. */
  void sendReliable(IaxSubclass sub, List<InformationElement> ies, long now) {
    sendReliable(FrameType.IAX.code(), sub.code(), Iax2FrameEncoder.informationElements(ies), now);
  }

  void sendReliable(int type, long subclass, byte[] payload, long now) {
    sendReliableAt(type, subclass, payload, nextTs(now), now);
  }

  void sendReliableAt(int type, long subclass, byte[] payload, long ts, long now) {
    byte[] b =
        Iax2FrameEncoder.full(
            localCall(), remoteCall, false, ts, oSeqno, iSeqno, type, subclass, payload);
    long interval = protocol.config().retransmit().first(rtt);
    unacked.addLast(new Pending(oSeqno, b, now + interval, interval));
    if (rttProbe < 0) {
      rttProbe = oSeqno; // the round trip is measured on the first frame in flight
      rttProbeSent = now;
    }
    oSeqno = (oSeqno + 1) & 0xFF;
    protocol.send(remote, b);
  }

  /** An ACK (RFC 5456 8.4: not counted in OSeqno, echoes the timestamp of what it acknowledges). */
  void sendAck(long ts) {
    sendUncounted(IaxSubclass.ACK, ts, List.of());
  }

  void sendUncounted(IaxSubclass sub, long ts, List<InformationElement> ies) {
    protocol.send(
        remote, Iax2FrameEncoder.iax(localCall(), remoteCall, ts, oSeqno, iSeqno, sub, ies));
  }

  /**
   * Starts the transaction again from sequence number 0: after a CALLTOKEN reply the NEW or REGREQ
   * is sent again, with the token, as a new transaction (Asterisk's handle_call_token).
   */
  void resetSequence() {
    unacked.clear();
    rttProbe = -1;
    oSeqno = 0;
    iSeqno = 0;
    vnakSentFor = -1;
    remoteCall = 0;
  }

  /**
   * Sequencing of a received full frame (RFC 5456 section 7): implicit acknowledgement through its
   * ISeqno, then in-order delivery; a repeat is acknowledged again, a frame from beyond a gap gets
   * a VNAK.
   *
   * @return true when the frame is new and in order and should be handled
   */
  boolean accept(FullFrame f, long now) {
    IaxSubclass sub = f.iaxSubclass();
    acknowledgeUpTo(f.iSeqno(), now);
    if (sub == IaxSubclass.ACK || sub == IaxSubclass.TXCNT || sub == IaxSubclass.TXACC) {
      return false;
    }
    if (sub == IaxSubclass.VNAK) {
      retransmitFrom(f.iSeqno(), now);
      return false;
    }
    if (sub == IaxSubclass.INVAL) {
      return true; // handled by the caller whatever its sequence number
    }
    int d = (f.oSeqno() - iSeqno) & 0xFF;
    if (d == 0) {
      iSeqno = (iSeqno + 1) & 0xFF;
      sendAck(f.timestamp());
      return true;
    }
    if (d >= 128) {
      protocol.stats.duplicates++;
      sendAck(f.timestamp());
      return false;
    }
    protocol.stats.outOfOrder++;
    if (vnakSentFor != iSeqno) {
      vnakSentFor = iSeqno;
      sendUncounted(IaxSubclass.VNAK, f.timestamp(), List.of());
      protocol.stats.vnaksSent++;
    }
    return false;
  }

  /**
   * Every frame before {@code iseq} has arrived at the far end. An ISeqno outside the frames in
   * flight (junk, or an old frame) acknowledges nothing.
   */
  void acknowledgeUpTo(int iseq, long now) {
    if (unacked.isEmpty()) {
      return;
    }
    int first = unacked.peekFirst().oSeqno;
    int inFlight = (oSeqno - first) & 0xFF;
    int acked = (iseq - first) & 0xFF;
    if (acked == 0 || acked > inFlight) {
      return;
    }
    for (int i = 0; i < acked && !unacked.isEmpty(); i++) {
      Pending p = unacked.pollFirst();
      if (p.oSeqno == rttProbe) {
        rtt = now - rttProbeSent;
        rttProbe = -1;
      }
    }
  }

  /** RFC 5456 8.4 VNAK: resend, in order, every unacknowledged frame from {@code iseq} on. */
  void retransmitFrom(int iseq, long now) {
    for (Pending p : unacked) {
      if (!Frames.before(p.oSeqno, iseq)) {
        resend(p, now);
      }
    }
  }

  private void resend(Pending p, long now) {
    if (p.oSeqno == rttProbe) {
      rttProbe = -1; // Karn: no round trip from a retransmitted frame
    }
    protocol.stats.retransmissions++;
    protocol.send(remote, Iax2FrameEncoder.withRetransmitBit(p.frame));
  }

  boolean hasUnacked() {
    return !unacked.isEmpty();
  }

  /**
   * Retransmissions due by {@code now}.
   *
   * @return false when a frame ran out of retries (the far end is gone)
   */
  boolean retransmitDue(long now) {
    ProtocolConfig.Retransmit r = protocol.config().retransmit();
    for (Pending p : unacked) {
      if (p.nextAt > now) {
        continue;
      }
      if (p.retries >= r.maxRetries()) {
        unacked.clear();
        return false;
      }
      p.retries++;
      p.interval = r.next(p.interval);
      p.nextAt = now + p.interval;
      resend(p, now);
    }
    return true;
  }

  /** The earliest time something of this call is due. */
  long nextDue() {
    long t = Long.MAX_VALUE;
    for (Pending p : unacked) {
      t = Math.min(t, p.nextAt);
    }
    if (state == State.UP) {
      t = Math.min(t, nextPingAt);
    }
    if (state == State.LINGER) {
      t = Math.min(t, lingerUntil);
    }
    return t;
  }

  /** Ends the call: reports it once, then lingers. */
  void end(HangupCause cause, boolean byRemote, long now) {
    if (isCall() && !endReported) {
      endReported = true;
      protocol.event(new ProtocolEvent.Ended(id, cause, byRemote));
    }
    enter(State.LINGER, now);
    lingerUntil = now + protocol.config().lingerMillis();
  }

  /** Sends HANGUP with CAUSE and CAUSECODE (RFC 5456 8.6.20, 8.6.21). */
  void sendHangup(IaxSubclass sub, HangupCause cause, long now) {
    List<InformationElement> ies = new ArrayList<>(2);
    if (!cause.text().isEmpty()) {
      ies.add(InformationElement.of(IeType.CAUSE, cause.text()));
    }
    if (cause.code() > 0) {
      ies.add(InformationElement.of(IeType.CAUSECODE, cause.code(), 1));
    }
    sendReliable(sub, ies, now);
  }

  @Override
  public String toString() {
    return kind + " " + id + " " + state + " " + remote + "/" + remoteCall;
  }
}
