package org.faxgw.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.faxgw.queue.DialingRules;
import org.faxgw.queue.FaxNumber;
import org.faxgw.queue.JobDefaults;
import org.faxgw.queue.JobDocument;
import org.faxgw.queue.JobFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue page with 10 000 jobs in the store: the time the server takes for {@code GET
 * /api/v1/jobs?limit=50} (first page and a deep page), measured round-trip on 127.0.0.1 and
 * printed; no timing assertion (the goal is under 200 ms). Run with {@code -Dfaxgw.bench=true}.
 */
@EnabledIfSystemProperty(named = "faxgw.bench", matches = "true")
class QueuePageBenchTest {
  @Test
  void tenThousandJobs(@TempDir Path dir) throws Exception {
    try (ApiHarness h = new ApiHarness(dir)) {
      List<FaxNumber> numbers = new ArrayList<>();
      DialingRules rules = DialingRules.northAmerica();
      for (int i = 0; i < 10_000; i++) {
        numbers.add(rules.canonical(String.format("604555%04d", i)).orElseThrow());
      }
      String folder = h.spool.newFolder();
      String doc = h.spool.write(folder, "d.txt", new java.io.ByteArrayInputStream("x".getBytes()));
      h.store.submit(
          new JobFactory(JobDefaults.hylafax())
              .newJobs(
                  new JobFactory.Submission(
                      "alice",
                      numbers,
                      List.of(new JobDocument(JobDocument.DOCUMENT, doc, "text/plain", "d.txt")),
                      folder,
                      null,
                      null,
                      null,
                      null,
                      "",
                      List.of()),
                  h.clock.instant()),
          h.clock.instant(),
          Duration.ZERO);
      ApiHarness.Login a = h.login("alice");
      for (String q : List.of("?limit=50", "?limit=50&offset=9000", "?state=rendering&limit=50")) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
          long t0 = System.nanoTime();
          HttpResponse<String> r = h.get("/api/v1/jobs" + q, a);
          long t = System.nanoTime() - t0;
          assertThat(r.statusCode()).isEqualTo(200);
          assertThat(ApiHarness.json(r).path("total").asInt()).isEqualTo(10_000);
          best = Math.min(best, t);
        }
        System.out.printf("queue page %s with 10000 jobs: best of 5 %.1f ms%n", q, best / 1e6);
      }
    }
  }
}
