package org.faxgw.gateway.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Limits on received calls: most pages and longest duration of one call, and most calls from one
 * caller within a window. Decisions only; time and counts are inputs. A limit of 0 (or a zero
 * duration) means none. Not yet wired into the answerer (see the branch report).
 *
 * @param maxPages most pages one call may deliver; the call ends with DCN after that page
 * @param maxDuration longest call
 * @param callsPerCaller most calls from one caller number within {@code window}
 * @param window the rate window
 */
public record InboundLimits(
    int maxPages, Duration maxDuration, int callsPerCaller, Duration window) {
  public InboundLimits {
    if (maxPages < 0 || callsPerCaller < 0 || maxDuration.isNegative() || window.isNegative()) {
      throw new IllegalArgumentException("inbound limits cannot be negative");
    }
  }

  public static final InboundLimits NONE = new InboundLimits(0, Duration.ZERO, 0, Duration.ZERO);

  /** The reason to end a call in progress (DCN, FaxMaster told), or empty to go on. */
  public Optional<String> during(int pagesReceived, Duration elapsed) {
    if (maxPages > 0 && pagesReceived >= maxPages) {
      return Optional.of("inbound limit: " + maxPages + " pages per call reached");
    }
    if (!maxDuration.isZero() && elapsed.compareTo(maxDuration) >= 0) {
      return Optional.of("inbound limit: call longer than " + maxDuration.toSeconds() + " s");
    }
    return Optional.empty();
  }

  /** Calls per caller in a sliding window; not thread-safe (one per answerer, on its loop). */
  public static final class CallerRate {
    private final InboundLimits limits;
    private final Map<String, Deque<Instant>> calls = new HashMap<>();

    public CallerRate(InboundLimits limits) {
      this.limits = limits;
    }

    /** A new call from {@code caller} at {@code now}: empty to take it, or why it is refused. */
    public synchronized Optional<String> admit(String caller, Instant now) {
      if (limits.callsPerCaller() == 0 || caller == null || caller.isEmpty()) {
        return Optional.empty();
      }
      Deque<Instant> seen = calls.computeIfAbsent(caller, k -> new ArrayDeque<>());
      Instant since = now.minus(limits.window());
      while (!seen.isEmpty() && !seen.peekFirst().isAfter(since)) {
        seen.pollFirst();
      }
      if (seen.size() >= limits.callsPerCaller()) {
        return Optional.of(
            "inbound limit: "
                + limits.callsPerCaller()
                + " calls per "
                + limits.window().toMinutes()
                + " min from "
                + caller
                + " reached");
      }
      seen.addLast(now);
      return Optional.empty();
    }
  }
}
