package org.faxgw.gateway.policy;

import java.time.Clock;
import java.util.Optional;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound policy in force, asked at RCPT time and after rendering; {@link #replace} puts a new
 * policy in force (reload). Callers that check a rendered job and then store it hold {@link
 * #lock()} across both, so that two jobs rendered at once cannot both pass a page limit.
 */
public final class OutboundGate {
  private static final Logger log = LoggerFactory.getLogger(OutboundGate.class);

  private final UsageLedger ledger;
  private final Clock clock;
  private final Object lock = new Object();
  private volatile OutboundPolicy policy;

  public OutboundGate(OutboundPolicy policy, UsageLedger ledger, Clock clock) {
    this.policy = policy;
    this.ledger = ledger;
    this.clock = clock;
  }

  public void replace(OutboundPolicy next) {
    this.policy = next;
  }

  public OutboundPolicy policy() {
    return policy;
  }

  public Object lock() {
    return lock;
  }

  /**
   * One RCPT TO.
   *
   * @param takenInThisMail recipients already accepted in this transaction (jobs to come)
   */
  public Decision atRecipient(String sender, String e164, int takenInThisMail) {
    OutboundPolicy p = policy;
    UsageLedger.Tally t;
    try {
      t = ledger.today(sender, clock.instant(), 0);
    } catch (JobStoreException e) {
      log.error("cannot count today's jobs for {}", sender, e);
      // RFC 3463 4.3.0: other or undefined mail system status (transient)
      return new Decision.Defer(451, "4.3.0 Cannot check the outbound policy now, try again later");
    }
    Usage pending = new Usage(takenInThisMail, 0);
    return p.atRecipient(sender, e164, t.sender().plus(pending), t.domain().plus(pending));
  }

  /**
   * A job just rendered to {@code pages} pages.
   *
   * @return the reason the job fails, or empty when it may be sent
   */
  public Optional<String> afterRendering(FaxJob job, int pages) {
    UsageLedger.Tally t = ledger.today(job.owner(), clock.instant(), job.id());
    Decision d = policy.afterRendering(job.owner(), pages, t.sender(), t.domain());
    if (d instanceof Decision.Reject r) {
      // the enhanced code is for SMTP; the job's status carries the reason
      return Optional.of(OutboundPolicy.FAILED_PREFIX + r.text().substring(6));
    }
    return Optional.empty();
  }
}
