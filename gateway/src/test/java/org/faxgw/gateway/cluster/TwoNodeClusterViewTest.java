package org.faxgw.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.faxgw.gateway.FaxstatCommand;
import org.faxgw.gateway.accounts.Account;
import org.faxgw.gateway.accounts.AccountsStore;
import org.faxgw.gateway.accounts.PasswordHash;
import org.faxgw.gateway.accounts.Role;
import org.faxgw.gateway.admin.AdminClient;
import org.faxgw.gateway.config.ConfigLoader;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.gateway.config.HostPort;
import org.faxgw.gateway.inbound.MailEgressService;
import org.faxgw.gateway.inbound.ReceivedCall;
import org.faxgw.gateway.inbound.ReceivedFaxPipeline;
import org.faxgw.gateway.line.Line;
import org.faxgw.gateway.line.LineState;
import org.faxgw.gateway.line.SessionLog;
import org.faxgw.gateway.line.XferLog;
import org.faxgw.gateway.serve.Gateway;
import org.faxgw.mail.DataFormat;
import org.faxgw.queue.ClusterDirectory;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.FaxNumber;
import org.faxgw.queue.JobDocument;
import org.faxgw.queue.JobLease;
import org.faxgw.queue.JobListener;
import org.faxgw.queue.JobState;
import org.faxgw.queue.NewJob;
import org.faxgw.queue.PostgresJobStore;
import org.faxgw.queue.PostgresSettings;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.FaxTiffWriter;
import org.faxgw.t4.Resolution;
import org.faxgw.testkit.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Two gateway nodes on one PostgreSQL (a private cluster): node B is a whole {@link Gateway}
 * ({@code store: postgresql}, {@code fax.node: node-b}, admin API on a free loopback port); node A
 * is what a node's fax line writes, wired as the gateway wires it on its own store and pool: its
 * received-fax pipeline, a call's session log and xferfaxlog record, its line and heartbeat, and a
 * job its dispatcher claimed. Everything is asked of node B.
 */
class TwoNodeClusterViewTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "secret-PW";
  private static PostgresCluster cluster;

  @TempDir Path dir;
  private String database;
  private PostgresJobStore storeA;
  private Gateway nodeB;
  private Path configB;
  private AdminClient adminB;
  private String baseB;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void startCluster() throws Exception {
    Assumptions.assumeTrue(PostgresCluster.binaries().isPresent(), PostgresCluster::missingMessage);
    cluster = PostgresCluster.start();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @BeforeEach
  void twoNodes() throws Exception {
    database = cluster.createDatabase();
    storeA =
        PostgresJobStore.open(
            new PostgresSettings(
                cluster.jdbcUrl(database),
                PostgresCluster.USER,
                cluster.password(),
                2,
                PostgresSettings.LeaseClock.DATABASE));
    int adminPort = freePort();
    configB = dir.resolve("b.yaml");
    Files.writeString(
        configB,
        "dataDir: "
            + dir.resolve("b")
            + "\nsmtp:\n  listen: 127.0.0.1:"
            + freePort()
            + "\nadmin:\n  listen: 127.0.0.1:"
            + adminPort
            + "\nfax:\n  node: node-b\nstore:\n  type: postgresql\n  postgresql:\n    url: "
            + cluster.jdbcUrl(database)
            + "\n    user: "
            + PostgresCluster.USER
            + "\n    password: "
            + cluster.password()
            + "\n    poolSize: 3\n");
    FaxgwConfig c = new ConfigLoader().load(configB);
    Files.createDirectories(c.dataPath());
    new AccountsStore(c.accountsFile())
        .put(
            new Account(
                "alice",
                PasswordHash.hash(PASSWORD.toCharArray(), 1000),
                Role.parse("admin"),
                List.of(),
                null));
    nodeB = new Gateway(c, Clock.systemUTC(), JobListener.NONE);
    nodeB.start();
    adminB = new AdminClient(new HostPort("127.0.0.1", adminPort));
    baseB = "http://127.0.0.1:" + adminPort;
  }

  @AfterEach
  void stop() {
    if (nodeB != null) {
      nodeB.close();
    }
    if (storeA != null) {
      storeA.close();
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private ClusterDirectory directoryA() {
    return ClusterDirectory.forStore(storeA, "node-a");
  }

  @Test
  void aFaxReceivedOnNodeAIsListedByNodeBWithItsNodeAndServedByteForByte() throws Exception {
    Path dataA = dir.resolve("a");
    FaxgwConfig a = configOfA(dataA);
    byte[] tiff = FaxTiffWriter.write(pages(2), FaxCompression.MMR);
    String commId = String.format("%09d", storeA.nextCommId());
    try (MailEgressService svc =
        MailEgressService.start(
            dataA, a.egress(), a.routing(), Clock.systemUTC(), Map.of(), false)) {
      ReceivedFaxPipeline pipeline = svc.pipeline();
      pipeline.shareWith(directoryA());
      pipeline.deliver(call(tiff), commId);
    }
    assertThat(Files.readAllBytes(dataA.resolve("recvq/fax" + commId + ".tif"))).isEqualTo(tiff);

    JsonNode listed = one(adminB.get("/v1/received").body().path("received"), "commId", commId);
    assertThat(listed.path("node").asText()).isEqualTo("node-a");
    assertThat(listed.path("pages").asInt()).isEqualTo(2);
    assertThat(listed.path("sender").asText()).isEqualTo("+1 604 555 0101");
    assertThat(listed.path("file").asText()).as("not on node B until asked for").isEmpty();

    String cookie = login();
    HttpResponse<byte[]> got = getBytes("/api/v1/received/" + commId + ".tif", cookie);
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.body()).as("node B serves node A's TIFF byte for byte").isEqualTo(tiff);
    JsonNode api =
        one(
            JSON.readTree(getBytes("/api/v1/received", cookie).body()).path("received"),
            "commId",
            commId);
    assertThat(api.path("node").asText()).isEqualTo("node-a");
    HttpResponse<byte[]> pdf = getBytes("/api/v1/received/" + commId + ".pdf", cookie);
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    // now fetched into node B's recvq/, still named as node A's
    JsonNode again = one(adminB.get("/v1/received").body().path("received"), "commId", commId);
    assertThat(again.path("node").asText()).isEqualTo("node-a");
    assertThat(Path.of(again.path("file").asText()))
        .isEqualTo(dir.resolve("b/recvq/fax" + commId + ".tif"));

    String out = faxstat("-r");
    assertThat(out).contains(FaxstatCommand.CLUSTER_RECEIVED_HEADER);
    assertThat(out)
        .containsPattern("\\+1 604 555 010 +\\d\\d:\\d\\d node-a +fax" + commId + "\\.tif");
  }

  @Test
  void nodeAsLinesAndTheJobItCallsAreShownByNodeBWithNodeAsName() throws Exception {
    FaxJob job = readyJob();
    Optional<JobLease> lease = claimAsNodeA(job);
    assertThat(lease).as("node A's dispatcher claims the job").isPresent();

    Line line = new Line("pbx/1", "pbx", "+1 604 555 0100", true, true);
    line.state(new LineState.Sending(2, 3, 14400, true));
    line.call(job.id(), "000000077");
    ClusterView viewA = new ClusterView(directoryA(), storeA, List.of(line), dir.resolve("a"));
    ClusterHeartbeat beat = new ClusterHeartbeat(viewA, Clock.systemUTC());
    assertThat(beat.tick()).as("first tick writes").isTrue();
    assertThat(beat.tick()).as("nothing changed: no write until the heartbeat is due").isFalse();

    JsonNode status = adminB.get("/v1/status").body();
    assertThat(status.path("cluster").asBoolean()).isTrue();
    assertThat(status.path("node").asText()).isEqualTo("node-b");
    JsonNode l = one(status.path("lines"), "node", "node-a");
    assertThat(l.path("name").asText()).isEqualTo("pbx/1");
    assertThat(l.path("state").asText()).isEqualTo("sending page 2/3 at 14400 bit/s ECM");
    assertThat(l.path("jobId").asLong()).isEqualTo(job.id());
    assertThat(l.path("commId").asText()).isEqualTo("000000077");
    assertThat(l.path("nodeStale").asBoolean()).isFalse();

    String cookie = login();
    JsonNode apiLines = JSON.readTree(getBytes("/api/v1/lines", cookie).body()).path("lines");
    assertThat(one(apiLines, "node", "node-a").path("state").asText())
        .isEqualTo("sending page 2/3 at 14400 bit/s ECM");

    // a change is written at the next tick
    line.state(LineState.IDLE);
    line.call(0, "");
    assertThat(beat.tick()).isTrue();
    assertThat(
            one(adminB.get("/v1/lines").body().path("lines"), "node", "node-a")
                .path("state")
                .asText())
        .isEqualTo("idle");

    JsonNode apiJob =
        one(
            JSON.readTree(getBytes("/api/v1/jobs", cookie).body()).path("jobs"),
            "id",
            Long.toString(job.id()));
    assertThat(apiJob.path("node").asText()).isEqualTo("node-a");
    JsonNode v1Job =
        one(adminB.get("/v1/jobs?queue=send").body().path("jobs"), "jid", Long.toString(job.id()));
    assertThat(v1Job.path("node").asText()).isEqualTo("node-a");

    String out = faxstat("-s");
    assertThat(out).contains("Line pbx/1 (+1 604 555 0100) on node-a: idle");
    assertThat(out).contains(FaxstatCommand.CLUSTER_HEADER);
    assertThat(out).containsPattern("\\n" + job.id() + " +\\d+ R .* node-a +");
  }

  @Test
  void aSessionLogAndXferfaxlogRecordWrittenOnNodeAAreReadOnNodeB() throws Exception {
    FaxJob job = readyJob();
    Path logA = dir.resolve("a/log");
    XferLog xfer = new XferLog(dir.resolve("a/xferfaxlog"));
    xfer.shareWith(directoryA());
    String commId = String.format("%09d", storeA.nextCommId());
    SessionLog log =
        new SessionLog(logA, "pbx/1", Clock.systemUTC(), Runnable::run, xfer.directory());
    log.bind(commId);
    log.line(0, "SESSION BEGIN " + commId + " SEND");
    log.writeNow();
    log.line(1, "<-- HDLC<3:FF C8 01>");
    log.writeNow();
    xfer.append(
        new XferLog.Entry(
            ZonedDateTime.now(),
            "SEND",
            commId,
            "pbx/1",
            Long.toString(job.id()),
            "",
            "alice@example.com",
            "+16045557977",
            "REMOTE",
            XferLog.params(true, null, FaxCompression.MMR, true),
            1,
            Duration.ofSeconds(40),
            Duration.ofSeconds(35),
            "",
            "",
            "",
            "",
            "alice@example.com",
            ""));
    String local = Files.readString(logA.resolve("c" + commId));

    String cookie = login();
    HttpResponse<byte[]> got = getBytes("/api/v1/logs/" + commId, cookie);
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(new String(got.body(), StandardCharsets.UTF_8))
        .as("node B shows node A's session log as node A wrote it")
        .isEqualTo(local)
        .contains("SESSION BEGIN " + commId);
    assertThat(Files.exists(dir.resolve("b/log/c" + commId))).isFalse();

    JsonNode detail = JSON.readTree(getBytes("/api/v1/jobs/" + job.id(), cookie).body());
    JsonNode attempt = one(detail.path("attempts"), "commId", commId);
    assertThat(attempt.path("remoteId").asText()).isEqualTo("REMOTE");
    assertThat(attempt.path("ladder")).as("the T.30 ladder from node A's log").hasSize(1);
    assertThat(attempt.path("ladder").get(0).path("dir").asText()).isEqualTo("tx");
  }

  private FaxgwConfig configOfA(Path dataA) throws Exception {
    Path yaml = dir.resolve("a.yaml");
    Files.writeString(yaml, "dataDir: " + dataA + "\nfax:\n  node: node-a\n");
    return new ConfigLoader().load(yaml);
  }

  private static ReceivedCall call(byte[] tiff) throws Exception {
    return new ReceivedCall(
        org.faxgw.t4.FaxTiffReader.read(tiff),
        tiff,
        "100",
        "6045550101",
        "ALICE",
        "+1 604 555 0101",
        14400,
        DataFormat.MMR,
        true,
        Duration.ofSeconds(30),
        "pbx/1",
        0,
        "");
  }

  private FaxJob readyJob() {
    NewJob nj =
        new NewJob(
            "alice@example.com",
            new FaxNumber("+16045557977", "16045557977"),
            127,
            JobState.RENDERING,
            "",
            12,
            3,
            null,
            Instant.now().plus(Duration.ofHours(3)),
            null,
            "failed",
            "fine",
            "",
            "m",
            List.of(new JobDocument(JobDocument.DOCUMENT, "m/a.pdf", "application/pdf", "a.pdf")),
            List.of());
    FaxJob j = storeA.submit(List.of(nj), Instant.now(), Duration.ofHours(1)).get(0);
    FaxJob ready = j.withRendered(1, "m/job" + j.id() + ".tif").withState(JobState.READY, "");
    storeA.update(ready, JobState.RENDERING);
    return ready;
  }

  /** Node A's dispatcher claims the job (node B has no fax line and leaves it alone). */
  private Optional<JobLease> claimAsNodeA(FaxJob job) {
    for (int i = 0; i < 10; i++) {
      Optional<JobLease> l = storeA.claim(job.id(), "node-a", Instant.now(), Duration.ofMinutes(5));
      if (l.isPresent()) {
        return l;
      }
      FaxJob now = storeA.find(job.id()).orElseThrow();
      storeA.update(now.withState(JobState.READY, ""), now.state());
    }
    return Optional.empty();
  }

  private static List<BilevelPage> pages(int n) {
    List<BilevelPage> out = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      int w = 1728;
      int h = 400;
      byte[] bits = new byte[BilevelPage.stride(w) * h];
      for (int r = 100 + p * 20; r < 110 + p * 20; r++) {
        for (int b = 10; b < 100; b++) {
          bits[r * BilevelPage.stride(w) + b] = (byte) 0xFF;
        }
      }
      out.add(new BilevelPage(w, h, Resolution.FINE, bits));
    }
    return out;
  }

  private static JsonNode one(JsonNode array, String key, String value) {
    for (JsonNode n : array) {
      if (n.path(key).asText().equals(value)) {
        return n;
      }
    }
    throw new AssertionError("no " + key + "=" + value + " in " + array);
  }

  private String login() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(baseB + "/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"user\":\"alice\",\"password\":\"" + PASSWORD + "\"}"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String c = r.headers().firstValue("Set-Cookie").orElseThrow();
    return c.substring(0, c.indexOf(';'));
  }

  private HttpResponse<byte[]> getBytes(String path, String cookie) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(baseB + path))
            .header("Cookie", cookie)
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** {@code faxgw faxstat ARGS --config b.yaml}, in this JVM; its standard output. */
  private String faxstat(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--config");
    all.add(configB.toString());
    PrintStream before = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int exit;
    try (PrintStream p = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
      System.setOut(p);
      exit = new CommandLine(new FaxstatCommand()).execute(all.toArray(String[]::new));
    } finally {
      System.setOut(before);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(out).isZero();
    return out;
  }
}
