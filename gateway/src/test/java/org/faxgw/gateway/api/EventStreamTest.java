package org.faxgw.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.faxgw.queue.FaxJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/v1/events: job changes arrive as server-sent events, each only to who may see it. */
class EventStreamTest {
  /** The stream's lines, read on the client's thread into a queue. */
  private static BlockingQueue<String> open(ApiHarness h, ApiHarness.Login l) throws Exception {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    CompletableFuture<HttpResponse<Stream<String>>> f =
        h.http.sendAsync(
            HttpRequest.newBuilder(h.uri("/api/v1/events"))
                .header("Cookie", l.cookie())
                .header("Accept", "text/event-stream")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    HttpResponse<Stream<String>> r = f.get(30, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    Thread reader = new Thread(() -> r.body().forEach(lines::add), "test-sse-reader");
    reader.setDaemon(true);
    reader.start();
    // the server's greeting comment: the stream is registered
    assertThat(next(lines, l2 -> l2.startsWith(":"))).startsWith(": faxgw events for");
    return lines;
  }

  private static String next(BlockingQueue<String> q, java.util.function.Predicate<String> p)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      String s = q.poll(1, TimeUnit.SECONDS);
      if (s != null && p.test(s)) {
        return s;
      }
    }
    throw new AssertionError("no matching line on the event stream within 30 s");
  }

  /** The data of the next "event: job". */
  private static JsonNode nextJob(BlockingQueue<String> q) throws Exception {
    next(q, s -> s.equals("event: job"));
    return ApiHarness.JSON.readTree(next(q, s -> s.startsWith("data:")).substring(5).trim());
  }

  @Test
  void aJobChangeReachesItsOwnerAndAdminsButNoOtherUser(@TempDir Path dir) throws Exception {
    try (ApiHarness h = new ApiHarness(dir)) {
      FaxJob bobs = h.job("bob", "5551234567");
      FaxJob carols = h.job("carol", "5557654321");
      ApiHarness.Login bob = h.login("bob");
      ApiHarness.Login alice = h.login("alice");
      BlockingQueue<String> bobStream = open(h, bob);
      BlockingQueue<String> aliceStream = open(h, alice);
      assertThat(h.post("/api/v1/jobs/" + carols.id() + "/cancel", alice, "", true).statusCode())
          .isEqualTo(200);
      assertThat(h.post("/api/v1/jobs/" + bobs.id() + "/cancel", bob, "", true).statusCode())
          .isEqualTo(200);
      JsonNode a1 = nextJob(aliceStream);
      JsonNode a2 = nextJob(aliceStream);
      assertThat(a1.path("id").asLong()).isEqualTo(carols.id());
      assertThat(a1.path("state").asText()).isEqualTo("failed");
      assertThat(a2.path("id").asLong()).isEqualTo(bobs.id());
      // events are written in order: bob's first job event is his own, carol's never came
      JsonNode b1 = nextJob(bobStream);
      assertThat(b1.path("id").asLong()).isEqualTo(bobs.id());
      assertThat(b1.path("status").asText()).isEqualTo("Cancelled by bob");
      assertThat(bobStream).noneMatch(s -> s.contains("\"owner\":\"carol\""));
    }
  }

  @Test
  void aStreamWantsASession(@TempDir Path dir) throws Exception {
    try (ApiHarness h = new ApiHarness(dir)) {
      HttpResponse<String> r =
          h.send(
              HttpRequest.newBuilder(h.uri("/api/v1/events"))
                  .header("Accept", "text/event-stream")
                  .GET());
      assertThat(r.statusCode()).isEqualTo(401);
    }
  }
}
