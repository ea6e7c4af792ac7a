package org.faxgw.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.faxgw.queue.FaxJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API's access rules over real HTTP on 127.0.0.1. */
class ApiSecurityTest {
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
  void everyApiRouteButLoginAndTheDocumentWantsASession() throws Exception {
    FaxJob j = h.job("bob", "5551234567");
    List<String> paths =
        List.of(
            "/api/v1/me",
            "/api/v1/jobs",
            "/api/v1/jobs/" + j.id(),
            "/api/v1/jobs/" + j.id() + "/pages/1.png",
            "/api/v1/received",
            "/api/v1/received/000000001",
            "/api/v1/received/000000001.pdf",
            "/api/v1/lines",
            "/api/v1/outbox",
            "/api/v1/logs/000000001",
            "/api/v1/events");
    for (String p : paths) {
      HttpResponse<String> r = h.get(p, null);
      assertThat(r.statusCode()).as("GET %s", p).isEqualTo(401);
      assertThat(ApiHarness.json(r).path("error").asText()).isEqualTo("not logged in");
    }
    for (String p :
        List.of("/api/v1/jobs/" + j.id() + "/cancel", "/api/v1/logout", "/api/v1/jobs")) {
      assertThat(h.post(p, null, "{}", false).statusCode()).as("POST %s", p).isEqualTo(401);
    }
    // a made-up cookie is no session either
    HttpResponse<String> forged =
        h.send(
            HttpRequest.newBuilder(h.uri("/api/v1/jobs"))
                .header("Cookie", "faxgw_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .GET());
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(h.get("/api/v1/openapi.json", null).statusCode()).isEqualTo(200);
    // the job was not touched
    assertThat(h.store.find(j.id()).orElseThrow().state()).isEqualTo(j.state());
  }

  @Test
  void aChangeWithoutTheSessionsCsrfTokenIs403() throws Exception {
    FaxJob j = h.job("bob", "5551234567");
    ApiHarness.Login bob = h.login("bob");
    HttpResponse<String> none = h.post("/api/v1/jobs/" + j.id() + "/cancel", bob, "", false);
    assertThat(none.statusCode()).isEqualTo(403);
    // another session's token is no good either
    ApiHarness.Login other = h.login("bob");
    HttpResponse<String> wrong =
        h.send(
            HttpRequest.newBuilder(h.uri("/api/v1/jobs/" + j.id() + "/cancel"))
                .header("Cookie", bob.cookie())
                .header("X-CSRF-Token", other.csrf())
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(h.store.find(j.id()).orElseThrow().state()).isEqualTo(j.state());
    assertThat(h.post("/api/v1/logout", bob, "", false).statusCode()).isEqualTo(403);
    // with its own token the change is made
    HttpResponse<String> ok = h.post("/api/v1/jobs/" + j.id() + "/cancel", bob, "", true);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(ApiHarness.json(ok).path("state").asText()).isEqualTo("failed");
    assertThat(ApiHarness.json(ok).path("status").asText()).isEqualTo("Cancelled by bob");
  }

  @Test
  void theSessionCookieIsHttpOnlySameSiteStrictForTheWholeSiteAndEndsAtLogout() throws Exception {
    ApiHarness.Login a = h.login("alice");
    String setCookie = a.response().headers().firstValue("Set-Cookie").orElseThrow();
    List<String> attrs = new ArrayList<>();
    for (String part : setCookie.split(";")) {
      attrs.add(part.trim());
    }
    assertThat(attrs.get(0)).startsWith("faxgw_session=").hasSizeGreaterThan(40);
    assertThat(attrs).contains("HttpOnly", "SameSite=Strict", "Path=/");
    assertThat(attrs).doesNotContain("Secure"); // plain HTTP here; ApiTlsTest has Secure
    JsonNode me = ApiHarness.json(h.get("/api/v1/me", a));
    assertThat(me.path("user").asText()).isEqualTo("alice");
    assertThat(me.path("role").asText()).isEqualTo("admin");
    assertThat(me.path("csrf").asText()).isEqualTo(a.csrf());
    assertThat(h.post("/api/v1/logout", a, "", true).statusCode()).isEqualTo(200);
    assertThat(h.get("/api/v1/me", a).statusCode()).isEqualTo(401);
  }

  @Test
  void anIdleSessionEnds() throws Exception {
    ApiHarness.Login a = h.login("alice");
    h.clock.advance(h.config.admin().sessionTimeout().minusSeconds(1));
    assertThat(h.get("/api/v1/me", a).statusCode()).isEqualTo(200);
    h.clock.advance(h.config.admin().sessionTimeout().plusSeconds(1));
    assertThat(h.get("/api/v1/me", a).statusCode()).isEqualTo(401);
  }

  @Test
  void twentyWrongPasswordsLockTheLoginForAWhile() throws Exception {
    String wrong = "{\"user\":\"alice\",\"password\":\"nope\"}";
    for (int i = 0; i < 20; i++) {
      assertThat(h.post("/api/v1/login", null, wrong, false).statusCode())
          .as("attempt %d", i + 1)
          .isEqualTo(401);
    }
    // now even the right password is refused, without being checked
    String right = "{\"user\":\"alice\",\"password\":\"" + ApiHarness.PASSWORD + "\"}";
    assertThat(h.post("/api/v1/login", null, right, false).statusCode()).isEqualTo(429);
    h.clock.advance(h.config.admin().loginLockout().minusSeconds(1));
    assertThat(h.post("/api/v1/login", null, right, false).statusCode()).isEqualTo(429);
    h.clock.advance(Duration.ofSeconds(2));
    assertThat(h.post("/api/v1/login", null, right, false).statusCode()).isEqualTo(200);
  }

  @Test
  void pathTraversalOnDownloadsIs404() throws Exception {
    ApiHarness.Login a = h.login("alice");
    Path data = dir.resolve("var");
    Files.writeString(data.resolve("secret.tif"), "not for you");
    Files.createDirectories(data.resolve("recvq"));
    FaxJob j = h.job("alice", "5551234567");
    List<String> attempts =
        List.of(
            "/api/v1/received/..%2Fsecret.tif",
            "/api/v1/received/..%2F..%2Fvar%2Fsecret.pdf",
            "/api/v1/received/%2e%2e%2fsecret.tif",
            "/api/v1/received/..%252Fsecret.tif",
            "/api/v1/received/..%5Csecret.tif",
            "/api/v1/received/%2e%2e/pages/1.png",
            "/api/v1/received/..;/secret.tif",
            "/api/v1/logs/..%2F..%2Ffaxgw.yaml",
            "/api/v1/logs/%2e%2e%2fusers.yaml",
            "/api/v1/jobs/" + j.id() + "/pages/..%2F..%2Fsecret.png",
            "/api/v1/jobs/..%2F" + j.id());
    for (String p : attempts) {
      HttpResponse<String> r = h.get(p, a);
      assertThat(r.statusCode()).as("GET %s: %s", p, r.body()).isEqualTo(404);
      assertThat(r.body()).doesNotContain("not for you");
    }
    // a NUL byte never reaches a route: Jetty refuses the request line itself
    HttpResponse<String> nul = h.get("/api/v1/received/1%00.pdf", a);
    assertThat(nul.statusCode()).isEqualTo(400);
    assertThat(nul.body()).doesNotContain("not for you");
  }

  @Test
  void aUserSeesOnlyTheirOwnJobsAndAnothersJobDoesNotExistForThem() throws Exception {
    FaxJob bobs = h.job("bob", "5551234567");
    FaxJob carols = h.job("carol", "5557654321");
    ApiHarness.Login bob = h.login("bob");
    JsonNode list = ApiHarness.json(h.get("/api/v1/jobs", bob));
    assertThat(list.path("total").asInt()).isEqualTo(1);
    assertThat(list.path("jobs").get(0).path("id").asLong()).isEqualTo(bobs.id());
    // even when asking for carol's by owner
    assertThat(ApiHarness.json(h.get("/api/v1/jobs?owner=carol", bob)).path("total").asInt())
        .isZero();
    for (String p :
        List.of("/api/v1/jobs/" + carols.id(), "/api/v1/jobs/" + carols.id() + "/pages/1.png")) {
      assertThat(h.get(p, bob).statusCode()).as(p).isEqualTo(404);
    }
    for (String act : List.of("cancel", "retry")) {
      assertThat(h.post("/api/v1/jobs/" + carols.id() + "/" + act, bob, "", true).statusCode())
          .as(act)
          .isEqualTo(404);
    }
    assertThat(
            h.post(
                    "/api/v1/jobs/" + carols.id() + "/resubmit",
                    bob,
                    "{\"number\":\"5550000000\"}",
                    true)
                .statusCode())
        .isEqualTo(404);
    assertThat(h.store.find(carols.id()).orElseThrow().state()).isEqualTo(carols.state());
    // received faxes and the outbox are for admins
    assertThat(h.get("/api/v1/received", bob).statusCode()).isEqualTo(403);
    assertThat(h.get("/api/v1/outbox", bob).statusCode()).isEqualTo(403);
    // an admin sees both
    ApiHarness.Login alice = h.login("alice");
    assertThat(ApiHarness.json(h.get("/api/v1/jobs", alice)).path("total").asInt()).isEqualTo(2);
    assertThat(h.get("/api/v1/jobs/" + carols.id(), alice).statusCode()).isEqualTo(200);
  }
}
