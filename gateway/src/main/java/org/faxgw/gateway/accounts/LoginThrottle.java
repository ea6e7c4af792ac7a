package org.faxgw.gateway.accounts;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed logins per client address (the HylaFAX protocol's and the web console's): after {@code
 * maxFailures} failures the address is refused for {@code lockout} without its passwords being
 * checked. Thread-safe; time from the clock.
 */
public final class LoginThrottle {
  private static final int MAX_TRACKED = 10_000;

  private final int maxFailures;
  private final Duration lockout;
  private final Clock clock;
  private final Map<InetAddress, Failures> failures = new LinkedHashMap<>();

  private record Failures(int count, Instant last) {}

  public LoginThrottle(int maxFailures, Duration lockout, Clock clock) {
    this.maxFailures = maxFailures;
    this.lockout = lockout;
    this.clock = clock;
  }

  public synchronized boolean locked(InetAddress a) {
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

  public synchronized void failed(InetAddress a) {
    Failures f = failures.remove(a);
    failures.put(a, new Failures(f == null ? 1 : f.count() + 1, clock.instant()));
    if (failures.size() > MAX_TRACKED) {
      failures.remove(failures.keySet().iterator().next());
    }
  }

  public synchronized void succeeded(InetAddress a) {
    failures.remove(a);
  }
}
