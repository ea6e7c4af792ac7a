package org.faxgw.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.faxgw.gateway.api.MailAccess;
import org.faxgw.gateway.events.GatewayEvents;
import org.faxgw.gateway.line.Line;
import org.faxgw.queue.JobStore;

/**
 * The gateway's meter registry (Prometheus) with every faxgw meter bound: {@link JobMeters} (jobs
 * by state, calls, pages, signal rate, ECM, faxes received), {@link LineMeters}, {@link
 * OutboxMeters}, the render and SMTP meters whose recorders the wiring hands to those modules, and
 * the JVM's (memory, GC, threads, class loading, CPU, uptime). Thread-safe.
 */
public final class GatewayMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer renderPage;
  private final MediaTickMeters ticks = new MediaTickMeters();

  public GatewayMetrics(
      JobStore store,
      List<Line> lines,
      GatewayEvents events,
      Supplier<MailAccess> mail,
      Clock clock) {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new JobMeters(store, clock).bindTo(registry, events);
    new LineMeters(lines).bindTo(registry);
    new OutboxMeters(mail, clock).bindTo(registry);
    this.renderPage =
        Timer.builder("faxgw.render.page")
            .description("time to render one fax page (documents to G3 pages, per page)")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(5))
            .maximumExpectedValue(Duration.ofSeconds(60))
            .register(registry);
    ticks.bindTo(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Records that a document set of {@code pages} pages took {@code elapsed} to render. */
  public void renderedPages(int pages, Duration elapsed) {
    if (pages > 0) {
      Duration perPage = elapsed.dividedBy(pages);
      for (int i = 0; i < pages; i++) {
        renderPage.record(perPage);
      }
    }
  }

  /** Where the media tick figures come from (the IAX2 endpoint's TickLateness). */
  public void mediaTicks(Supplier<org.faxgw.iax2.transport.TickLateness.Snapshot> s) {
    ticks.source(s);
  }

  /** Counts one SMTP reply by its code (250 accepted, 4xx deferred, 5xx refused). */
  public void smtpReply(int code) {
    Counter.builder("faxgw.smtp.replies")
        .description("SMTP replies to MAIL, RCPT and DATA by reply code")
        .tag("code", Integer.toString(code))
        .tag("class", code / 100 == 2 ? "accepted" : code / 100 == 4 ? "deferred" : "refused")
        .register(registry)
        .increment();
  }

  /** The Prometheus text exposition (format 0.0.4). */
  public String scrape() {
    return registry.scrape();
  }
}
