package org.faxgw.iax2;

/**
 * A handle on one call of an {@link Iax2Endpoint}. Methods may be called from any thread; they
 * queue the action on the call's event loop.
 */
public interface Iax2Call {
  /** A short id for logs, e.g. "peer/4/17" (peer name, our and their call numbers). */
  String id();

  /** The codec in use, or null before it is chosen. */
  MediaFormat format();

  /** Ends the call with HANGUP and this cause (no-op once ended). */
  void hangup(HangupCause cause);
}
