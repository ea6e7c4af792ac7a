package org.faxgw.t30;

/**
 * How a fax call ended, with HylaFAX's wording of the reason (its faxsend/faxgetty status text), so
 * that {@code faxstat} and notices read as HylaFAX users expect. The T.30 engine may add constants;
 * callers switch on {@link #success()} and {@link #retryable()}, never on the text.
 */
public enum FaxStatus {
  OK("", true, false),
  /** T.30 5.4.3.1: T1 ran out before DIS (sender) or DCS (receiver) was heard. */
  NO_RESPONSE("No receiver protocol (T.30 T1 timeout)", false, true),
  /** No fax tone or frame at all: a person or a voice system answered. */
  NO_ANSWER("No answer from remote", false, true),
  /** Every rate down to the lowest got FTT. */
  TRAINING_FAILED("Failure to train remote modem at 2400 bps or minimum speed", false, true),
  /** DIS and our capabilities have no rate, coding or width in common. */
  INCOMPATIBLE("Remote has no T.4 receiver capability", false, false),
  /** A DCS asked for what our DIS did not offer. */
  DCS_NOT_OFFERED("DCS requested capabilities we did not offer", false, true),
  /** A command was repeated three times without a response (T.30 5.4.3.3). */
  NO_RESPONSE_AFTER_COMMAND("No response to command repeated 3 tries", false, true),
  /** The far end sent DCN where a response was expected. */
  GOT_DCN("RSPREC error/got DCN", false, true),
  /** A response that T.30 does not allow here. */
  INVALID_RESPONSE("RSPREC invalid response received", false, true),
  /** A page was refused (RTN) more times than the retry rule allows. */
  PAGE_REJECTED("Unable to transmit page (giving up after RTN)", false, true),
  /** ECM: a block could not be delivered after the allowed PPR/CTC rounds (EOR). */
  ECM_BLOCK_FAILED("Unable to transmit page (ECM block given up)", false, true),
  /** The carrier or the call went away in the middle of the image. */
  REMOTE_DISCONNECTED("Remote fax disconnected prematurely", false, true),
  /** Receive side: the image carrier did not come after CFR/MCF. */
  NO_IMAGE_CARRIER("Timeout waiting for Phase C carrier", false, true),
  /** The local side ended the call (cancel, drain timeout, lease lost). */
  LOCAL_HANGUP("Call aborted locally", false, true),
  /** ECM: the receiver answered RNR for longer than T5 (T.30 A.4.4). */
  RECEIVER_NOT_READY("Receiver not ready for longer than T5 (RNR)", false, true),
  /** The far end asked for procedure interrupt (PIP/PIN): not supported, the call ended. */
  PROCEDURE_INTERRUPT("Procedure interrupt requested by remote (not supported)", false, true);

  private final String text;
  private final boolean success;
  private final boolean retryable;

  FaxStatus(String text, boolean success, boolean retryable) {
    this.text = text;
    this.success = success;
    this.retryable = retryable;
  }

  /** HylaFAX's wording of the reason; empty for success. */
  public String text() {
    return text;
  }

  public boolean success() {
    return success;
  }

  /** True when trying the call again later may help. */
  public boolean retryable() {
    return retryable;
  }
}
