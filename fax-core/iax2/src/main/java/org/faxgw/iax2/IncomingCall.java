package org.faxgw.iax2;

/**
 * A NEW that passed authentication and CALLTOKEN checks, waiting for the gateway's decision. The
 * handler must call {@link #answer} or {@link #reject} (from any thread) soon; the endpoint rejects
 * calls left undecided for its ring timeout.
 *
 * @param calledNumber the DID: CALLED_NUMBER, else DNID, else RDNIS (may be empty)
 * @param callingNumber CALLING_NUMBER; empty when absent or presentation restricted
 * @param callingName CALLING_NAME; empty when absent or presentation restricted
 * @param presentationRestricted CALLINGPRES says the caller asked not to be shown
 * @param peer the configured user or peer name the call came from (USERNAME), may be empty
 * @param remoteAddress "host:port" of the far end
 */
public interface IncomingCall {
  String calledNumber();

  String callingNumber();

  String callingName();

  boolean presentationRestricted();

  String peer();

  String remoteAddress();

  /** The codec the endpoint chose from the caller's FORMAT/CAPABILITY. */
  MediaFormat format();

  /** Sends ACCEPT and ANSWER; from then on the endpoint drives {@code audio} every 20 ms. */
  Iax2Call answer(CallAudio audio, CallListener listener);

  /** Refuses the call (REJECT with this cause) before answering. */
  void reject(HangupCause cause);
}
