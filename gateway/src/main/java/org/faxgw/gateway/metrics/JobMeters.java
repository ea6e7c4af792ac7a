package org.faxgw.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.faxgw.gateway.events.GatewayEvent;
import org.faxgw.gateway.events.GatewayEvents;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobState;
import org.faxgw.queue.JobStore;

/**
 * Job and call meters. {@code faxgw_jobs{state}}: jobs in each state, counted from the store at
 * most once per {@value #SNAPSHOT_SECONDS} s. From the job events: {@code
 * faxgw_calls_total{direction="out",outcome,reason}} per call ended (outcome sent, retry or failed;
 * the reason as the call gave it, at most {@value #MAX_REASONS} distinct, then "other"), {@code
 * faxgw_pages_sent_total}, {@code faxgw_call_signal_rate_total{rate}} and {@code
 * faxgw_call_ecm_total{ecm}} per call that reached the image phase, {@code
 * faxgw_jobs_submitted_total}; from the receive queue: {@code faxgw_faxes_received_total} and
 * {@code faxgw_pages_received_total}.
 */
final class JobMeters {
  static final long SNAPSHOT_SECONDS = 2;
  static final int MAX_REASONS = 50;

  private final JobStore store;
  private final Clock clock;
  private final Set<String> reasons = ConcurrentHashMap.newKeySet();
  private Map<JobState, Integer> counts = new EnumMap<>(JobState.class);
  private Instant countedAt = Instant.MIN;
  private MeterRegistry registry;
  private Counter pagesSent;
  private Counter pagesReceived;
  private Counter faxesReceived;
  private Counter submitted;

  JobMeters(JobStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  void bindTo(MeterRegistry r, GatewayEvents events) {
    this.registry = r;
    for (JobState s : JobState.values()) {
      Gauge.builder("faxgw.jobs", this, m -> m.count(s))
          .description("jobs in each state")
          .tag("state", s.label())
          .register(r);
    }
    pagesSent =
        Counter.builder("faxgw.pages.sent")
            .description("pages confirmed by the receiver (MCF)")
            .register(r);
    pagesReceived =
        Counter.builder("faxgw.pages.received").description("pages of received faxes").register(r);
    faxesReceived =
        Counter.builder("faxgw.faxes.received")
            .description("faxes put into the receive queue")
            .register(r);
    submitted =
        Counter.builder("faxgw.jobs.submitted")
            .description("jobs accepted (SMTP, API, HylaFAX protocol)")
            .register(r);
    events.subscribe(this::on);
  }

  private synchronized double count(JobState s) {
    Instant now = clock.instant();
    if (Duration.between(countedAt, now).getSeconds() >= SNAPSHOT_SECONDS
        || now.isBefore(countedAt)) {
      Map<JobState, Integer> c = new EnumMap<>(JobState.class);
      for (FaxJob j : store.list(EnumSet.allOf(JobState.class))) {
        c.merge(j.state(), 1, Integer::sum);
      }
      counts = c;
      countedAt = now;
    }
    return counts.getOrDefault(s, 0);
  }

  private void on(GatewayEvent e) {
    if (e instanceof GatewayEvent.FaxReceived r) {
      faxesReceived.increment();
      if (r.pages() > 0) {
        pagesReceived.increment(r.pages());
      }
      return;
    }
    if (!(e instanceof GatewayEvent.JobChanged j)) {
      return;
    }
    if (j.kind() == GatewayEvent.JobChanged.Kind.SUBMITTED) {
      submitted.increment();
    }
    if (j.kind() != GatewayEvent.JobChanged.Kind.CALL_ENDED) {
      return;
    }
    FaxJob after = j.job();
    int before = j.before() == null ? 0 : j.before().progress().pagesConfirmed();
    int pages = after.progress().pagesConfirmed() - before;
    if (pages > 0) {
      pagesSent.increment(pages);
    }
    String outcome =
        after.state() == JobState.DONE
            ? "sent"
            : after.state() == JobState.FAILED ? "failed" : "retry";
    Counter.builder("faxgw.calls")
        .description("calls ended, by direction, outcome and reason")
        .tag("direction", "out")
        .tag("outcome", outcome)
        .tag("reason", reason(after.progress().reason()))
        .register(registry)
        .increment();
    int rate = after.progress().signalRate();
    if (rate > 0) {
      Counter.builder("faxgw.call.signal.rate")
          .description("calls by the signal rate of their image phase (bit/s)")
          .tag("rate", Integer.toString(rate))
          .register(registry)
          .increment();
      Counter.builder("faxgw.call.ecm")
          .description("calls by whether they used error correction (T.30 Annex A)")
          .tag("ecm", Boolean.toString(after.progress().ecm()))
          .register(registry)
          .increment();
    }
  }

  /** The reason as a label value: trimmed, lower case, bounded in length and in variety. */
  private String reason(String r) {
    String s = r == null ? "" : r.trim().toLowerCase(Locale.ROOT);
    if (s.length() > 60) {
      s = s.substring(0, 60);
    }
    if (s.isEmpty()) {
      return "none";
    }
    if (reasons.contains(s)) {
      return s;
    }
    if (reasons.size() >= MAX_REASONS) {
      return "other";
    }
    reasons.add(s);
    return s;
  }
}
