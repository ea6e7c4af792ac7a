package org.faxgw.gateway.line.dispatch;

import org.faxgw.iax2.HangupCause;
import org.faxgw.t30.FaxResult;
import org.faxgw.t30.FaxStatus;

/** Classifies how a call ended: by the IAX2 hangup cause before answer, by T.30 after. */
public final class Outcomes {
  private Outcomes() {}

  /** The call ended before it was answered, with {@code cause} (Q.850). */
  public static CallOutcome notAnswered(HangupCause cause) {
    int c = cause == null ? 0 : cause.code();
    return switch (c) {
      // Q.850 1 unallocated number, 28 invalid number format: the number is wrong.
      case 1 -> new CallOutcome(CallOutcome.Kind.FAIL, false, "Unallocated number", 0, null);
      case 28 -> new CallOutcome(CallOutcome.Kind.FAIL, false, "Invalid number format", 0, null);
      // Q.850 17 user busy.
      case 17 -> new CallOutcome(CallOutcome.Kind.BUSY, false, "Busy signal detected", 0, null);
      // Q.850 18 no user responding, 19 no answer from user (user alerted).
      case 18, 19 ->
          new CallOutcome(CallOutcome.Kind.NO_ANSWER, false, "No answer from remote", 0, null);
      // Q.850 34 no circuit available, 38 network out of order, 41 temporary failure,
      // 42 switching equipment congestion.
      case 34, 38, 41, 42 ->
          new CallOutcome(
              CallOutcome.Kind.RETRY, false, "Network congestion (" + cause + ")", 0, null);
      default ->
          new CallOutcome(
              CallOutcome.Kind.RETRY,
              false,
              "Call failed" + (c == 0 && cause.text().isEmpty() ? "" : " (" + cause + ")"),
              0,
              null);
    };
  }

  /**
   * The call was answered and T.30 ended with {@code r}; {@code pagesLeft} pages were to be sent in
   * this call.
   */
  public static CallOutcome afterT30(FaxResult r, int pagesLeft) {
    if (r.success() && r.pages() >= pagesLeft) {
      return new CallOutcome(CallOutcome.Kind.DONE, true, "", r.pages(), r);
    }
    String why = r.status().text();
    if (!r.detail().isEmpty()) {
      why = why.isEmpty() ? r.detail() : why + " (" + r.detail() + ")";
    }
    if (r.success()) {
      why = "Only " + r.pages() + " of " + pagesLeft + " pages confirmed";
      return new CallOutcome(CallOutcome.Kind.RETRY, true, why, r.pages(), r);
    }
    if (r.status() == FaxStatus.NO_ANSWER) {
      // a person or a voice system answered: no fax machine reached
      return new CallOutcome(CallOutcome.Kind.NO_ANSWER, false, why, r.pages(), r);
    }
    return new CallOutcome(
        r.status().retryable() ? CallOutcome.Kind.RETRY : CallOutcome.Kind.FAIL,
        true,
        why,
        r.pages(),
        r);
  }
}
