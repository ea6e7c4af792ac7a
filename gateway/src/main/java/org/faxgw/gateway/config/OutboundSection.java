package org.faxgw.gateway.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import org.faxgw.gateway.policy.NumberPattern;
import org.faxgw.gateway.policy.OutboundPolicy;
import org.faxgw.gateway.policy.OutboundRules;

/**
 * The {@code outbound:} section: the outbound policy (which numbers may be dialled, how much may be
 * sent). 0 means no limit. Defaults: nothing denied, no limits.
 *
 * @param allow number patterns dialled even when a deny pattern matches
 * @param deny number patterns refused ({@code 550 5.7.1} at RCPT)
 * @param maxPagesPerJob most pages of one job (a longer one fails after rendering)
 * @param perSender daily limits of one envelope sender
 * @param perDomain daily limits of one sender domain
 */
public record OutboundSection(
    @JsonDeserialize(contentUsing = NumberPatternText.class) List<String> allow,
    @JsonDeserialize(contentUsing = NumberPatternText.class) List<String> deny,
    Integer maxPagesPerJob,
    Limit perSender,
    Limit perDomain) {

  /**
   * Daily limits (UTC day); 0 = none.
   *
   * @param jobsPerDay most jobs (one per recipient) submitted in a day
   * @param pagesPerDay most pages rendered in a day
   */
  public record Limit(Integer jobsPerDay, Integer pagesPerDay) {
    public Limit {
      jobsPerDay = jobsPerDay == null ? 0 : jobsPerDay;
      pagesPerDay = pagesPerDay == null ? 0 : pagesPerDay;
      if (jobsPerDay < 0 || pagesPerDay < 0) {
        throw new IllegalArgumentException("daily limits must be 0 (none) or more");
      }
    }

    OutboundRules.DailyLimit toLimit() {
      return new OutboundRules.DailyLimit(jobsPerDay, pagesPerDay);
    }
  }

  public OutboundSection {
    allow = allow == null ? List.of() : List.copyOf(allow);
    deny = deny == null ? List.of() : List.copyOf(deny);
    maxPagesPerJob = maxPagesPerJob == null ? 0 : maxPagesPerJob;
    perSender = perSender == null ? new Limit(null, null) : perSender;
    perDomain = perDomain == null ? new Limit(null, null) : perDomain;
    if (maxPagesPerJob < 0) {
      throw new IllegalArgumentException("outbound.maxPagesPerJob must be 0 (none) or more");
    }
  }

  public static OutboundSection defaults() {
    return new OutboundSection(null, null, null, null, null);
  }

  /** The policy these settings describe. */
  public OutboundPolicy policy() {
    return new OutboundPolicy(
        new OutboundRules(
            allow.stream().map(NumberPattern::parse).toList(),
            deny.stream().map(NumberPattern::parse).toList(),
            maxPagesPerJob,
            perSender.toLimit(),
            perDomain.toLimit()));
  }
}
