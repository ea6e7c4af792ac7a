package org.faxgw.iax2.protocol;

import java.util.ArrayList;
import java.util.List;
import org.faxgw.iax2.ControlSubclass;
import org.faxgw.iax2.FrameType;
import org.faxgw.iax2.FullFrame;
import org.faxgw.iax2.HangupCause;
import org.faxgw.iax2.IaxSubclass;
import org.faxgw.iax2.IeType;
import org.faxgw.iax2.InformationElement;
import org.faxgw.iax2.MediaFormat;

/**
 * The handlers of a call's states: one method per state (ARCHITECTURE.md rule 4), each taking an
 * in-order full frame; what a state does not expect goes to {@link #unexpected}. RFC 5456 section 6
 * (call set-up and tear-down), 6.2-6.4 (registration), 8.4 (IAX subclasses).
 */
final class CallHandlers {
  /** Q.850 58: bearer capability not presently available (no common codec). */
  static final HangupCause NO_CODEC = new HangupCause(58, "No matching codec support");

  /** Q.850 21 with the words Asterisk uses when authentication fails. */
  static final HangupCause AUTH_FAILED = new HangupCause(21, "No authority found");

  /** Q.850 29: facility rejected (registration refused). */
  static final HangupCause REGISTRATION_REFUSED = new HangupCause(29, "Registration Refused");

  private CallHandlers() {}

  /** Dispatches an in-order frame to the handler of the call's state. */
  static void handle(IaxCall c, FullFrame f, long now) {
    if (common(c, f, now)) {
      return;
    }
    switch (c.state) {
      case NEW_SENT, AUTHREP_SENT -> newSent(c, f, now);
      case ACCEPTED -> accepted(c, f, now);
      case AUTHREQ_SENT -> authreqSent(c, f, now);
      case OFFERED -> offered(c, f, now);
      case UP -> up(c, f, now);
      case REGREQ_SENT -> regreqSent(c, f, now);
      case REGAUTH_SENT -> regauthSent(c, f, now);
      case LINGER -> {
        // Acknowledged already; nothing more to do for an ended call.
      }
    }
  }

