package org.faxgw.gateway.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faxgw.gateway.accounts.Account;
import org.faxgw.gateway.accounts.AccountsStore;
import org.faxgw.gateway.accounts.PasswordHash;
import org.faxgw.gateway.accounts.Role;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.FaxTiffWriter;
import org.faxgw.t4.Resolution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole gateway in this JVM behind the REST API and /metrics: a mail through swaks becomes a job
 * whose pages have thumbnails; a fax delivered by {@code faxgw faxrcvd} (another process) appears
 * with its route, PDF and thumbnails; and the Prometheus text, parsed by the Prometheus project's
 * own parser (python3-prometheus-client), shows the counters of those three moving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private TestGateway gw;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private String cookie;

  @BeforeAll
  void start() throws Exception {
    gw = new TestGateway(dir, null, null);
    new AccountsStore(gw.dir.resolve("var/users.yaml"))
        .put(
            new Account(
                "ann",
                PasswordHash.hash("ann-PW-1".toCharArray(), 1000),
                Role.ADMIN,
                List.of(),
                null));
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"user\":\"ann\",\"password\":\"ann-PW-1\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String c = r.headers().firstValue("Set-Cookie").orElseThrow();
    cookie = c.substring(0, c.indexOf(';'));
  }

  @AfterAll
  void stop() {
    gw.close();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + gw.adminPort + path);
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Cookie", cookie)
            .timeout(Duration.ofSeconds(60))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private JsonNode getJson(String path) throws Exception {
    HttpResponse<byte[]> r = get(path);
    assertThat(r.statusCode()).as("GET %s: %s", path, new String(r.body())).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** Every sample of the scrape as "name{label=value,...}" -> value, by the Prometheus parser. */
  private Map<String, Double> scrape() throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(uri("/metrics")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    Path f = Files.createTempFile(dir, "scrape", ".txt");
    Files.write(f, r.body());
    Tools.Run p =
        Tools.run(
            "/usr/bin/python3", // Debian's, where python3-prometheus-client installs
            "-c",
            "import json,sys\n"
                + "from prometheus_client.parser import text_string_to_metric_families as parse\n"
                + "out={}\n"
                + "for fam in parse(open(sys.argv[1]).read()):\n"
                + "  for s in fam.samples:\n"
                + "    k=s.name+'{'+','.join(a+'='+b for a,b in sorted(s.labels.items()))+'}'\n"
                + "    out[k]=s.value\n"
                + "print(json.dumps(out))\n",
            f.toString());
    assertThat(p.exit()).as("the Prometheus parser: %s", p.out()).isZero();
    Map<String, Double> out = new LinkedHashMap<>();
    // the Prometheus text may carry NaN (a gauge with nothing to measure yet); JSON as Python
    // writes
    com.fasterxml.jackson.databind.json.JsonMapper lenient =
        com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    lenient
        .readTree(p.out())
        .fields()
        .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asDouble()));
    return out;
  }

  private static double sum(Map<String, Double> m, String prefix) {
    return m.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  private static Path faxTiff(Path dir, int pages) throws Exception {
    List<BilevelPage> out = new ArrayList<>();
    for (int p = 0; p < pages; p++) {
      int w = 1728;
      int h = 1100;
      byte[] bits = new byte[BilevelPage.stride(w) * h];
      for (int y = 100 + p * 50; y < 300 + p * 50; y++) {
        for (int x = 20; x < 150; x++) {
          bits[y * BilevelPage.stride(w) + x] = (byte) 0xFF;
        }
      }
      out.add(new BilevelPage(w, h, Resolution.NORMAL, bits));
    }
    Path f = dir.resolve("in-" + pages + ".tif");
    Files.write(f, FaxTiffWriter.write(out, FaxCompression.MR));
    return f;
  }

  /**
   * The metrics once the watcher has counted every fax in recvq/ (the gateway started with none): a
   * fax another test case delivered just before is not counted as this case's.
   */
  private Map<String, Double> settledScrape() throws Exception {
    Map<String, Double> m = scrape();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (sum(m, "faxgw_faxes_received_total")
            < getJson("/api/v1/received").path("received").size()
        && System.nanoTime() < deadline) {
      Thread.sleep(250); // the watcher looks once a second
      m = scrape();
    }
    return m;
  }

  @Test
  void aMailARenderedPageAndAReceivedFaxMoveTheirCounters() throws Exception {
    Map<String, Double> before = settledScrape();
    assertThat(before).containsKey("faxgw_jobs{state=ready}");
    assertThat(before.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes"));

    Swaks.Transcript t = Swaks.send(gw.smtpPort, "6045557977@fax.local", "--body", "page one");
    assertThat(t.accepted()).as(t.toString()).isTrue();
    List<JsonNode> jobs = gw.await(1, TestGateway::rendered);
    long id = jobs.get(jobs.size() - 1).path("jid").asLong();

    Tools.Run rcv =
        Tools.faxgw(
            gw.dir,
            "faxrcvd",
            faxTiff(dir, 2).toString(),
            "--did",
            "6045550100",
            "--tsi",
            "+1 555 555 0199",
            "--config",
            gw.configFile.toString());
    assertThat(rcv.exit()).as(rcv.out()).isZero();

    // the watcher finds the new fax within a few of its 1 s looks (bounded wait)
    Map<String, Double> after = scrape();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (sum(after, "faxgw_faxes_received_total") <= sum(before, "faxgw_faxes_received_total")
        && System.nanoTime() < deadline) {
      Thread.sleep(250);
      after = scrape();
    }
    assertThat(sum(after, "faxgw_smtp_replies_total{class=accepted,code=250}"))
        .isEqualTo(sum(before, "faxgw_smtp_replies_total{class=accepted,code=250}") + 1);
    assertThat(after.get("faxgw_jobs_submitted_total{}"))
        .isEqualTo(before.get("faxgw_jobs_submitted_total{}") + 1);
    int pages = getJson("/api/v1/jobs/" + id).path("pages").asInt();
    assertThat(pages).isPositive();
    assertThat(after.get("faxgw_render_page_seconds_count{}"))
        .isEqualTo(before.get("faxgw_render_page_seconds_count{}") + pages);
    assertThat(after.get("faxgw_render_page_seconds_sum{}"))
        .isGreaterThan(before.get("faxgw_render_page_seconds_sum{}"));
    assertThat(after.get("faxgw_faxes_received_total{}"))
        .isEqualTo(before.get("faxgw_faxes_received_total{}") + 1);
    assertThat(after.get("faxgw_pages_received_total{}"))
        .isEqualTo(before.get("faxgw_pages_received_total{}") + 2);
    String in = "faxgw_calls_total{direction=in,outcome=received,reason=none}";
    assertThat(after.get(in)).isEqualTo(before.getOrDefault(in, 0.0) + 1);
  }

  @Test
  void aJobsPagesHaveThumbnailsAndAReceivedFaxItsRoutePdfAndPages() throws Exception {
    Swaks.Transcript t = Swaks.send(gw.smtpPort, "6045557978@fax.local", "--body", "thumbnail me");
    assertThat(t.accepted()).as(t.toString()).isTrue();
    List<JsonNode> jobs = gw.await(1, TestGateway::rendered);
    long id =
        jobs.stream()
            .filter(j -> j.path("number").asText().endsWith("7978"))
            .findFirst()
            .orElseThrow()
            .path("jid")
            .asLong();
    JsonNode job = getJson("/api/v1/jobs/" + id);
    assertThat(job.path("thumbnails").asInt()).isEqualTo(job.path("pages").asInt()).isPositive();
    for (int n = 1; n <= job.path("pages").asInt(); n++) {
      HttpResponse<byte[]> png = get("/api/v1/jobs/" + id + "/pages/" + n + ".png");
      assertThat(png.statusCode()).isEqualTo(200);
      assertThat(png.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/png");
      javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body()));
      assertThat(
              javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body())).getWidth())
          .isEqualTo(240);
    }
    assertThat(
            get("/api/v1/jobs/" + id + "/pages/" + (job.path("pages").asInt() + 1) + ".png")
                .statusCode())
        .isEqualTo(404);

    Tools.Run rcv =
        Tools.faxgw(
            gw.dir,
            "faxrcvd",
            faxTiff(dir, 3).toString(),
            "--did",
            "6045550101",
            "--config",
            gw.configFile.toString());
    assertThat(rcv.exit()).as(rcv.out()).isZero();
    JsonNode list = getJson("/api/v1/received");
    JsonNode fax = null;
    for (JsonNode f : list.path("received")) {
      if (f.path("did").asText().endsWith("0101")) {
        fax = f;
      }
    }
    assertThat(fax).as(list.toString()).isNotNull();
    String cid = fax.path("commId").asText();
    JsonNode detail = getJson("/api/v1/received/" + cid);
    assertThat(detail.path("pages").asInt()).isEqualTo(3);
    assertThat(detail.path("route").path("action").asText()).isEqualTo("deliver");
    assertThat(detail.path("route").path("rule").asText()).isNotEmpty();
    assertThat(detail.path("mails")).isNotEmpty();
    HttpResponse<byte[]> pdf = get("/api/v1/received/" + cid + ".pdf");
    assertThat(pdf.statusCode()).isEqualTo(200);
    Path pdfFile = dir.resolve("got.pdf");
    Files.write(pdfFile, pdf.body());
    assertThat(Tools.pdfinfoPages(pdfFile)).isEqualTo(3);
    HttpResponse<byte[]> tif = get("/api/v1/received/" + cid + ".tif");
    Path tifFile = dir.resolve("got.tif");
    Files.write(tifFile, tif.body());
    assertThat(Tools.tiffinfoPages(tifFile)).isEqualTo(3);
    assertThat(get("/api/v1/received/" + cid + "/pages/3.png").statusCode()).isEqualTo(200);
    assertThat(get("/api/v1/received/" + cid + "/pages/4.png").statusCode()).isEqualTo(404);
  }
}
