package org.faxgw.gateway.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.faxgw.gateway.api.MailAccess;
import org.faxgw.mail.MailEgress;

/**
 * The outbox: {@code faxgw_outbox_mails} (mails waiting) and {@code faxgw_outbox_retries_max} (most
 * delivery attempts of a waiting mail), read at each scrape; 0 when mail is not running.
 */
final class OutboxMeters {
  private final Supplier<MailAccess> mail;
  private final Clock clock;

  OutboxMeters(Supplier<MailAccess> mail, Clock clock) {
    this.mail = mail;
    this.clock = clock;
  }

  void bindTo(MeterRegistry r) {
    Gauge.builder("faxgw.outbox.mails", this, m -> m.pending().size())
        .description("mails waiting in the outbox")
        .register(r);
    Gauge.builder("faxgw.outbox.oldest.age", this, OutboxMeters::oldestSeconds)
        .description("how long the oldest mail in the outbox has waited")
        .baseUnit("seconds")
        .register(r);
    Gauge.builder(
            "faxgw.outbox.attempts.max",
            this,
            m -> m.pending().stream().mapToInt(MailEgress.Waiting::attempts).max().orElse(0))
        .description("most delivery attempts of a mail still waiting")
        .register(r);
  }

  private double oldestSeconds() {
    java.time.Instant now = clock.instant();
    return pending().stream()
        .map(MailEgress.Waiting::created)
        .filter(java.util.Objects::nonNull)
        .mapToDouble(c -> Math.max(0, java.time.Duration.between(c, now).toMillis() / 1000.0))
        .max()
        .orElse(0);
  }

  private List<MailEgress.Waiting> pending() {
    MailAccess m = mail.get();
    return m == null ? List.of() : m.pending();
  }
}
