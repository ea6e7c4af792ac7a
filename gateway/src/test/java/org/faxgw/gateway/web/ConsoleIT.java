package org.faxgw.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.faxgw.fixtures.RecordedCalls;
import org.faxgw.gateway.Main;
import org.faxgw.gateway.serve.GatewayProcess;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxTiffReader;
import org.faxgw.testkit.ExternalTool;
import org.faxgw.testkit.Pixels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console in Debian's headless Chromium against a real {@code faxgw serve} (no fax line
 * configured, so a rendered job waits as "Waiting for a fax line"), users added with {@code faxgw
 * user add}. The cases run in order on one browser session: alice logs in and sends a 50-page PDF
 * from the form, watches it render without a reload and sees one thumbnail per page; bob, another
 * user, sees neither the job nor its pages (console and API); an admin opens a fax delivered with
 * {@code faxgw faxrcvd} and downloads its PDF, whose pages equal the fax's pixel for pixel.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {
  private static final int PDF_PAGES = 50;
  private static final String NUMBER = "6045557977";
  private static final String RECEIVED_CALL = "s-v17-ecm-mmr-alaw-3p";

  @TempDir static Path dir;
  private GatewayProcess gateway;
  private Browser browser;
  private static Path config;
  private Path pdf;
  private String jobId;

  @BeforeAll
  void start() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(Browser.CHROMIUM),
        "skipped: "
            + Browser.CHROMIUM
            + " is absent (bin/install-test-deps installs the Debian packages chromium and"
            + " chromium-driver)");
    int smtpPort = freePort();
    int adminPort = freePort();
    config = dir.resolve("faxgw.yaml");
    Files.writeString(
        config,
        "dataDir: "
            + dir.resolve("var")
            + "\nsmtp:\n  listen: 127.0.0.1:"
            + smtpPort
            + "\nadmin:\n  listen: 127.0.0.1:"
            + adminPort
            + "\n");
    // the gateway and the browser start while the users and the PDF are made (the accounts store
    // is read again when its file changes)
    long t0 = System.nanoTime();
    CompletableFuture<GatewayProcess> serve =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                GatewayProcess g = new GatewayProcess(dir, config, adminPort, "-Xmx384m");
                System.out.printf("ConsoleIT: faxgw serve up in %d ms%n", since(t0));
                return g;
              } catch (Exception e) {
                throw new CompletionException(e);
              }
            });
    CompletableFuture<Browser> chromium =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                Browser b =
                    new Browser("http://127.0.0.1:" + adminPort + "/", dir.resolve("browser"));
                System.out.printf("ConsoleIT: Chromium up in %d ms%n", since(t0));
                return b;
              } catch (Exception e) {
                throw new CompletionException(e);
              }
            });
    try {
      addUser("alice", "user", "alice-pass-1");
      addUser("bob", "user", "bob-pass-2");
      addUser("ops", "admin", "ops-pass-3");
      pdf = pdf(dir, "fifty.pdf", PDF_PAGES);
      assertThat(pdfinfoPages(pdf)).isEqualTo(PDF_PAGES);
      receiveFax();
      System.out.printf("ConsoleIT: users, PDF and received fax made in %d ms%n", since(t0));
    } finally {
      gateway = startedOrNull(serve);
      browser = startedOrNull(chromium);
    }
    serve.join(); // their failures, if any
    chromium.join();
    System.out.printf(
        "ConsoleIT set-up (users, PDF, faxgw serve and Chromium): %d ms%n", since(t0));
  }

  private static long since(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** What the future made, or null when it failed (so what did start is closed in any case). */
  private static <T> T startedOrNull(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      return null;
    }
  }

  /** A screenshot after each case, in target/console-screenshots/, to see what the case saw. */
  @AfterEach
  void screenshot(TestInfo test) throws IOException {
    if (browser != null) {
      Path shots = Files.createDirectories(Path.of("target", "console-screenshots"));
      browser.screenshot(shots.resolve(test.getTestMethod().orElseThrow().getName() + ".png"));
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  @Order(1)
  void logsIn() {
    browser.load("#/queue");
    browser.await(30, "the log-in form shows", d -> browser.find("#login-view").isDisplayed());
    logIn("alice", "not-her-password");
    browser.await(
        30,
        "a wrong password is refused",
        d -> browser.find("#login-error").getText().contains("Wrong user or password"));
    logIn("alice", "alice-pass-1");
    browser.await(
        30, "alice is logged in", d -> browser.find("#who-name").getText().contains("alice"));
    assertThat(browser.find("#nav").isDisplayed()).isTrue();
    assertThat(browser.find("#login-view").isDisplayed()).isFalse();
    browser.await(30, "the queue shows", d -> browser.find("#queue-title").isDisplayed());
  }

  @Test
  @Order(2)
  void sendsAFaxFromTheFormAndWatchesItRenderWithoutReload() {
    browser.js("window.faxgwMarker = 'this page was not reloaded';");
    browser.find("a[data-section=send]").click();
    browser.await(10, "the send form shows", d -> browser.find("#send-form").isDisplayed());
    browser.find("#send-number").sendKeys(NUMBER);
    browser.find("#send-file").sendKeys(pdf.toString());
    browser.find("#send-form button[type=submit]").click();
    Pattern jobHash = Pattern.compile("#/jobs/(\\d+)$");
    jobId =
        browser.await(
            60,
            "the console opens the new job",
            d -> {
              Matcher m = jobHash.matcher(d.getCurrentUrl());
              return m.find() ? m.group(1) : null;
            });
    List<String> seen = new ArrayList<>();
    browser.await(
        180,
        "job " + jobId + " leaves rendering for ready (states seen: " + seen + ")",
        d -> {
          Object state =
              browser.js(
                  "const s = document.querySelector('section[data-job-id=\"' + arguments[0]"
                      + " + '\"]'); return s && s.getAttribute('data-state');",
                  jobId);
          if (state != null && !state.toString().isEmpty()) {
            String s = state.toString();
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(s)) {
              seen.add(s);
            }
          }
          return "ready".equals(state);
        });
    assertThat(seen)
        .as("states the page showed, in order")
        .startsWith("rendering")
        .endsWith("ready");
    assertThat(browser.js("return window.faxgwMarker;"))
        .as("the state changed on the page the form was sent from")
        .isEqualTo("this page was not reloaded");
    assertThat(browser.find("section[data-job-id] .status").getText())
        .contains("Waiting for a fax line");
  }

  @Test
  @Order(3)
  void showsOneThumbnailPerPage() {
    long firstView = awaitThumbnails();
    List<Map<String, Object>> thumbs = thumbnails();
    assertThat(thumbs).hasSize(PDF_PAGES);
    for (int i = 0; i < thumbs.size(); i++) {
      Map<String, Object> t = thumbs.get(i);
      assertThat(t.get("alt")).isEqualTo("Page " + (i + 1) + " of " + PDF_PAGES);
      assertThat(((Number) t.get("h")).longValue())
          .as("page %d is a portrait page image", i + 1)
          .isGreaterThan(((Number) t.get("w")).longValue());
    }
    browser.go("#/queue");
    browser.await(
        30,
        "the queue lists job " + jobId + " as ready",
        d ->
            "ready"
                .equals(
                    browser.js(
                        "const r = document.querySelector('tr[data-job-id=\"' + arguments[0]"
                            + " + '\"]'); return r && r.getAttribute('data-state');",
                        jobId)));
    // the Node column: the node calling a job; a job waiting for a line has none
    assertThat(
            browser.js(
                "return [...document.querySelectorAll('#view th')].map(t => t.textContent);"))
        .asString()
        .contains("Node");
    assertThat(
            browser.js(
                "const c = document.querySelector('tr[data-job-id=\"' + arguments[0]"
                    + " + '\"] td.node'); return c ? c.textContent : 'no node cell';",
                jobId))
        .isEqualTo("");
    browser.go("#/jobs/" + jobId);
    long again = awaitThumbnails();
    browser.go("#/queue");
    browser.await(10, "the queue shows", d -> !browser.all("tr[data-job-id]").isEmpty());
    browser.cache(false);
    browser.js("performance.clearResourceTimings();");
    browser.go("#/jobs/" + jobId);
    long uncached = awaitThumbnails();
    Object network =
        browser.js(
            "const e = performance.getEntriesByType('resource').filter(r =>"
                + " r.name.includes('/pages/'));"
                + " return e.length + ' images in ' + Math.round(Math.max(...e.map(r =>"
                + " r.responseEnd)) - Math.min(...e.map(r => r.startTime))) + ' ms';");
    browser.cache(true);
    System.out.printf(
        "ConsoleIT figures: the job page's %d thumbnails loaded in %d ms the first time (the"
            + " server makes them), %d ms opened again (browser cache), %d ms with the browser's"
            + " cache off (server cache; resource timing: %s)%n",
        PDF_PAGES, firstView, again, uncached, network);
  }

  @Test
  @Order(4)
  void anotherUserSeesNeitherTheJobNorItsPages() {
    assertThat(jobId).as("the job sent in the form").isNotNull();
    logOut();
    logIn("bob", "bob-pass-2");
    browser.await(30, "bob is logged in", d -> browser.find("#who-name").getText().contains("bob"));
    browser.go("#/queue");
    browser.await(
        30, "bob's queue shows", d -> !browser.all("#view table, #view .empty").isEmpty());
    assertThat(browser.all("tr[data-job-id=\"" + jobId + "\"]")).isEmpty();
    browser.go("#/jobs/" + jobId);
    browser.await(
        30, "bob is told there is no such job", d -> !browser.all("[data-not-found]").isEmpty());
    assertThat(browser.all("img.thumb")).isEmpty();
    assertThat(fetchStatus("/api/v1/jobs/" + jobId)).isIn(403L, 404L);
    assertThat(fetchStatus("/api/v1/jobs/" + jobId + "/pages/1.png")).isIn(403L, 404L);
    Object listed =
        browser.jsAsync(
            "const done = arguments[arguments.length - 1];"
                + " fetch('/api/v1/jobs?limit=500', {cache: 'no-store'}).then(r => r.json())"
                + ".then(b => done(b.jobs.map(j => String(j.id ?? j.jid))))"
                + ".catch(e => done('error: ' + e));");
    assertThat(listed).as("the job ids bob's API lists").isInstanceOf(List.class);
    assertThat(((List<?>) listed).stream().map(String::valueOf)).doesNotContain(jobId);
    assertThat(browser.all("a[data-section=received]")).allMatch(a -> !a.isDisplayed());
    browser.go("#/lines");
    browser.await(
        30,
        "the lines page says that no fax line is configured",
        d -> browser.find("#view").getText().contains("No fax line is configured"));
  }

  @Test
  @Order(5)
  void opensAReceivedFaxAndDownloadsItsPdf() throws Exception {
    List<BilevelPage> reference = decoded(dir.resolve("in.tif"));

    logOut();
    logIn("ops", "ops-pass-3");
    browser.await(30, "ops is logged in", d -> browser.find("#who-name").getText().contains("ops"));
    browser.go("#/outbox");
    browser.await(
        30,
        "the outbox page says how many mails wait",
        d -> browser.find("#view").getText().matches("(?s).*\\d+ mail\\(s\\) waiting.*"));
    browser.go("#/received");
    browser.await(30, "the received fax is listed", d -> !browser.all("tr[data-fax-id]").isEmpty());
    String faxId = browser.find("tr[data-fax-id]").getAttribute("data-fax-id");
    browser.find("tr[data-fax-id] a[href^='#/received/']").click();
    browser.await(30, "fax " + faxId + " opens", d -> !browser.all("#pdf-link").isEmpty());
    awaitThumbnails();
    assertThat(thumbnails()).hasSize(reference.size());
    assertThat(browser.find("section[data-fax-id] .facts").getText())
        .as("the fax's facts")
        .contains("+1 555 555 0100")
        .contains(NUMBER)
        .contains("Route");
    browser.await(
        30,
        "the fax's mail has a delivery state",
        d -> !browser.all("[data-mail-state='waiting'], [data-mail-state='left']").isEmpty());

    browser.find("#pdf-link").click();
    Path pdfFile = awaitDownload();
    assertThat(pdfinfoPages(pdfFile)).isEqualTo(reference.size());
    Path images = Files.createDirectories(dir.resolve("pdfimages"));
    ExternalTool.runOk(
        images, "pdfimages", "-png", pdfFile.toString(), images.resolve("img").toString());
    for (int i = 0; i < reference.size(); i++) {
      BilevelPage ref = reference.get(i);
      BufferedImage img = ImageIO.read(images.resolve(String.format("img-%03d.png", i)).toFile());
      assertThat(img).as("pdfimages page %d", i + 1).isNotNull();
      Pixels.assertSame(
          ref.width(), ref.height(), ref::pixel, ref.blackPixels(), img, "page " + (i + 1));
    }
  }

  /** {@code faxgw faxrcvd} of a recorded call's TIFF, as if the fax line had received it. */
  private static void receiveFax() throws Exception {
    Path tif = dir.resolve("in.tif");
    Files.write(tif, RecordedCalls.receivedTiff(RECEIVED_CALL));
    ExternalTool.Result r =
        ExternalTool.run(
            dir,
            Map.of(),
            120,
            List.of(
                root().resolve("bin/faxgw").toString(),
                "faxrcvd",
                tif.toString(),
                "--did",
                NUMBER,
                "--tsi",
                "+1 555 555 0100",
                "--config",
                config.toString()));
    assertThat(r.exit()).as(r.output()).isZero();
  }

  private void logIn(String user, String password) {
    browser.await(10, "the log-in form shows", d -> browser.find("#login-view").isDisplayed());
    browser.find("#login-user").clear();
    browser.find("#login-user").sendKeys(user);
    browser.find("#login-password").clear();
    browser.find("#login-password").sendKeys(password);
    browser.find("#login-form button[type=submit]").click();
  }

  private void logOut() {
    browser.find("#logout").click();
    browser.await(
        30, "the log-in form shows again", d -> browser.find("#login-view").isDisplayed());
  }

  /** Waits until every page image on the page has loaded; returns how long that took, in ms. */
  private long awaitThumbnails() {
    long start = System.nanoTime();
    browser.await(
        120,
        "every page thumbnail loads",
        d ->
            Boolean.TRUE.equals(
                browser.js(
                    "const t = [...document.querySelectorAll('img.thumb')];"
                        + " return t.length > 0 && t.every(i => i.complete && i.naturalWidth > 0);")));
    return (System.nanoTime() - start) / 1_000_000;
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> thumbnails() {
    return (List<Map<String, Object>>)
        browser.js(
            "return [...document.querySelectorAll('img.thumb')].map(i =>"
                + " ({alt: i.alt, w: i.naturalWidth, h: i.naturalHeight}));");
  }

  /** The HTTP status of a GET with the browser's session. */
  private long fetchStatus(String path) {
    Object status =
        browser.jsAsync(
            "const done = arguments[arguments.length - 1];"
                + " fetch(arguments[0], {cache: 'no-store'}).then(r => done(r.status))"
                + ".catch(e => done(-1));",
            path);
    return ((Number) status).longValue();
  }

  /** The one PDF the browser saved, once complete (bounded wait). */
  private Path awaitDownload() {
    return browser.await(
        60,
        "the PDF download completes in " + browser.downloads,
        d -> {
          try (Stream<Path> s = Files.list(browser.downloads)) {
            List<Path> files = s.toList();
            boolean partial =
                files.stream().anyMatch(p -> p.getFileName().toString().endsWith(".crdownload"));
            List<Path> pdfs =
                files.stream().filter(p -> p.getFileName().toString().endsWith(".pdf")).toList();
            return !partial && pdfs.size() == 1 && Files.size(pdfs.get(0)) > 0 ? pdfs.get(0) : null;
          } catch (IOException e) {
            return null;
          }
        });
  }

  /** The fax's pages as libtiff decodes them (tiffcp -c none), our TIFF reader on plain strips. */
  private static List<BilevelPage> decoded(Path tif) throws Exception {
    Path plain = dir.resolve("plain.tif");
    ExternalTool.runOk(dir, "tiffcp", "-c", "none", tif.toString(), plain.toString());
    return FaxTiffReader.read(Files.readAllBytes(plain));
  }

  /** {@code faxgw user add} in this JVM, the password on standard input. */
  private static void addUser(String name, String role, String password) {
    java.io.InputStream old = System.in;
    try {
      System.setIn(new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)));
      assertThat(
              Main.run(
                  "user",
                  "add",
                  name,
                  "--role",
                  role,
                  "--password-stdin",
                  "--config",
                  config.toString()))
          .as("faxgw user add %s", name)
          .isZero();
    } finally {
      System.setIn(old);
    }
  }

  /** A PDF of {@code pages} pages of text, made with groff and ps2pdf. */
  private static Path pdf(Path dir, String name, int pages) throws Exception {
    StringBuilder roff = new StringBuilder();
    for (int i = 1; i <= pages; i++) {
      if (i > 1) {
        roff.append(".bp\n");
      }
      roff.append("This is page ").append(i).append(" of a document sent from the console.\n");
    }
    Path ms = dir.resolve(name + ".roff");
    Files.writeString(ms, roff);
    Path ps = dir.resolve(name + ".ps");
    ExternalTool.Result g =
        ExternalTool.run(
            dir, Map.of(), 60, List.of("sh", "-c", "groff -Tps '" + ms + "' > '" + ps + "'"));
    assertThat(g.exit()).as("groff: %s", g.output()).isZero();
    Path out = dir.resolve(name);
    ExternalTool.runOk(dir, "ps2pdf", ps.toString(), out.toString());
    return out;
  }

  private static int pdfinfoPages(Path pdf) throws Exception {
    String info = ExternalTool.runOk(pdf.getParent(), "pdfinfo", pdf.toString());
    Matcher m = Pattern.compile("(?m)^Pages:\\s+(\\d+)$").matcher(info);
    assertThat(m.find()).as("pdfinfo: %s", info).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private static Path root() {
    return Path.of(System.getProperty("faxgw.root", "..")).toAbsolutePath().normalize();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
