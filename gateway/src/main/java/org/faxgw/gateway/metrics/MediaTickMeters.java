package org.faxgw.gateway.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import org.faxgw.iax2.transport.TickLateness;

/**
 * The IAX2 endpoint's 20 ms media ticks: {@code faxgw_media_ticks_total}, {@code
 * faxgw_media_ticks_late_total{at_least_ms}} (ticks that ran at least 1, 2, 5, 10, 20 or 50 ms
 * after they were due) and {@code faxgw_media_tick_lateness_max_seconds}, read from the endpoint's
 * {@link TickLateness} at each scrape; zeros while there is no endpoint.
 */
final class MediaTickMeters {
  private volatile Supplier<TickLateness.Snapshot> source;

  void source(Supplier<TickLateness.Snapshot> s) {
    this.source = s;
  }

  void bindTo(MeterRegistry r) {
    FunctionCounter.builder("faxgw.media.ticks", this, m -> m.ticks())
        .description("20 ms media ticks run (over every call)")
        .register(r);
    for (long ms : TickLateness.BOUNDS_MILLIS) {
      FunctionCounter.builder("faxgw.media.ticks.late", this, m -> m.lateAtLeast(ms))
          .description("media ticks that ran at least at_least_ms after they were due")
          .tag("at_least_ms", Long.toString(ms))
          .register(r);
    }
    Gauge.builder("faxgw.media.tick.lateness.max", this, m -> m.maxSeconds())
        .description("the latest media tick's lateness so far")
        .baseUnit("seconds")
        .register(r);
  }

  private TickLateness.Snapshot snapshot() {
    Supplier<TickLateness.Snapshot> s = source;
    return s == null ? null : s.get();
  }

  private double ticks() {
    TickLateness.Snapshot s = snapshot();
    return s == null ? 0 : s.ticks();
  }

  private double lateAtLeast(long ms) {
    TickLateness.Snapshot s = snapshot();
    if (s == null) {
      return 0;
    }
    long n = 0;
    for (int i = 0; i < TickLateness.BOUNDS_MILLIS.length; i++) {
      if (TickLateness.BOUNDS_MILLIS[i] >= ms) {
        n += s.buckets()[i + 1];
      }
    }
    return n;
  }

  private double maxSeconds() {
    TickLateness.Snapshot s = snapshot();
    return s == null ? 0 : s.maxNanos() / 1e9;
  }
}
