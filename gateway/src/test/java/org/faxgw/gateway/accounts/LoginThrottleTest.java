package org.faxgw.gateway.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  /** A clock the test moves. */
  private static final class Manual extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void anAddressIsLockedAfterItsFailuresUntilTheLockoutPasses() throws Exception {
    Manual clock = new Manual();
    LoginThrottle t = new LoginThrottle(3, Duration.ofSeconds(60), clock);
    InetAddress a = InetAddress.getByName("127.0.0.5");
    InetAddress b = InetAddress.getByName("127.0.0.6");
    for (int i = 0; i < 3; i++) {
      assertThat(t.locked(a)).isFalse();
      t.failed(a);
    }
    assertThat(t.locked(a)).isTrue();
    assertThat(t.locked(b)).isFalse();
    clock.now = clock.now.plusSeconds(61);
    assertThat(t.locked(a)).isFalse();
    t.failed(a);
    t.succeeded(a);
    assertThat(t.locked(a)).isFalse();
  }
}
