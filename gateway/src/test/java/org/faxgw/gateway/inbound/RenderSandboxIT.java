package org.faxgw.gateway.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.faxgw.gateway.admin.AdminClient;
import org.faxgw.gateway.config.ConfigLoader;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.gateway.config.HostPort;
import org.faxgw.gateway.serve.Gateway;
import org.faxgw.queue.JobListener;
import org.faxgw.render.HostileDocuments;
import org.faxgw.render.worker.RenderWorkerPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hostile documents mailed to a gateway in this JVM whose render workers are real processes: each
 * kills or times out only its worker, 20 mails sent meanwhile with swaks are all answered 250, the
 * sender is told which part failed and why, and the pool is back to full size. A worker killed with
 * SIGKILL in the middle of a document: another renders it and the job completes, its progress shown
 * in the job's status on the way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenderSandboxIT {
  private static final String TIME_LIMIT = "8s";

  private Path tmp;
  private MailEgressService svc;
  private Gateway gw;
  private AdminClient admin;
  private FaxgwConfig config;
  private int smtp;

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @BeforeAll
  void start() throws Exception {
    // workers dropped to nobody must reach the documents' copies they are sent: they get bytes,
    // but the gateway's own folders may stay closed; only the workers' temp root must be open
    tmp =
        Files.createTempDirectory(
            "faxgw-sandbox-it-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
    smtp = freePort();
    int adminPort = freePort();
    Path cfgFile = tmp.resolve("faxgw.yaml");
    Files.writeString(
        cfgFile,
        "dataDir: "
            + tmp.resolve("data")
            + "\nsmtp:\n  listen: 127.0.0.1:"
            + smtp
            + "\nadmin:\n  listen: 127.0.0.1:"
            + adminPort
            + "\nrender:\n  workers: 2\n  timeLimit: "
            + TIME_LIMIT
            + "\n  tempDir: "
            + tmp.resolve("render")
            + "\n");
    config = new ConfigLoader(Map.of()).load(cfgFile);
    Clock clock = Clock.systemUTC();
    svc =
        MailEgressService.start(
            config.dataPath(), config.egress(), config.routing(), clock, Map.of(), false);
    gw = new Gateway(config, clock, JobListener.NONE);
    gw.setJobListener(new JobNotifier(svc, clock));
    gw.start();
    admin = new AdminClient(new HostPort("127.0.0.1", adminPort));
    assertThat(gw.renderWorkers().awaitFull(Duration.ofSeconds(120))).isTrue();
  }

  @AfterAll
  void stop() throws Exception {
    gw.close();
    svc.close();
    try (var s = Files.walk(tmp)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private String send(String from, String subject, String... extra) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "swaks",
                "--server",
                "127.0.0.1",
                "--port",
                Integer.toString(smtp),
                "--from",
                from,
                "--to",
                "6045557977@fax.local",
                "--header",
                "Subject: " + subject,
                "--timeout",
                "60"));
    cmd.addAll(List.of(extra));
    return Tools.run(tmp, cmd.toArray(String[]::new));
  }

  private JsonNode job(String subject) throws Exception {
    AdminClient.Reply r = admin.get("/v1/jobs?queue=all");
    assertThat(r.ok()).as(r.body().toString()).isTrue();
    for (JsonNode j : r.body().path("jobs")) {
      if (j.path("subject").asText().equals(subject)) {
        return j;
      }
    }
    return null;
  }

  private JsonNode awaitEnd(String subject) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    JsonNode j = null;
    while (System.nanoTime() < end) {
      j = job(subject);
      if (j != null && !j.path("state").asText().equals("rendering")) {
        return j;
      }
      Thread.sleep(100); // waiting for real worker processes, not logic
    }
    throw new AssertionError("job " + subject + " still rendering: " + j);
  }

  private String awaitNotice(String mailbox, String subjectPart) throws Exception {
    Path box = config.dataPath().resolve("mail/" + mailbox);
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < end) {
      svc.deliverNow();
      for (Path m : Tools.newMail(box)) {
        String text = FaxrcvdIT.read(m).bodyText();
        if (text.contains(subjectPart)) {
          return text;
        }
      }
      Thread.sleep(100); // waiting for the outbox of a real gateway, not logic
    }
    throw new AssertionError("no notice about " + subjectPart + " in " + box);
  }

  /** {time of the reply to the end of DATA, sum of all response times} from swaks -stl output. */
  static double[] lapses(String transcript) {
    double last = 0;
    double sum = 0;
    double data = 0;
    for (String line : transcript.split("\n")) {
      String l = line.strip();
      if (l.startsWith("=== response in ")) {
        last = Double.parseDouble(l.substring(16).replace("s", "").strip());
        sum += last;
      } else if (l.contains("250 2.0.0 Ok: queued")) {
        data = last;
      }
    }
    return new double[] {data, sum};
  }

  @Test
  void hostileDocumentsHurtOnlyTheirWorkerWhileMailIsAnswered() throws Exception {
    Path docs = tmp.resolve("docs");
    Files.createDirectories(docs);
    List<Path> hostile =
        List.of(
            HostileDocuments.endlessLoop(docs),
            HostileDocuments.endlessAllocation(docs),
            HostileDocuments.heapExhaustingPdf(docs),
            HostileDocuments.decompressionBomb(docs));
    RenderWorkerPool pool = gw.renderWorkers();
    int round = 0;
    for (Path doc : hostile) {
      round++;
      String name = String.valueOf(doc.getFileName());
      String subject = "hostile " + name;
      int startedBefore = pool.workersStarted();
      String out =
          send(
              "bob@example.com",
              subject,
              "--add-header",
              "X-Fax-Cover: no",
              "--attach-type",
              name.endsWith(".ps") ? "application/postscript" : "application/pdf",
              "--attach-name",
              name,
              "--attach",
              "@" + doc);
      assertThat(out).contains("250 2.0.0");

      // 20 mails while the hostile document is being rendered: every one is answered 250.
      // swaks -stl prints the server's response time before each reply; measured, not asserted.
      List<Double> dataReply = new ArrayList<>();
      List<Double> session = new ArrayList<>();
      boolean overlapped = false;
      for (int i = 0; i < 20; i++) {
        JsonNode h = job(subject);
        overlapped |= h != null && h.path("state").asText().equals("rendering");
        String reply =
            send(
                "carol@example.com",
                "plain " + round + "." + i,
                "-stl",
                "--add-header",
                "X-Fax-Notify: none",
                "--body",
                "note " + i);
        assertThat(reply).as("mail %d during %s", i, name).contains("250 2.0.0 Ok: queued");
        double[] lapse = lapses(reply);
        dataReply.add(lapse[0]);
        session.add(lapse[1]);
      }
      System.out.printf(
          java.util.Locale.ROOT,
          "%s: 20 mails answered 250; server reply to end of DATA max %.3f s, whole SMTP"
              + " session max %.3f s (swaks -stl)%s%n",
          name,
          dataReply.stream().mapToDouble(Double::doubleValue).max().orElse(0),
          session.stream().mapToDouble(Double::doubleValue).max().orElse(0),
          overlapped ? "" : " [the hostile job had already ended]");

      JsonNode j = awaitEnd(subject);
      assertThat(j.path("state").asText()).isEqualTo("failed");
      String status = j.path("status").asText();
      System.out.printf("%s: %s%n", name, status);
      assertThat(status)
          .startsWith("Document conversion failed: " + name + ": ")
          .containsPattern("took longer than 8 s to render|document too large|CPU time");
      String notice = awaitNotice("bob@example.com", name);
      assertThat(notice).contains("failed because:").contains(name);
      assertThat(pool.awaitFull(Duration.ofSeconds(120))).as("pool full again").isTrue();
      assertThat(pool.liveWorkers()).isEqualTo(2);
      assertThat(pool.workersStarted()).as("its worker was replaced").isGreaterThan(startedBefore);
    }
  }

  @Test
  void aWorkerKilledMidDocumentLosesNothingAndProgressShows() throws Exception {
    Path pdf = tmp.resolve("long.pdf");
    StringBuilder ms = new StringBuilder(".TL\nLong\n");
    for (int i = 0; i < 500; i++) {
      ms.append(".PP\nParagraph ")
          .append(i)
          .append(" of a long text sent to see the render progress and survive a kill.\n");
    }
    Path msFile = tmp.resolve("long.ms");
    Files.writeString(msFile, ms);
    Path ps = tmp.resolve("long.ps");
    Files.writeString(ps, Tools.run(tmp, "groff", "-ms", "-Tps", msFile.toString()));
    Tools.run(tmp, "ps2pdf", ps.toString(), pdf.toString());
    String subject = "survivor";
    String out =
        send(
            "dave@example.com",
            subject,
            "--add-header",
            "X-Fax-Cover: no",
            "--attach-type",
            "application/pdf",
            "--attach-name",
            "long.pdf",
            "--attach",
            "@" + pdf);
    assertThat(out).contains("250 2.0.0");
    RenderWorkerPool pool = gw.renderWorkers();
    int startedBefore = pool.workersStarted();
    String progress = null;
    long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (progress == null && System.nanoTime() < end) {
      JsonNode j = job(subject);
      if (j != null && j.path("status").asText().startsWith("rendering page")) {
        progress = j.path("status").asText();
      } else {
        Thread.sleep(20); // waiting for a real worker process, not logic
      }
    }
    assertThat(progress).as("progress in the job status").matches("rendering page \\d+ of \\d+");
    List<Long> busy = pool.busyPids();
    assertThat(busy).hasSize(1);
    ProcessHandle.of(busy.get(0)).orElseThrow().destroyForcibly(); // SIGKILL, as kill -9
    JsonNode j = awaitEnd(subject);
    System.out.printf(
        "survivor: %s, %d pages, progress seen: %s%n",
        j.path("state").asText(), j.path("pages").asInt(), progress);
    assertThat(j.path("state").asText()).isNotEqualTo("failed");
    String info = Tools.run(tmp, "pdfinfo", pdf.toString());
    int pdfPages =
        Integer.parseInt(
            info.lines()
                .filter(l -> l.startsWith("Pages:"))
                .findFirst()
                .orElseThrow()
                .substring(6)
                .strip());
    assertThat(pdfPages).isGreaterThan(5);
    assertThat(j.path("pages").asInt()).as("every page, none lost or doubled").isEqualTo(pdfPages);
    assertThat(pool.awaitFull(Duration.ofSeconds(120))).isTrue();
    assertThat(pool.workersStarted()).isGreaterThan(startedBefore);
  }
}
