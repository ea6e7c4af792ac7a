package org.faxgw.iax2.protocol;

import java.net.InetSocketAddress;
import org.faxgw.iax2.HangupCause;
import org.faxgw.iax2.MediaFormat;

/** What an {@link Iax2Protocol} reports to its endpoint through {@link ProtocolOutput#event}. */
public sealed interface ProtocolEvent {

  /**
   * A NEW passed the CALLTOKEN and authentication checks and waits for {@link Iax2Protocol#answer}
   * or {@link Iax2Protocol#reject}.
   *
   * @param calledNumber CALLED_NUMBER, else DNID, else RDNIS (may be empty)
   * @param callingNumber CALLING_NUMBER, empty when absent or presentation restricted
   * @param callingName CALLING_NAME, empty when absent or presentation restricted
   * @param presentationRestricted CALLINGPRES (RFC 5456 8.6.29) says not to show the caller
   * @param user the configured user (USERNAME) it authenticated as, empty when anonymous
   * @param remote the far end's address
   * @param format the codec chosen from FORMAT/CAPABILITY (FORMAT2/CAPABILITY2 when present)
   */
  record IncomingCall(
      CallId call,
      String calledNumber,
      String callingNumber,
      String callingName,
      boolean presentationRestricted,
      String user,
      InetSocketAddress remote,
      MediaFormat format)
      implements ProtocolEvent {}

  /** The far end accepted our NEW (ACCEPT) with this codec; ringing or answer follows. */
  record Accepted(CallId call, MediaFormat format) implements ProtocolEvent {}

  /** CONTROL RINGING. */
  record Ringing(CallId call) implements ProtocolEvent {}

  /** CONTROL PROGRESS (call progress, RFC 5456 8.3 subclass 14). */
  record Progress(CallId call) implements ProtocolEvent {}

  /** The call is up: we got CONTROL ANSWER, or we answered. Media may flow from now on. */
  record Answered(CallId call, MediaFormat format) implements ProtocolEvent {}

  /**
   * The call ended (reported exactly once per call): HANGUP, REJECT, BUSY, CONGESTION, INVAL, our
   * own hangup, or retransmissions exhausted ({@link HangupCause#TIMER_EXPIRY}).
   *
   * @param byRemote true when the far end or the network ended it
   */
  record Ended(CallId call, HangupCause cause, boolean byRemote) implements ProtocolEvent {}

  /** A PONG or LAGRP answered our PING or LAGRQ after {@code rttMillis}. */
  record RoundTrip(CallId call, long rttMillis) implements ProtocolEvent {}

  /** We registered to a configured peer (REGACK); we re-register before {@code expiresAtMillis}. */
  record Registered(String peer, long expiresAtMillis) implements ProtocolEvent {}

  /** Our registration to a configured peer was refused (REGREJ) or timed out; we retry later. */
  record RegistrationFailed(String peer, String reason) implements ProtocolEvent {}

  /** A user registered to us (we are its registrar), or refreshed its registration. */
  record UserRegistered(String user, InetSocketAddress address, long expiresAtMillis)
      implements ProtocolEvent {}

  /** A user's registration to us ended: REGREL or expiry. */
  record UserUnregistered(String user, String reason) implements ProtocolEvent {}
}
