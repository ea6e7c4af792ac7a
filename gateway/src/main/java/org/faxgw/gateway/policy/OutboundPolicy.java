package org.faxgw.gateway.policy;

import java.util.Locale;
import org.faxgw.gateway.policy.OutboundRules.DailyLimit;

/**
 * The outbound policy's decisions; pure: usage and the recipient are inputs. Numbers and the daily
 * job limits are known at RCPT time and refused there ({@code 550 5.7.1}, RFC 3463 5.7.1: delivery
 * not authorized); pages are known only once the job is rendered, so page limits fail the job.
 */
public final class OutboundPolicy {
  /** Start of the status of a job failed by this policy (such jobs count toward no limit). */
  public static final String FAILED_PREFIX = "Outbound policy: ";

  private final OutboundRules rules;

  public OutboundPolicy(OutboundRules rules) {
    this.rules = rules;
  }

  public OutboundRules rules() {
    return rules;
  }

  /**
   * One recipient of a mail.
   *
   * @param sender the envelope sender
   * @param e164 the canonical number
   * @param senderUsage usage of the sender today, including recipients already taken in this mail
   * @param domainUsage usage of the sender's domain today, likewise
   */
  public Decision atRecipient(String sender, String e164, Usage senderUsage, Usage domainUsage) {
    boolean allowed = rules.allow().stream().anyMatch(p -> p.matches(e164));
    if (!allowed) {
      for (NumberPattern p : rules.deny()) {
        if (p.matches(e164)) {
          return new Decision.Reject(
              550, "5.7.1 " + e164 + " may not be dialled (outbound policy denies " + p + ")");
        }
      }
    }
    Decision d = jobsOver(rules.perSender(), senderUsage, "sender " + sender);
    if (d != Decision.ACCEPT) {
      return d;
    }
    return jobsOver(rules.perDomain(), domainUsage, "domain " + domainOf(sender));
  }

  private static Decision jobsOver(DailyLimit limit, Usage used, String who) {
    if (limit.jobs() > 0 && used.jobs() + 1 > limit.jobs()) {
      return new Decision.Reject(
          550, "5.7.1 Daily limit of " + limit.jobs() + " fax jobs reached for " + who);
    }
    if (limit.pages() > 0 && used.pages() >= limit.pages()) {
      return new Decision.Reject(
          550, "5.7.1 Daily limit of " + limit.pages() + " fax pages reached for " + who);
    }
    return Decision.ACCEPT;
  }

  /**
   * A job just rendered.
   *
   * @param pages its pages
   * @param senderUsage the sender's usage today, not counting this job's pages
   * @param domainUsage the domain's usage today, likewise
   * @return accept, or a rejection whose text is the reason the job fails
   */
  public Decision afterRendering(String sender, int pages, Usage senderUsage, Usage domainUsage) {
    if (rules.maxPagesPerJob() > 0 && pages > rules.maxPagesPerJob()) {
      return new Decision.Reject(
          550,
          "5.7.1 "
              + pages
              + " pages is more than the "
              + rules.maxPagesPerJob()
              + " pages a fax job may have");
    }
    Decision d = pagesOver(rules.perSender(), senderUsage, pages, "sender " + sender);
    if (d != Decision.ACCEPT) {
      return d;
    }
    return pagesOver(rules.perDomain(), domainUsage, pages, "domain " + domainOf(sender));
  }

  private static Decision pagesOver(DailyLimit limit, Usage used, int pages, String who) {
    if (limit.pages() > 0 && used.pages() + pages > limit.pages()) {
      return new Decision.Reject(
          550,
          "5.7.1 Daily limit of "
              + limit.pages()
              + " fax pages reached for "
              + who
              + " ("
              + used.pages()
              + " sent today, this job has "
              + pages
              + ")");
    }
    return Decision.ACCEPT;
  }

  /** The domain of an address, lower case; the address itself when it has no {@code @}. */
  public static String domainOf(String address) {
    String a = address == null ? "" : address.trim().toLowerCase(Locale.ROOT);
    int at = a.lastIndexOf('@');
    return at < 0 ? a : a.substring(at + 1);
  }
}
