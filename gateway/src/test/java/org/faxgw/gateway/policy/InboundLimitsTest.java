package org.faxgw.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InboundLimitsTest {
  private final InboundLimits limits =
      new InboundLimits(5, Duration.ofMinutes(10), 2, Duration.ofMinutes(60));

  @Test
  void pagesAndDurationOfOneCall() {
    assertThat(limits.during(4, Duration.ofMinutes(9))).isEmpty();
    assertThat(limits.during(5, Duration.ofMinutes(1))).get().asString().contains("5 pages");
    assertThat(limits.during(1, Duration.ofMinutes(10))).get().asString().contains("600 s");
    assertThat(InboundLimits.NONE.during(1000, Duration.ofHours(5))).isEmpty();
  }

  @Test
  void callsPerCallerInASlidingWindow() {
    InboundLimits.CallerRate rate = new InboundLimits.CallerRate(limits);
    Instant t0 = Instant.parse("2026-12-02T10:00:00Z");
    assertThat(rate.admit("+16045550001", t0)).isEmpty();
    assertThat(rate.admit("+16045550001", t0.plusSeconds(60))).isEmpty();
    assertThat(rate.admit("+16045550001", t0.plusSeconds(120)))
        .get()
        .asString()
        .contains("2 calls");
    assertThat(rate.admit("+16045550002", t0.plusSeconds(120))).isEmpty();
    // an hour after the first call, one slot is free again
    assertThat(rate.admit("+16045550001", t0.plusSeconds(3600))).isEmpty();
    assertThat(rate.admit("+16045550001", t0.plusSeconds(3601))).isPresent();
    // no caller number: not limited
    assertThat(rate.admit("", t0)).isEmpty();
  }
}
