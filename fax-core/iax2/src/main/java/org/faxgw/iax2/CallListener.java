package org.faxgw.iax2;

/**
 * Signalling events of one call, delivered on the transport's event loop; must not block. Default
 * methods ignore the event.
 */
public interface CallListener {
  /** The far end is alerting (CONTROL RINGING). */
  default void ringing() {}

  /** The far end sent PROGRESS (in-band information may follow). */
  default void progress() {}

  /**
   * The call is up (we dialled and got ANSWER, or we answered). Media flows from now on through
   * {@code audio}'s owner: the endpoint drives the {@link CallAudio} given to dial/answer.
   */
  default void answered(MediaFormat format) {}

  /**
   * A round trip was measured on this call: our PING answered by PONG, or LAGRQ by LAGRP (RFC 5456
   * 6.7.1-6.7.2).
   */
  default void roundTrip(long rttMillis) {}

  /**
   * The call ended: hangup or reject from the far end, a refusal (BUSY, CONGESTION, REJECT,
   * REGREJ-style auth failure) or our own hangup, or lost signalling (retransmissions exhausted:
   * {@link HangupCause#TIMER_EXPIRY}). Called exactly once per call.
   *
   * @param byRemote true when the far end (or the network) ended it
   */
  void ended(HangupCause cause, boolean byRemote);
}
