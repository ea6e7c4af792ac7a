package org.faxgw.gateway.hfaxd;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed logins per client address: after {@code maxFailures} failures the address is refused for
 * {@code lockout} without its passwords being checked. Thread-safe; time from the clock.
 */
final class LoginThrottle {
  private static final int MAX_TRACKED = 10_000;

  private final int maxFailures;
  private final Duration lockout;
  private final Clock clock;
  private final Map<InetAddress, Failures> failures = new LinkedHashMap<>();

  private record Failures(int count, Instant last) {}

  LoginThrottle(int maxFailures, Duration lockout, Clock clock) {
    this.maxFailures = maxFailures;
    this.lockout = lockout;
    this.clock = clock;
  }

  synchronized boolean locked(InetAddress a) {
    Failures f = failures.get(a);
    if (f == null) {
      return false;
    }
    if (clock.instant().isAfter(f.last().plus(lockout))) {
      failures.remove(a);
      return false;
    }
    return f.count() >= maxFailures;
  }

  synchronized void failed(InetAddress a) {
    Failures f = failures.remove(a);
    failures.put(a, new Failures(f == null ? 1 : f.count() + 1, clock.instant()));
    if (failures.size() > MAX_TRACKED) {
      failures.remove(failures.keySet().iterator().next());
    }
  }

  synchronized void succeeded(InetAddress a) {
    failures.remove(a);
  }
}
