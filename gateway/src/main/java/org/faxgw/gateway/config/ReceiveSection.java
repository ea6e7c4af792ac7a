package org.faxgw.gateway.config;

import java.time.Duration;
import org.faxgw.gateway.policy.InboundLimits;

/**
 * The {@code receive:} section: limits on received fax calls; 0 = none (the defaults).
 *
 * @param maxPages most pages of one call; after that page the call ends with DCN, the pages so far
 *     are delivered and FaxMaster gets the partial-reception notice naming the limit
 * @param maxDuration longest call, likewise (0s = none)
 * @param callsPerCaller most calls from one caller number within {@code callerWindow}; more are
 *     rejected before answering
 * @param callerWindow the window of {@code callsPerCaller} (default {@code 1h})
 */
public record ReceiveSection(
    Integer maxPages, Duration maxDuration, Integer callsPerCaller, Duration callerWindow) {
  public ReceiveSection {
    maxPages = maxPages == null ? 0 : maxPages;
    maxDuration = maxDuration == null ? Duration.ZERO : maxDuration;
    callsPerCaller = callsPerCaller == null ? 0 : callsPerCaller;
    callerWindow = callerWindow == null ? Duration.ofHours(1) : callerWindow;
    if (maxPages < 0 || callsPerCaller < 0 || maxDuration.isNegative()) {
      throw new IllegalArgumentException("receive limits must be 0 (none) or more");
    }
    if (callerWindow.isNegative() || callerWindow.isZero()) {
      throw new IllegalArgumentException("receive.callerWindow must be positive");
    }
  }

  public static ReceiveSection defaults() {
    return new ReceiveSection(null, null, null, null);
  }

  public InboundLimits limits() {
    return new InboundLimits(maxPages, maxDuration, callsPerCaller, callerWindow);
  }
}
