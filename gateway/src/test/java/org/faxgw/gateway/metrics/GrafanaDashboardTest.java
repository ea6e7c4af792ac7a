package org.faxgw.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faxgw.gateway.events.GatewayEvent;
import org.faxgw.gateway.events.GatewayEvents;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobProgress;
import org.faxgw.queue.JobState;
import org.faxgw.queue.SqliteJobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * samples/grafana/faxgw-dashboard.json parses, and every metric its queries name is one the gateway
 * exposes (after one of each event, since labelled counters appear with their first count).
 */
class GrafanaDashboardTest {
  private static final Pattern METRIC =
      Pattern.compile("\\b((?:faxgw|jvm|process|system)_[a-z0-9_]+)\\b");

  @Test
  void everyMetricOfTheDashboardExists(@TempDir Path dir) throws Exception {
    Path file =
        Path.of(System.getProperty("faxgw.root", ".."))
            .resolve("samples/grafana/faxgw-dashboard.json");
    JsonNode dash = new ObjectMapper().readTree(file.toFile());
    assertThat(dash.path("title").asText()).isEqualTo("faxgw");
    assertThat(dash.path("panels").size()).isGreaterThan(10);
    Set<String> named = new TreeSet<>();
    for (JsonNode p : dash.path("panels")) {
      assertThat(p.path("targets").size()).as(p.path("title").asText()).isPositive();
      for (JsonNode t : p.path("targets")) {
        Matcher m = METRIC.matcher(t.path("expr").asText());
        while (m.find()) {
          named.add(m.group(1));
        }
      }
    }
    Matcher q = METRIC.matcher(dash.path("templating").toString());
    while (q.find()) {
      named.add(q.group(1));
    }

    GatewayEvents events = new GatewayEvents();
    try (SqliteJobStore store = SqliteJobStore.open(dir.resolve("faxgw.db"))) {
      GatewayMetrics metrics =
          new GatewayMetrics(store, List.of(), events, () -> null, Clock.systemUTC());
      FaxJob before =
          new FaxJob(
              1,
              1,
              "a",
              "+15555550101",
              "5550101",
              127,
              JobState.ACTIVE,
              1,
              1,
              12,
              1,
              3,
              null,
              null,
              "",
              Instant.now(),
              null,
              "none",
              "fine",
              "",
              "d1",
              null,
              List.of(),
              List.of());
      FaxJob after =
          before
              .withState(JobState.DONE, "")
              .withProgress(new JobProgress(1, 14400, "MMR", true, "", 1000, "000000001", ""));
      events.publish(
          new GatewayEvent.JobChanged(after, before, GatewayEvent.JobChanged.Kind.CALL_ENDED));
      events.publish(
          new GatewayEvent.JobChanged(after, null, GatewayEvent.JobChanged.Kind.SUBMITTED));
      events.publish(new GatewayEvent.FaxReceived("000000002", 2, ""));
      metrics.smtpReply(250);
      metrics.renderedPages(2, Duration.ofMillis(300));
      String text = metrics.scrape();
      Set<String> exposed = new TreeSet<>();
      for (String line : text.split("\n")) {
        if (!line.startsWith("#") && !line.isBlank()) {
          exposed.add(line.split("[{ ]")[0]);
        }
      }
      assertThat(exposed).containsAll(named);
    }
  }
}