  /** What every state answers the same way: keep-alives, INVAL, transfers. */
  private static boolean common(IaxCall c, FullFrame f, long now) {
    IaxSubclass sub = f.iaxSubclass();
    if (sub == null) {
      return false;
    }
    switch (sub) {
      case INVAL -> {
        // RFC 5456 8.4: the far end knows no such call.
        c.end(HangupCause.NETWORK_OUT_OF_ORDER, true, now);
        c.protocol.forget(c);
        return true;
      }
      case PING -> {
        if (c.state != IaxCall.State.LINGER) {
          c.sendReliableAt(
              FrameType.IAX.code(),
              IaxSubclass.PONG.code(),
              org.faxgw.iax2.Iax2FrameEncoder.informationElements(receptionReport(c)),
              f.timestamp(),
              now);
        }
        return true;
      }
      case LAGRQ -> {
        if (c.state != IaxCall.State.LINGER) {
          c.sendReliableAt(
              FrameType.IAX.code(), IaxSubclass.LAGRP.code(), new byte[0], f.timestamp(), now);
        }
        return true;
      }
      case PONG, LAGRP -> {
        if (c.pingTs >= 0 && f.timestamp() == c.pingTs) {
          long rtt = now - c.pingSentAt;
          c.rtt = rtt;
          c.pingTs = -1;
          c.protocol.event(new ProtocolEvent.RoundTrip(c.id, rtt));
        }
        return true;
      }
      case TXREQ -> {
        c.sendReliable(IaxSubclass.TXREJ, List.of(), now); // no native transfers
        return true;
      }
      case POKE, TXCNT, TXACC, TXREADY, TXREL, TXREJ, QUELCH, UNQUELCH, MWI, UNSUPPORT -> {
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /** The RR_* IEs of a PONG (RFC 5456 8.6.35-8.6.40) from the playout buffer's counters. */
  private static List<InformationElement> receptionReport(IaxCall c) {
    List<InformationElement> ies = new ArrayList<>(6);
    long gaps = 0;
    long played = 0;
    long dropped = 0;
    long ooo = c.protocol.stats.outOfOrder;
    if (c.media != null) {
      var s = c.media.playoutStats();
      gaps = s.gaps();
      played = s.played();
      dropped = s.late() + s.duplicates() + s.tooEarly();
    }
    long total = played + gaps;
    int lossPct = total == 0 ? 0 : (int) Math.min(100, gaps * 100 / total);
    ies.add(InformationElement.of(IeType.RR_JITTER, 0, 4));
    ies.add(InformationElement.of(IeType.RR_LOSS, ((long) lossPct << 24) | (gaps & 0xFFFFFF), 4));
    ies.add(InformationElement.of(IeType.RR_PKTS, played & 0xFFFFFFFFL, 4));
    ies.add(
        InformationElement.of(
            IeType.RR_DELAY, c.protocol.config().playoutDelayMillis() & 0xFFFF, 2));
    ies.add(InformationElement.of(IeType.RR_DROPPED, dropped & 0xFFFFFFFFL, 4));
    ies.add(InformationElement.of(IeType.RR_OOO, ooo & 0xFFFFFFFFL, 4));
    return ies;
  }

  /** NEW_SENT and AUTHREP_SENT: waiting for the callee's decision. */
  private static void newSent(IaxCall c, FullFrame f, long now) {
    IaxSubclass sub = f.iaxSubclass();
    if (sub == IaxSubclass.AUTHREQ && c.state == IaxCall.State.NEW_SENT) {
      List<InformationElement> answer = authAnswer(c, f);
      if (answer == null) {
        refuse(c, new HangupCause(21, "No usable authentication method"), now);
        return;
      }
      c.sendReliable(IaxSubclass.AUTHREP, answer, now);
      c.enter(IaxCall.State.AUTHREP_SENT, now);
      return;
    }
    if (sub == IaxSubclass.ACCEPT) {
      MediaFormat m = CodecChoice.accepted(f);
      if (m == null) {
        m = c.format; // no FORMAT: what we asked for
      }
      if (!c.peer.codecs().contains(m)) {
        refuse(c, new HangupCause(58, "Unable to negotiate codec"), now);
        return;
      }
      c.format = m;
      c.media = new CallMedia(c, c.protocol.config().playoutDelayMillis());
      c.enter(IaxCall.State.ACCEPTED, now);
      c.protocol.event(new ProtocolEvent.Accepted(c.id, m));
      return;
    }
    if (!finalFromFarEnd(c, f, now)) {
      unexpected(c, f, now);
    }
  }

  /** The AUTHREP IEs for an AUTHREQ: MD5 when offered, plaintext only where configured. */
  static List<InformationElement> authAnswer(IaxCall c, FullFrame f) {
    long methods = Frames.number(f, IeType.AUTHMETHODS, 0);
    String challenge = Frames.text(f, IeType.CHALLENGE);
    String secret = c.peer.secret();
    if ((methods & AuthMethod.MD5.bit()) != 0 && c.peer.auth().contains(AuthMethod.MD5)) {
      return List.of(InformationElement.of(IeType.MD5_RESULT, Md5Auth.result(challenge, secret)));
    }
    if ((methods & AuthMethod.PLAINTEXT.bit()) != 0
        && c.peer.auth().contains(AuthMethod.PLAINTEXT)) {
      return List.of(InformationElement.of(IeType.PASSWORD, secret));
    }
    return null; // RSA only, or nothing we may use
  }

  /** ACCEPTED: waiting for ANSWER. */
  private static void accepted(IaxCall c, FullFrame f, long now) {
    ControlSubclass cs = f.controlSubclass();
    if (cs == ControlSubclass.RINGING) {
      c.protocol.event(new ProtocolEvent.Ringing(c.id));
      return;
    }
    if (cs == ControlSubclass.CALL_PROGRESS || cs == ControlSubclass.CALL_PROCEEDING) {
      c.protocol.event(new ProtocolEvent.Progress(c.id));
      return;
    }
    if (cs == ControlSubclass.ANSWER) {
      goUp(c, now);
      return;
    }
    if (f.type() == FrameType.VOICE) {
      voice(c, f); // early media
      return;
    }
    if (!finalFromFarEnd(c, f, now)) {
      unexpected(c, f, now);
    }
  }

  static void goUp(IaxCall c, long now) {
    c.enter(IaxCall.State.UP, now);
    c.nextPingAt = now + 2000; // libiax2 sends its first PING 2 s into the call
    c.protocol.event(new ProtocolEvent.Answered(c.id, c.format));
  }

  /** UP: media and the end of the call. */
  private static void up(IaxCall c, FullFrame f, long now) {
    if (f.type() == FrameType.VOICE) {
      voice(c, f);
      return;
    }
    ControlSubclass cs = f.controlSubclass();
    if (cs == ControlSubclass.ANSWER
        || cs == ControlSubclass.RINGING
        || cs == ControlSubclass.CALL_PROGRESS) {
      return;
    }
    if (!finalFromFarEnd(c, f, now)) {
      unexpected(c, f, now);
    }
  }

  private static void voice(IaxCall c, FullFrame f) {
    MediaFormat m = f.mediaFormat();
    if (m != null && c.media != null) {
      c.media.fullVoice(f.timestamp(), m, f.payload());
    }
  }

  /** HANGUP, REJECT, BUSY and CONGESTION from the far end end the call. */
  private static boolean finalFromFarEnd(IaxCall c, FullFrame f, long now) {
    IaxSubclass sub = f.iaxSubclass();
    if (sub == IaxSubclass.HANGUP) {
      c.end(Frames.cause(f, HangupCause.NORMAL_CLEARING), true, now);
      return true;
    }
    if (sub == IaxSubclass.REJECT) {
      c.end(Frames.cause(f, HangupCause.CALL_REJECTED), true, now);
      return true;
    }
    ControlSubclass cs = f.controlSubclass();
    if (cs == ControlSubclass.BUSY || cs == ControlSubclass.CONGESTION) {
      HangupCause cause =
          cs == ControlSubclass.BUSY ? HangupCause.USER_BUSY : HangupCause.CONGESTION;
      c.sendHangup(IaxSubclass.HANGUP, cause, now);
      c.end(cause, true, now);
      return true;
    }
    if (cs == ControlSubclass.HANGUP) {
      c.end(HangupCause.NORMAL_CLEARING, true, now);
      return true;
    }
    return false;
  }

  /** We give up on our own call: HANGUP with the cause. */
  private static void refuse(IaxCall c, HangupCause cause, long now) {
    c.sendHangup(IaxSubclass.HANGUP, cause, now);
    c.end(cause, false, now);
  }

  /** AUTHREQ_SENT: the caller's AUTHREP decides. */
  private static void authreqSent(IaxCall c, FullFrame f, long now) {
    if (f.iaxSubclass() == IaxSubclass.AUTHREP) {
      if (authenticated(c.user, c.challenge, f)) {
        c.protocol.offer(c, c.request, now);
      } else {
        c.protocol.stats.authFailures++;
        c.sendHangup(IaxSubclass.REJECT, AUTH_FAILED, now);
        c.end(AUTH_FAILED, false, now);
      }
      return;
    }
    if (!finalFromFarEnd(c, f, now)) {
      unexpected(c, f, now);
    }
  }

  /** Whether an AUTHREP or REGREQ proves the secret by a method the user may use. */
  static boolean authenticated(ProtocolConfig.User user, String challenge, FullFrame f) {
    if (f.element(IeType.RSA_RESULT).isPresent() && f.element(IeType.MD5_RESULT).isEmpty()) {
      return false; // RSA is refused
    }
    if (user.auth().contains(AuthMethod.MD5) && f.element(IeType.MD5_RESULT).isPresent()) {
      return !challenge.isEmpty()
          && Md5Auth.verify(challenge, user.secret(), Frames.text(f, IeType.MD5_RESULT));
    }
    if (user.auth().contains(AuthMethod.PLAINTEXT) && f.element(IeType.PASSWORD).isPresent()) {
      return java.security.MessageDigest.isEqual(
          user.secret().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
          Frames.text(f, IeType.PASSWORD).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }
    return false;
  }

  /** OFFERED: only the caller giving up matters until the endpoint decides. */
  private static void offered(IaxCall c, FullFrame f, long now) {
    if (!finalFromFarEnd(c, f, now)) {
      unexpected(c, f, now);
    }
  }

  /** REGREQ_SENT (we register): REGAUTH, REGACK or REGREJ. */
  private static void regreqSent(IaxCall c, FullFrame f, long now) {
    IaxSubclass sub = f.iaxSubclass();
    if (sub == IaxSubclass.REGAUTH && c.authRounds == 0) {
      c.authRounds++;
      List<InformationElement> answer = authAnswer(c, f);
      if (answer == null) {
        c.protocol.registrationFailed(c, "no usable authentication method", now);
        return;
      }
      List<InformationElement> ies = new ArrayList<>(c.protocol.regreqElements(c));
      ies.addAll(answer);
      c.sendReliable(c.release ? IaxSubclass.REGREL : IaxSubclass.REGREQ, ies, now);
      return;
    }
    if (sub == IaxSubclass.REGACK && c.release) {
      c.end(HangupCause.NORMAL_CLEARING, false, now);
      return;
    }
    if (sub == IaxSubclass.REGACK) {
      long refresh = Frames.number(f, IeType.REFRESH, c.peer.refreshSeconds());
      c.protocol.registered(c, refresh, now);
      return;
    }
    if (sub == IaxSubclass.REGREJ) {
      c.protocol.registrationFailed(c, Frames.cause(f, REGISTRATION_REFUSED).toString(), now);
      return;
    }
    unexpected(c, f, now);
  }

  /** REGAUTH_SENT (we are registrar): the REGREQ with MD5_RESULT decides. */
  private static void regauthSent(IaxCall c, FullFrame f, long now) {
    if (f.iaxSubclass() == IaxSubclass.REGREQ || f.iaxSubclass() == IaxSubclass.REGREL) {
      c.protocol.registrarDecide(c, f, authenticated(c.user, c.challenge, f), now);
      return;
    }
    unexpected(c, f, now);
  }

  /** One path for what a state does not expect: counted and otherwise ignored (already ACKed). */
  private static void unexpected(IaxCall c, FullFrame f, long now) {
    c.protocol.stats.unexpected++;
  }
}
