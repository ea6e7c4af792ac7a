package org.faxgw.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.faxgw.gateway.accounts.Account;
import org.faxgw.gateway.accounts.AccountsStore;
import org.faxgw.gateway.accounts.LoginThrottle;
import org.faxgw.gateway.accounts.PasswordHash;
import org.faxgw.gateway.accounts.Role;
import org.faxgw.gateway.admin.AdminJobs;
import org.faxgw.gateway.admin.AdminServer;
import org.faxgw.gateway.config.ConfigLoader;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.gateway.events.GatewayEvents;
import org.faxgw.gateway.events.ObservedJobStore;
import org.faxgw.queue.DialingRules;
import org.faxgw.queue.DocumentSpool;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobDefaults;
import org.faxgw.queue.JobDocument;
import org.faxgw.queue.JobFactory;
import org.faxgw.queue.JobState;
import org.faxgw.queue.JobStore;
import org.faxgw.queue.SqliteJobStore;

/**
 * The HTTP server with the REST API on a free loopback port, over a real SQLite job store and
 * accounts file in a temporary folder, with a clock the test moves. Users: {@code alice} (admin),
 * {@code bob} and {@code carol} (users), password {@code secret-PW} (a cheap PBKDF2 count, so tests
 * stay fast; the verification is the same).
 */
final class ApiHarness implements AutoCloseable {
  static final String PASSWORD = "secret-PW";
  static final ObjectMapper JSON = new ObjectMapper();

  /** A clock the test moves. */
  static final class ManualClock extends Clock {
    volatile Instant now = Instant.parse("2026-12-01T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  final Path dir;
  final ManualClock clock = new ManualClock();
  final JobStore store;
  final DocumentSpool spool;
  final GatewayEvents events = new GatewayEvents();
  final AdminServer server;
  final String base;
  final HttpClient http;
  final FaxgwConfig config;

  ApiHarness(Path dir) throws Exception {
    this(dir, "", null);
  }

  /**
   * @param adminYaml more keys of the admin: section, each line indented by two spaces
   * @param http the client (null: a plain one)
   */
  ApiHarness(Path dir, String adminYaml, HttpClient http) throws Exception {
    this.dir = dir;
    Path data = dir.resolve("var");
    Files.createDirectories(data);
    Path yaml = dir.resolve("faxgw.yaml");
    Files.writeString(yaml, "dataDir: " + data + "\nadmin:\n  listen: 127.0.0.1:0\n" + adminYaml);
    this.config = new ConfigLoader().load(yaml);
    AccountsStore accounts = new AccountsStore(config.accountsFile());
    for (String[] u : new String[][] {{"alice", "admin"}, {"bob", "user"}, {"carol", "user"}}) {
      accounts.put(
          new Account(
              u[0],
              PasswordHash.hash(PASSWORD.toCharArray(), 1000),
              Role.parse(u[1]),
              List.of(),
              null));
    }
    this.store = new ObservedJobStore(SqliteJobStore.open(data.resolve("faxgw.db")), events);
    this.spool = new DocumentSpool(data.resolve("spool"));
    ApiDeps deps =
        new ApiDeps(
            new StoreJobs(),
            store,
            data,
            List.of(),
            accounts,
            new SessionStore(config.admin().sessionTimeout(), clock),
            new LoginThrottle(
                config.admin().maxLoginFailures(), config.admin().loginLockout(), clock),
            events,
            () -> null,
            clock,
            config.admin().tls().enabled());
    this.server = new AdminServer(config, deps.jobs(), List.of(), deps, () -> "# none\n");
    server.start();
    String scheme = config.admin().tls().enabled() ? "https" : "http";
    this.base = scheme + "://127.0.0.1:" + server.address().getPort();
    this.http =
        http != null ? http : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** A job owned by {@code owner}, stored directly. */
  FaxJob job(String owner, String number) throws IOException {
    String folder = spool.newFolder();
    String path =
        spool.write(folder, "doc.txt", new java.io.ByteArrayInputStream("hello".getBytes()));
    JobFactory f = new JobFactory(JobDefaults.hylafax());
    List<FaxJob> made =
        store.submit(
            f.newJobs(
                new JobFactory.Submission(
                    owner,
                    List.of(DialingRules.northAmerica().canonical(number).orElseThrow()),
                    List.of(new JobDocument(JobDocument.DOCUMENT, path, "text/plain", "doc.txt")),
                    folder,
                    null,
                    null,
                    null,
                    null,
                    "",
                    List.of()),
                clock.instant()),
            clock.instant(),
            Duration.ZERO);
    return made.get(0);
  }

  /** A logged-in client: its cookie and CSRF token. */
  record Login(String cookie, String csrf, HttpResponse<String> response) {}

  Login login(String user) throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(uri("/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"user\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}")));
    if (r.statusCode() != 200) {
      throw new AssertionError("login " + user + ": " + r.statusCode() + " " + r.body());
    }
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    return new Login(cookie, JSON.readTree(r.body()).path("csrf").asText(), r);
  }

  URI uri(String path) {
    return URI.create(base + path);
  }

  HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(
        b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path, Login l) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
    if (l != null) {
      b.header("Cookie", l.cookie());
    }
    return send(b);
  }

  HttpResponse<String> post(String path, Login l, String json, boolean withCsrf) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (l != null) {
      b.header("Cookie", l.cookie());
      if (withCsrf) {
        b.header("X-CSRF-Token", l.csrf());
      }
    }
    return send(b);
  }

  static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }

  @Override
  public void close() {
    server.close();
    store.close();
  }

  /** The job operations over the store (submit stores text documents as they come). */
  private final class StoreJobs implements AdminJobs {
    @Override
    public List<FaxJob> list(Set<JobState> states) {
      return store.list(states);
    }

    @Override
    public Optional<FaxJob> find(long id) {
      return store.find(id);
    }

    @Override
    public Optional<FaxJob> remove(long id) {
      return store.delete(id);
    }

    @Override
    public List<FaxJob> submit(
        String owner,
        List<String> numbers,
        List<LocalDocument> documents,
        String cover,
        String resolution,
        String notify,
        Instant sendAt)
        throws BadRequestException, IOException {
      if (numbers.isEmpty() || documents.isEmpty()) {
        throw new BadRequestException("no number or no document");
      }
      List<FaxJob> out = new ArrayList<>();
      for (String n : numbers) {
        if (DialingRules.northAmerica().canonical(n).isEmpty()) {
          throw new BadRequestException("not a fax number: " + n);
        }
        out.add(job(owner, n));
      }
      return out;
    }
  }
}
