package org.faxgw.gateway.line.dispatch;

import java.util.Objects;
import org.faxgw.t30.FaxResult;

/**
 * How one call of a job ended, as the retry rules see it.
 *
 * @param kind the class of outcome that picks the retry rule
 * @param reachedFax whether a fax machine answered (counts as a try, HylaFAX's tries)
 * @param reason HylaFAX's words for it; empty when the job is done
 * @param pagesThisCall pages the receiver confirmed during this call
 * @param result the T.30 outcome, or null when the call never got to T.30
 */
public record CallOutcome(
    Kind kind, boolean reachedFax, String reason, int pagesThisCall, FaxResult result) {

  /** The classes of outcome (HylaFAX's requeue classes). */
  public enum Kind {
    /** Every page was confirmed. */
    DONE,
    /** The destination was busy (Q.850 17): retry after {@code jobs.retryBusy}. */
    BUSY,
    /** Nobody answered, or no fax answered (Q.850 18/19): retry after {@code retryNoAnswer}. */
    NO_ANSWER,
    /**
     * Congestion, a rejection, a T.30 failure worth trying again: retry after {@code retryOther}.
     */
    RETRY,
    /** Trying again cannot help (Q.850 1 unallocated number, incompatible fax): fail now. */
    FAIL
  }

  public CallOutcome {
    Objects.requireNonNull(kind, "kind");
    reason = Objects.requireNonNullElse(reason, "");
  }
}
