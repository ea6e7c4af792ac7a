package org.faxgw.gateway.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faxgw.gateway.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HylaFAX client protocol against Debian's real hylafax-client programs (sendfax, faxstat,
 * faxalter, faxrm) and hylafax-server's faxwatch, with users added by {@code faxgw user add}; the
 * commands no Debian client sends (JSUSP, JSUBM of a suspended job, JWAIT, RETR of logs and
 * documents) and hostile input on a raw socket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HylafaxClientsIT {
  @TempDir static Path dir;
  private TestGateway gw;
  private int port;
  private Path home;
  private Path ps;
  private Path pdf;

  @BeforeAll
  void start() throws Exception {
    port = TestGateway.freePort();
    gw =
        new TestGateway(
            dir,
            null,
            "hfaxd:\n  listen: 127.0.0.1:"
                + port
                + "\n  dataTimeout: 2s\n  maxLoginFailures: 50\n");
    addUser("alice", "s3cret", "user");
    addUser("bob", "hunter2", "user");
    addUser("carol", "adm1n", "admin");
    home = Files.createDirectories(dir.resolve("home"));
    ps = dir.resolve("hello.ps");
    Files.writeString(
        ps,
        "%!PS-Adobe-3.0\n/Times-Roman findfont 36 scalefont setfont\n"
            + "72 700 moveto (Hello from sendfax) show showpage\n");
    pdf = Tools.pdf(dir, "doc.pdf", 2);
  }

  @AfterAll
  void stop() {
    if (gw != null) {
      gw.close();
    }
  }

  private void addUser(String name, String password, String role) throws Exception {
    InputStream old = System.in;
    try {
      System.setIn(new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)));
      int rc =
          Main.run(
              "user",
              "add",
              name,
              "--role",
              role,
              "--password-stdin",
              "--config",
              gw.configFile.toString());
      assertThat(rc).isZero();
    } finally {
      System.setIn(old);
    }
  }

  record Run(int exit, String out) {}

  /** A client program with no terminal (setsid), the password on stdin, HOME in the temp folder. */
  private Run client(String user, String password, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("setsid", "-w"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile());
    pb.environment().put("HOME", home.toString());
    pb.environment().put("FAXUSER", user);
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
    }
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private String host() {
    return "127.0.0.1:" + port;
  }

  private long sendfax(String user, String password) throws Exception {
    Run r =
        client(
            user,
            password,
            "sendfax",
            "-n",
            "-h",
            host(),
            "-d",
            "6045557977",
            ps.toString(),
            pdf.toString());
    Matcher m =
        Pattern.compile("request id is (\\d+) \\(group id (\\d+)\\) for host 127\\.0\\.0\\.1")
            .matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    assertThat(m.group(1)).isEqualTo(m.group(2));
    return Long.parseLong(m.group(1));
  }

  private JsonNode job(long id) throws Exception {
    return gw.jobs().stream()
        .filter(j -> j.path("jid").asLong() == id)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no job " + id));
  }

  @Test
  void sendfaxQueuesAJobRenderedAsTheSameDocumentsByMail() throws Exception {
    long id = sendfax("alice", "s3cret");
    JsonNode j = job(id);
    assertThat(j.path("owner").asText()).isEqualTo("alice");
    assertThat(j.path("number").asText()).isEqualTo("+16045557977");
    gw.await(1, TestGateway::rendered);
    j = job(id);
    assertThat(j.path("state").asText()).as(j.toString()).isNotEqualTo("failed");
    Swaks.Transcript t =
        Swaks.send(
            gw.smtpPort,
            "6045557977@fax.local",
            "--attach",
            ps.toString(),
            "--attach",
            pdf.toString(),
            "--body",
            "two documents");
    assertThat(t.accepted()).as(t.toString()).isTrue();
    List<JsonNode> all = gw.await(2, TestGateway::rendered);
    JsonNode mail =
        all.stream().filter(x -> x.path("jid").asLong() != id).reduce((a, b) -> b).orElseThrow();
    int pages = job(id).path("pages").asInt();
    assertThat(pages)
        .as("the PostScript page and the PDF's pages")
        .isEqualTo(1 + Tools.pdfinfoPages(pdf));
    assertThat(Tools.tiffinfoPages(Path.of(job(id).path("tiff").asText()))).isEqualTo(pages);
    assertThat(mail.path("pages").asInt())
        .as("the same documents by mail, after its one body page")
        .isEqualTo(pages + 1);
  }

  @Test
  void faxstatShowsTheJobsInTheColumnsAsked() throws Exception {
    long id = sendfax("alice", "s3cret");
    Run s = client("alice", "s3cret", "faxstat", "-h", host(), "-s");
    assertThat(s.out()).as(s.out()).contains("JID").containsPattern(id + " +\\d+ +[CW] +alice");
    Files.writeString(home.resolve(".hylarc"), "JobFmt: \"%j|%o|%e|%a\"\n");
    try {
      Run c = client("alice", "s3cret", "faxstat", "-h", host(), "-s");
      assertThat(c.out()).as(c.out()).containsPattern(id + "\\|alice\\|\\+16045557977\\|[CW]");
    } finally {
      Files.delete(home.resolve(".hylarc"));
    }
    Run d = client("alice", "s3cret", "faxstat", "-h", host(), "-d");
    assertThat(d.exit()).as(d.out()).isZero();
    Run i = client("alice", "s3cret", "faxstat", "-h", host(), "-i");
    assertThat(i.out()).as(i.out()).contains("faxgw");
    Run r = client("alice", "s3cret", "faxstat", "-h", host(), "-r");
    assertThat(r.exit()).as(r.out()).isZero();
  }

  @Test
  void onlyTheOwnerRemovesOrAltersAJob() throws Exception {
    long id = sendfax("alice", "s3cret");
    Run other = client("bob", "hunter2", "faxrm", "-h", host(), Long.toString(id));
    assertThat(other.out()).as(other.out()).doesNotContain("removed");
    assertThat(job(id)).isNotNull();
    Run alter = client("alice", "s3cret", "faxalter", "-h", host(), "-a", "now", Long.toString(id));
    assertThat(alter.out()).as(alter.out()).contains("Job " + id + ": done.");
    Run alterOther =
        client("bob", "hunter2", "faxalter", "-h", host(), "-a", "now", Long.toString(id));
    assertThat(alterOther.out()).as(alterOther.out()).doesNotContain(": done.");
    Run rm = client("alice", "s3cret", "faxrm", "-h", host(), Long.toString(id));
    assertThat(rm.out()).as(rm.out()).contains("Job " + id + " removed.");
    assertThat(gw.jobs()).noneMatch(j -> j.path("jid").asLong() == id);
  }

  @Test
  void aWrongPasswordOrAnUnknownUserIsRefused() throws Exception {
    for (String[] up : new String[][] {{"alice", "wrong"}, {"mallory", "s3cret"}}) {
      Run r =
          client(up[0], up[1], "sendfax", "-n", "-h", host(), "-d", "6045557977", ps.toString());
      assertThat(r.out()).as(r.out()).contains("Login incorrect").doesNotContain("request id");
    }
    assertThat(Files.readString(dir.resolve("var/users.yaml"))).doesNotContain("s3cret");
  }

  @Test
  void aReceivedFaxIsListedByFaxstatAndFetchedWithRetr() throws Exception {
    Path tif = dir.resolve("in.tif");
    Files.write(tif, org.faxgw.fixtures.RecordedCalls.receivedTiff("s-v17-ecm-mmr-alaw-3p"));
    Tools.Run rcvd =
        Tools.faxgw(
            dir,
            "faxrcvd",
            tif.toString(),
            "--did",
            "6045557977",
            "--tsi",
            "+15555550100",
            "--config",
            gw.configFile.toString());
    assertThat(rcvd.exit()).as(rcvd.out()).isZero();
    Path kept;
    try (var files = Files.list(dir.resolve("var/recvq"))) {
      kept = files.filter(f -> f.toString().endsWith(".tif")).findFirst().orElseThrow();
    }
    String name = kept.getFileName().toString();
    // hfaxd.recvqVisibleTo is admin (the default): a user sees no received fax and cannot fetch it
    Run hidden = client("alice", "s3cret", "faxstat", "-h", host(), "-r");
    assertThat(hidden.exit()).as(hidden.out()).isZero();
    assertThat(hidden.out()).as(hidden.out()).doesNotContain(name).doesNotContain("+15555550100");
    try (Control c = login("alice", "s3cret")) {
      assertThat(c.send("RETR recvq/" + name)).startsWith("550 ").contains("Permission denied");
    }
    Run r = client("carol", "adm1n", "faxstat", "-h", host(), "-r");
    assertThat(r.out()).as(r.out()).contains(name).contains("+15555550100");
    try (Control c = login("carol", "adm1n")) {
      assertThat(c.retr("recvq/" + name)).isEqualTo(Files.readAllBytes(kept));
      assertThat(c.send("RETR recvq/../users.yaml")).startsWith("550 ");
    }
  }

  @Test
  void sessionLogsAreListedAndFetchedByWhoMaySeeTheirCall() throws Exception {
    // a received call's session log, as the line writes it: <dataDir>/log/c<CommID>
    Path tif = dir.resolve("in2.tif");
    Files.write(tif, org.faxgw.fixtures.RecordedCalls.receivedTiff("s-v17-ecm-mmr-alaw-3p"));
    Tools.Run rcvd =
        Tools.faxgw(
            dir,
            "faxrcvd",
            tif.toString(),
            "--did",
            "6045557977",
            "--config",
            gw.configFile.toString());
    assertThat(rcvd.exit()).as(rcvd.out()).isZero();
    String commId;
    try (var files = Files.list(dir.resolve("var/recvq"))) {
      commId =
          files
              .map(f -> f.getFileName().toString())
              .filter(f -> f.matches("fax[0-9]+\\.tif"))
              .map(f -> f.substring(3, f.length() - 4))
              .max(String::compareTo)
              .orElseThrow();
    }
    Path logFile = Files.createDirectories(dir.resolve("var/log")).resolve("c" + commId);
    Files.writeString(logFile, "Dec 07 09:00:00.00: [line0]: RECV FAX: test session log\n");
    try (Control c = login("carol", "adm1n")) {
      assertThat(new String(c.retr("NLST log"), StandardCharsets.ISO_8859_1))
          .contains("c" + commId);
      assertThat(new String(c.retr("LIST log"), StandardCharsets.ISO_8859_1))
          .containsPattern("c" + commId + "\\s*$|c" + commId + "\\r");
      assertThat(c.retr("log/c" + commId)).isEqualTo(Files.readAllBytes(logFile));
    }
    try (Control c = login("alice", "s3cret")) {
      assertThat(new String(c.retr("NLST log"), StandardCharsets.ISO_8859_1))
          .doesNotContain("c" + commId);
      assertThat(c.send("RETR log/c" + commId)).startsWith("550 ");
    }
  }

  @Test
  void docqShowsAndReturnsOnlyTheUsersOwnDocuments() throws Exception {
    long id = sendfax("alice", "s3cret");
    Run f = client("alice", "s3cret", "faxstat", "-h", host(), "-f");
    assertThat(f.exit()).as(f.out()).isZero();
    assertThat(f.out()).as(f.out()).contains("doc" + id + "_1").contains("alice");
    try (Control c = login("alice", "s3cret")) {
      String names = new String(c.retr("NLST docq"), StandardCharsets.ISO_8859_1);
      String first =
          names.lines().filter(n -> n.startsWith("doc" + id + "_1")).findFirst().orElseThrow();
      assertThat(c.retr("docq/" + first)).isEqualTo(Files.readAllBytes(ps));
    }
    Run other = client("bob", "hunter2", "faxstat", "-h", host(), "-f");
    assertThat(other.out()).as(other.out()).doesNotContain("doc" + id + "_");
  }

  @Test
  void usersSeeOnlyTheirOwnJobsAndAnAdminSeesAll() throws Exception {
    long id = sendfax("alice", "s3cret");
    Run bob = client("bob", "hunter2", "faxstat", "-h", host(), "-s");
    assertThat(bob.exit()).as(bob.out()).isZero();
    assertThat(bob.out()).as(bob.out()).doesNotContainPattern("(?m)^" + id + " ");
    Run carol = client("carol", "adm1n", "faxstat", "-h", host(), "-s");
    assertThat(carol.out()).as(carol.out()).containsPattern("(?m)^" + id + " ");
    try (Control c = login("bob", "hunter2")) {
      assertThat(c.send("JOB " + id)).startsWith("504 ");
      assertThat(c.send("JSUSP " + id)).startsWith("504 ");
      assertThat(c.send("JWAIT " + id)).startsWith("504 ");
    }
  }

  @Test
  void faxalterChangesKillTimePriorityAndTriesOfOwnJobsOnly() throws Exception {
    long id = sendfax("alice", "s3cret");
    java.time.Instant t0 = java.time.Instant.now();
    Run k =
        client(
            "alice",
            "s3cret",
            "faxalter",
            "-v",
            "-h",
            host(),
            "-k",
            "now + 5 hours",
            Long.toString(id));
    assertThat(k.out()).as(k.out()).contains("Job " + id + ": done.");
    java.time.Instant kill = java.time.Instant.parse(job(id).path("killTime").asText());
    assertThat(kill)
        .as(k.out())
        .isAfter(t0.plus(java.time.Duration.ofMinutes(295)))
        .isBefore(t0.plus(java.time.Duration.ofMinutes(306)));
    Run p = client("alice", "s3cret", "faxalter", "-h", host(), "-P", "42", Long.toString(id));
    assertThat(p.out()).as(p.out()).contains("Job " + id + ": done.");
    assertThat(job(id).path("priority").asInt()).isEqualTo(42);
    Run t = client("alice", "s3cret", "faxalter", "-v", "-h", host(), "-t", "7", Long.toString(id));
    assertThat(t.out()).as(t.out()).contains("Job " + id + ": done.");
    JsonNode j = job(id);
    assertThat(j.path("maxDials").asInt() == 7 || j.path("maxTries").asInt() == 7)
        .as(t.out() + j)
        .isTrue();
    Run other =
        client(
            "bob", "hunter2", "faxalter", "-h", host(), "-k", "now + 9 hours", Long.toString(id));
    assertThat(other.out()).as(other.out()).doesNotContain(": done.");
    assertThat(job(id).path("killTime").asText()).isEqualTo(kill.toString());
    Run bad = client("alice", "s3cret", "faxalter", "-h", host(), "-P", "300", Long.toString(id));
    assertThat(bad.out()).as(bad.out()).doesNotContain(": done.");
    assertThat(job(id).path("priority").asInt()).isEqualTo(42);
  }

  @Test
  void twoOverlappingSendfaxRunsEachPrintTheirOwnJob() throws Exception {
    for (int round = 0; round < 3; round++) {
      List<java.util.concurrent.CompletableFuture<Run>> runs = new ArrayList<>();
      String[] numbers = {"6045550101", "6045550202"};
      for (String n : numbers) {
        runs.add(
            java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return client(
                        "alice",
                        "s3cret",
                        "sendfax",
                        "-n",
                        "-h",
                        host(),
                        "-d",
                        n,
                        ps.toString(),
                        pdf.toString());
                  } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                  }
                }));
      }
      List<Long> ids = new ArrayList<>();
      for (int i = 0; i < numbers.length; i++) {
        Run r = runs.get(i).get(90, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("request id is (\\d+) \\(group id (\\d+)\\)").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        long id = Long.parseLong(m.group(1));
        ids.add(id);
        assertThat(job(id).path("number").asText()).isEqualTo("+1" + numbers[i]);
        assertThat(job(id).path("owner").asText()).isEqualTo("alice");
      }
      assertThat(ids).doesNotHaveDuplicates();
    }
  }

  /** The overlap made certain: A and B both hold a JNEW id, B submits first, then A. */
  @Test
  void interleavedSubmissionsKeepTheIdsAnnouncedAtJnew() throws Exception {
    try (Control a = login("alice", "s3cret");
        Control b = login("alice", "s3cret")) {
      long idA = a.jnew();
      long idB = b.jnew();
      assertThat(idB).isNotEqualTo(idA);
      for (Object[] x : new Object[][] {{b, "6045550303", idB}, {a, "6045550404", idA}}) {
        Control c = (Control) x[0];
        String file = c.stot(Files.readAllBytes(ps));
        assertThat(c.send("JPARM DIALSTRING " + x[1])).startsWith("213 ");
        assertThat(c.send("JPARM DOCUMENT " + file)).startsWith("213 ");
        assertThat(c.send("JSUBM")).isEqualTo("200 Job " + x[2] + " submitted.");
        assertThat(job((Long) x[2]).path("number").asText()).isEqualTo("+1" + x[1]);
      }
    }
  }

  @Test
  void faxwatchReportsSuspensionResubmissionAndRemovalAndJwaitEnds() throws Exception {
    long id = sendfax("alice", "s3cret");
    gw.await(1, x -> x.path("jid").asLong() == id && !"rendering".equals(x.path("state").asText()));
    try (Watcher alice = new Watcher("alice", "s3cret");
        Watcher bob = new Watcher("bob", "hunter2")) {
      try (Control c = login("alice", "s3cret")) {
        assertThat(c.send("JSUSP " + id)).startsWith("200 ");
        alice.await("JOB " + id + " .*: Suspended");
        assertThat(job(id).path("state").asText()).isEqualTo("suspended");
        Run s = client("alice", "s3cret", "faxstat", "-h", host(), "-s");
        assertThat(s.out()).as(s.out()).containsPattern(id + " +\\d+ +T +alice");
        assertThat(c.send("JSUBM " + id)).startsWith("200 ");
        alice.await("JOB " + id + " .*: Ready to send");
        assertThat(job(id).path("state").asText()).isEqualTo("ready");
        Run alter =
            client("alice", "s3cret", "faxalter", "-h", host(), "-P", "99", Long.toString(id));
        assertThat(alter.out()).as(alter.out()).contains(": done.");
        alice.await(
            "JOB " + id + " \\(dest \\+16045557977 pri 99 owner alice\\): Parameters altered");
        // JWAIT returns once the job has gone (faxrm from another client)
        c.write("JWAIT " + id);
        Run rm = client("alice", "s3cret", "faxrm", "-h", host(), Long.toString(id));
        assertThat(rm.out()).as(rm.out()).contains("removed");
        assertThat(c.in.readLine()).startsWith("216 ");
        alice.await("JOB " + id + " .*: Killed");
      }
      assertThat(bob.output()).doesNotContain("JOB " + id + " ");
    }
  }

  /** hylafax-server's real faxwatch, watching every job event, run until closed. */
  private final class Watcher implements AutoCloseable {
    final Process p;
    final StringBuffer out = new StringBuffer();
    final Thread reader;

    Watcher(String user, String password) throws Exception {
      ProcessBuilder pb =
          new ProcessBuilder(
                  "setsid", "-w", "/usr/lib/hylafax/bin/faxwatch", "-v", "-h", host(), "J*S*")
              .redirectErrorStream(true)
              .directory(dir.toFile());
      pb.environment().put("HOME", home.toString());
      pb.environment().put("FAXUSER", user);
      p = pb.start();
      try (OutputStream in = p.getOutputStream()) {
        in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
      }
      reader =
          new Thread(
              () -> {
                try (InputStream s = p.getInputStream()) {
                  byte[] b = new byte[4096];
                  int n;
                  while ((n = s.read(b)) > 0) {
                    out.append(new String(b, 0, n, StandardCharsets.ISO_8859_1));
                  }
                } catch (java.io.IOException ignored) {
                  // process gone
                }
              },
              "faxwatch-" + user);
      reader.setDaemon(true);
      reader.start();
      // -v traces the exchange: the 150 reply to SITE TRIGGER says the watch is registered
      await("150 ");
    }

    String output() {
      return out.toString();
    }

    void await(String regex) throws Exception {
      Pattern re = Pattern.compile(regex);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < end) {
        if (re.matcher(out).find()) {
          return;
        }
        if (!p.isAlive() && !reader.isAlive()) {
          break;
        }
        Thread.sleep(100);
      }
      throw new AssertionError("faxwatch printed no /" + regex + "/:\n" + out);
    }

    @Override
    public void close() throws Exception {
      System.out.println("faxwatch output:\n" + out);
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  // --- raw socket ---------------------------------------------------------------------

  private static final class Control implements AutoCloseable {
    final Socket s;
    final BufferedReader in;
    final OutputStream out;

    Control(int port) throws Exception {
      s = new Socket();
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      s.setSoTimeout(30_000);
      in =
          new BufferedReader(
              new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
      out = s.getOutputStream();
      assertThat(in.readLine()).startsWith("220 ");
    }

    void write(String line) throws Exception {
      out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }

    /** RETR path (or a LIST/NLST command) over a passive data connection: the bytes. */
    byte[] retr(String what) throws Exception {
      String pasv = send("PASV");
      Matcher m = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)").matcher(pasv);
      assertThat(m.find()).as(pasv).isTrue();
      int dataPort = Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
      try (Socket data = new Socket("127.0.0.1", dataPort)) {
        String cmd = what.matches("(LIST|NLST) .*") ? what : "RETR " + what;
        assertThat(send(cmd)).startsWith("150 ");
        byte[] got = data.getInputStream().readAllBytes();
        assertThat(in.readLine()).startsWith("226 ");
        return got;
      }
    }

    long jnew() throws Exception {
      String r = send("JNEW");
      Matcher m = Pattern.compile("^200 New job created: jobid: (\\d+) ").matcher(r);
      assertThat(m.find()).as(r).isTrue();
      return Long.parseLong(m.group(1));
    }

    /** STOT over a passive data connection: the temporary file's name. */
    String stot(byte[] content) throws Exception {
      String pasv = send("PASV");
      Matcher m = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)").matcher(pasv);
      assertThat(m.find()).as(pasv).isTrue();
      int dataPort = Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
      try (Socket data = new Socket("127.0.0.1", dataPort)) {
        String r = send("STOT");
        assertThat(r).startsWith("150 FILE: ");
        data.getOutputStream().write(content);
        data.shutdownOutput();
        String done = in.readLine();
        assertThat(done).startsWith("226 ");
        return r.substring("150 FILE: ".length(), r.indexOf(' ', "150 FILE: ".length()));
      }
    }

    String send(String line) throws Exception {
      write(line);
      String r = in.readLine();
      assertThat(r)
          .as("reply to %s", line.length() > 40 ? line.substring(0, 40) : line)
          .isNotNull();
      return r;
    }

    @Override
    public void close() throws Exception {
      s.close();
    }
  }

  private Control login(String user, String password) throws Exception {
    Control c = new Control(port);
    assertThat(c.send("USER " + user)).startsWith("331 ");
    assertThat(c.send("PASS " + password)).startsWith("230 ");
    return c;
  }

  @Test
  void nothingIsAcceptedBeforeLogin() throws Exception {
    try (Control c = new Control(port)) {
      for (String cmd :
          List.of("JNEW", "LIST sendq", "PASV", "STOT", "RETR recvq/x", "SITE HELP")) {
        assertThat(c.send(cmd)).startsWith("530 ");
      }
      assertThat(c.send("USER alice")).startsWith("331 ");
      assertThat(c.send("PASS bad")).startsWith("530 Login incorrect");
      assertThat(c.send("JNEW")).startsWith("530 ");
    }
  }

  @Test
  void hostileInputGetsRepliesAndTheServerStaysUp() throws Exception {
    try (Control c = new Control(port)) {
      assertThat(c.send("X".repeat(1 << 20))).startsWith("500 ");
      assertThat(c.send("NOOP")).startsWith("200 ");
      Random rnd = new Random(16);
      for (int i = 0; i < 200; i++) {
        StringBuilder b = new StringBuilder();
        int n = rnd.nextInt(60);
        for (int k = 0; k < n; k++) {
          char ch = (char) (rnd.nextInt(94) + 33);
          b.append(rnd.nextInt(8) == 0 ? ' ' : ch);
        }
        String line = (rnd.nextBoolean() ? "J" : "") + b;
        assertThat(c.send(line)).matches("[2-5]\\d\\d .*");
      }
      assertThat(c.send("NOOP")).startsWith("200 ");
    }
    try (Control c = new Control(port)) {
      c.send("USER alice");
      assertThat(c.send("PASS s3cret")).startsWith("230 ");
      assertThat(c.send("PORT 10,1,2,3,4,5")).startsWith("500 ");
      // after login: a 1 MB line, then 200 lines of real verbs with random arguments
      assertThat(c.send("JPARM " + "Y".repeat(1 << 20))).startsWith("500 ");
      String[] verbs = {
        "JNEW",
        "JOB",
        "JPARM",
        "JSUBM",
        "JKILL",
        "JDELE",
        "JSUSP",
        "JINTR",
        "JWAIT",
        "LIST",
        "NLST",
        "RETR",
        "STOT",
        "STOR",
        "SITE",
        "SITE TRIGGER",
        "SITE IDLE",
        "IDLE",
        "TZONE",
        "TYPE",
        "MODE",
        "STRU",
        "FORM",
        "EPRT",
        "PORT",
        "JOBFMT",
        "RCVFMT",
        "FILEFMT",
        "ADMIN"
      };
      Random rnd = new Random(1616);
      for (int i = 0; i < 200; i++) {
        StringBuilder b = new StringBuilder(verbs[rnd.nextInt(verbs.length)]);
        int words = rnd.nextInt(3);
        for (int w = 0; w < words; w++) {
          b.append(' ');
          int n = 1 + rnd.nextInt(20);
          for (int k = 0; k < n; k++) {
            b.append((char) (rnd.nextInt(94) + 33));
          }
        }
        String line = b.toString();
        if (line.startsWith("STO") || line.startsWith("JWAIT") || line.equals("SITE TRIGGER")) {
          // these wait for a data connection or a job: answered without one at once
          line = line + " 999999999";
        }
        assertThat(c.send(line)).as(line).matches("[2-5]\\d\\d .*");
      }
      assertThat(c.send("NOOP")).startsWith("200 ");
      String pasv = c.send("PASV");
      Matcher m = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)").matcher(pasv);
      assertThat(m.find()).as(pasv).isTrue();
      int dataPort = Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
      try (Socket data = new Socket("127.0.0.1", dataPort)) {
        String r = c.send("STOT");
        assertThat(r).startsWith("150 ");
        // send nothing: the server gives up after hfaxd.dataTimeout (2 s)
        assertThat(c.in.readLine()).startsWith("426 ");
      }
      assertThat(c.send("NOOP")).startsWith("200 ");
    }
    assertThat(sendfax("alice", "s3cret")).isPositive();
  }
}
