package org.faxgw.iax2;

/**
 * Why a call ended or was refused: a Q.850 cause code (IAX2 CAUSECODE IE, RFC 5456 8.6.21) and its
 * text (CAUSE IE, 8.6.20). Cause 0 means the far end gave none.
 *
 * @param code the Q.850 cause value, 0 when unknown
 * @param text the words sent or received with it (may be empty)
 */
public record HangupCause(int code, String text) {
  /** Q.850 1: unallocated (unassigned) number. */
  public static final HangupCause UNALLOCATED_NUMBER = new HangupCause(1, "Unallocated number");

  /** Q.850 16: normal call clearing. */
  public static final HangupCause NORMAL_CLEARING = new HangupCause(16, "Normal Clearing");

  /** Q.850 17: user busy. */
  public static final HangupCause USER_BUSY = new HangupCause(17, "User busy");

  /** Q.850 18: no user responding. */
  public static final HangupCause NO_USER_RESPONSE = new HangupCause(18, "No user responding");

  /** Q.850 19: no answer from user (user alerted). */
  public static final HangupCause NO_ANSWER = new HangupCause(19, "User alerting, no answer");

  /** Q.850 21: call rejected. */
  public static final HangupCause CALL_REJECTED = new HangupCause(21, "Call Rejected");

  /** Q.850 34: no circuit/channel available. */
  public static final HangupCause CONGESTION = new HangupCause(34, "Circuit/channel congestion");

  /** Q.850 38: network out of order. */
  public static final HangupCause NETWORK_OUT_OF_ORDER =
      new HangupCause(38, "Network out of order");

  /** Q.850 41: temporary failure. */
  public static final HangupCause TEMPORARY_FAILURE = new HangupCause(41, "Temporary failure");

  /** Q.850 42: switching equipment congestion. */
  public static final HangupCause SWITCH_CONGESTION =
      new HangupCause(42, "Switching equipment congestion");

  /** Q.850 102: recovery on timer expiry (we give up when the peer does not answer frames). */
  public static final HangupCause TIMER_EXPIRY = new HangupCause(102, "Recovery on timer expiry");

  public HangupCause {
    text = text == null ? "" : text;
  }

  @Override
  public String toString() {
    return code == 0 ? text : code + " " + text;
  }
}
