package org.faxgw.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Submit (multipart), cancel, retry and resubmit through the API, each checked in the store. */
class JobActionsApiTest {
  @TempDir Path dir;
  ApiHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new ApiHarness(dir);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void aMultipartUploadMakesAJobOwnedByTheUser() throws Exception {
    ApiHarness.Login bob = h.login("bob");
    String boundary = "faxgw-test-boundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"number\"\r\n\r\n"
                + "6045557977\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data;"
                + " name=\"file\"; filename=\"note.txt\"\r\nContent-Type: text/plain\r\n\r\n"
                + "hello fax\r\n--"
                + boundary
                + "--\r\n")
            .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r =
        h.send(
            HttpRequest.newBuilder(h.uri("/api/v1/jobs"))
                .header("Cookie", bob.cookie())
                .header("X-CSRF-Token", bob.csrf())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    long id = ApiHarness.json(r).path("id").asLong();
    FaxJob j = h.store.find(id).orElseThrow();
    assertThat(j.owner()).isEqualTo("bob");
    assertThat(j.number()).isEqualTo("+16045557977");
    // without a number: 400, nothing made
    HttpResponse<String> none =
        h.send(
            HttpRequest.newBuilder(h.uri("/api/v1/jobs"))
                .header("Cookie", bob.cookie())
                .header("X-CSRF-Token", bob.csrf())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "--"
                            + boundary
                            + "\r\nContent-Disposition: form-data; name=\"file\";"
                            + " filename=\"a.txt\"\r\n\r\nx\r\n--"
                            + boundary
                            + "--\r\n")));
    assertThat(none.statusCode()).isEqualTo(400);
  }

  @Test
  void cancelRetryAndResubmit() throws Exception {
    FaxJob j = h.job("bob", "5551234567");
    ApiHarness.Login bob = h.login("bob");
    // a job that was never rendered cannot be retried; cancel works
    assertThat(h.post("/api/v1/jobs/" + j.id() + "/retry", bob, "", true).statusCode())
        .isEqualTo(409);
    assertThat(h.post("/api/v1/jobs/" + j.id() + "/cancel", bob, "", true).statusCode())
        .isEqualTo(200);
    assertThat(h.post("/api/v1/jobs/" + j.id() + "/cancel", bob, "", true).statusCode())
        .isEqualTo(409);
    // rendered and failed with its tries used up: a retry sleeps until now with fresh counters
    FaxJob failed = h.store.find(j.id()).orElseThrow();
    FaxJob rendered = failed.withRendered(1, failed.spoolDir() + "/doc.tif").withCalls(12, 3, null);
    assertThat(h.store.update(rendered, JobState.FAILED)).isTrue();
    HttpResponse<String> retry = h.post("/api/v1/jobs/" + j.id() + "/retry", bob, "", true);
    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
    FaxJob now = h.store.find(j.id()).orElseThrow();
    assertThat(now.state()).isEqualTo(JobState.SLEEPING);
    assertThat(now.status()).isEqualTo("Retry requested by bob");
    assertThat(now.dials()).isZero();
    assertThat(now.tries()).isZero();
    assertThat(now.timeToSend()).isEqualTo(h.clock.instant());
    // resubmit to another number: a new job with the same owner (its documents read back from the
    // spool; the harness's submit stores a document of its own, so their content is not compared)
    HttpResponse<String> re =
        h.post("/api/v1/jobs/" + j.id() + "/resubmit", bob, "{\"number\":\"6045550000\"}", true);
    assertThat(re.statusCode()).as(re.body()).isEqualTo(201);
    JsonNode made = ApiHarness.json(re);
    FaxJob copy = h.store.find(made.path("id").asLong()).orElseThrow();
    assertThat(copy.id()).isNotEqualTo(j.id());
    assertThat(copy.owner()).isEqualTo("bob");
    assertThat(copy.number()).isEqualTo("+16045550000");
    assertThat(h.post("/api/v1/jobs/" + j.id() + "/resubmit", bob, "{}", true).statusCode())
        .isEqualTo(400);
  }
}
