package org.faxgw.gateway.policy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Locale;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobState;
import org.faxgw.queue.JobStore;

/**
 * Counts a sender's and a domain's jobs and pages of the current UTC day from the job store. Jobs
 * the outbound policy failed count toward nothing. Removed jobs ({@code faxrm}) are not counted.
 */
public final class UsageLedger {
  private final JobStore store;

  public UsageLedger(JobStore store) {
    this.store = store;
  }

  /** Usage of one sender and of its domain. */
  public record Tally(Usage sender, Usage domain) {}

  /** Usage today (UTC) as of {@code now}; {@code exceptJob} is left out (0 for none). */
  public Tally today(String sender, Instant now, long exceptJob) {
    Instant dayStart = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
    String who = normal(sender);
    String domain = OutboundPolicy.domainOf(sender);
    int sj = 0;
    int sp = 0;
    int dj = 0;
    int dp = 0;
    for (FaxJob j : store.list(EnumSet.allOf(JobState.class))) {
      if (j.id() == exceptJob
          || j.submitted() == null
          || j.submitted().isBefore(dayStart)
          || (j.state() == JobState.FAILED
              && j.status() != null
              && j.status().startsWith(OutboundPolicy.FAILED_PREFIX))) {
        continue;
      }
      String owner = normal(j.owner());
      if (owner.equals(who)) {
        sj++;
        sp += j.pages();
      }
      if (OutboundPolicy.domainOf(owner).equals(domain)) {
        dj++;
        dp += j.pages();
      }
    }
    return new Tally(new Usage(sj, sp), new Usage(dj, dp));
  }

  private static String normal(String address) {
    return address == null ? "" : address.trim().toLowerCase(Locale.ROOT);
  }
}
