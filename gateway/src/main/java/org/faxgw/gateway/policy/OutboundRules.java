package org.faxgw.gateway.policy;

import java.util.List;

/**
 * The outbound policy's settings. A limit of 0 means no limit.
 *
 * @param allow numbers that may be dialled even when a deny pattern matches them
 * @param deny numbers that may not be dialled unless an allow pattern matches them
 * @param maxPagesPerJob most pages in one job
 * @param perSender daily limits of one sender address
 * @param perDomain daily limits of all senders of one mail domain together
 */
public record OutboundRules(
    List<NumberPattern> allow,
    List<NumberPattern> deny,
    int maxPagesPerJob,
    DailyLimit perSender,
    DailyLimit perDomain) {

  /**
   * Limits per UTC day; 0 means none.
   *
   * @param jobs most jobs submitted
   * @param pages most pages rendered
   */
  public record DailyLimit(int jobs, int pages) {
    public static final DailyLimit NONE = new DailyLimit(0, 0);

    public DailyLimit {
      if (jobs < 0 || pages < 0) {
        throw new IllegalArgumentException("a daily limit cannot be negative");
      }
    }
  }

  public static final OutboundRules OPEN =
      new OutboundRules(List.of(), List.of(), 0, DailyLimit.NONE, DailyLimit.NONE);

  public OutboundRules {
    allow = List.copyOf(allow);
    deny = List.copyOf(deny);
    if (maxPagesPerJob < 0) {
      throw new IllegalArgumentException("maxPagesPerJob cannot be negative");
    }
  }
}
