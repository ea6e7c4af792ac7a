package org.faxgw.gateway.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.faxgw.gateway.admin.AdminClient;
import org.faxgw.gateway.config.HostPort;
import org.faxgw.gateway.line.ServeProcess;
import org.faxgw.testkit.PostgresCluster;

/**
 * Two sending faxgw nodes ({@code a}, {@code b}) on one database of a private PostgreSQL, each with
 * its own SMTP listener, admin API, dataDir and IAX2 endpoint, whose send lines dial a third,
 * receiving faxgw (SQLite) over IAX2 on 127.0.0.1. Every port is a free one on 127.0.0.1.
 *
 * <p>Mail {@code i} goes to the number {@link #number(int)}; the receiving gateway routes each of
 * those numbers (its DID) to its own Maildir, {@code n<i>@example.com}, so what arrived is counted
 * per mail: {@link #receivedPages()} gives, per mail, the page count of every fax mail received for
 * it. A partial reception is delivered there too (with the pages it got) and reported to FaxMaster.
 *
 * <p>Both nodes list the same send lines on the same peer name ({@code r}): the lines are global to
 * the cluster ({@code claimWithinLimits}), so {@code linesPerNode} is the number of calls of the
 * two nodes together. Retries are quick ({@code 2s}) so that a call starved of CPU is redialled
 * within the test's time.
 */
final class ClusterLab implements AutoCloseable {
  /** The first number the mails go to; mail i goes to FIRST_NUMBER + i. */
  static final long FIRST_NUMBER = 6045551000L;

  private static final Pattern PAGES = Pattern.compile("(?m)^\\s*Pages: (\\d+)\\s*$");
  private static final Pattern DONE = Pattern.compile("job (\\d+): done \\(");
  private static final Pattern DISPATCHER = Pattern.compile("Dispatcher - job (\\d+): (\\S+)");
  private static final Pattern SEND_JOB = Pattern.compile("SEND FAX: JOB (\\d+) ");

  /**
   * What the lab runs.
   *
   * @param numbers how many numbers the receiving gateway routes (mails 0..numbers-1)
   * @param linesPerNode the send lines each node lists on the peer (global to the cluster)
   * @param receiveLines the receiving gateway's lines per node
   * @param leaseTtl the nodes' {@code fax.leaseTtl}
   */
  record Settings(int numbers, int linesPerNode, int receiveLines, String leaseTtl) {}

  /** One sending node. */
  static final class Node {
    final String name;
    final Path dir;
    final int smtp;
    final int admin;
    final int iax;
    final AdminClient api;
    ServeProcess process;

    Node(String name, Path dir) throws IOException {
      this.name = name;
      this.dir = dir;
      this.smtp = tcpPort();
      this.admin = tcpPort();
      this.iax = udpPort();
      this.api = new AdminClient(new HostPort("127.0.0.1", admin));
    }

    String output() {
      return process == null ? "" : process.output();
    }

    /**
     * The jobs whose last dispatcher line in this node's output is {@code calling} (its calls in
     * progress, also those too young to have a session log on disk).
     */
    List<Long> callsInProgress() {
      Map<Long, String> last = new TreeMap<>();
      Matcher m = DISPATCHER.matcher(output());
      while (m.find()) {
        last.put(Long.parseLong(m.group(1)), m.group(2));
      }
      List<Long> calling = new ArrayList<>();
      last.forEach(
          (jid, verb) -> {
            if (verb.equals("calling")) {
              calling.add(jid);
            }
          });
      return calling;
    }

    /** The jobs this node's dispatcher logged as done (from its output). */
    List<Long> doneJobs() {
      List<Long> ids = new ArrayList<>();
      Matcher m = DONE.matcher(output());
      while (m.find()) {
        ids.add(Long.parseLong(m.group(1)));
      }
      return ids;
    }
  }

  private final Path dir;
  private final Settings settings;
  private final PostgresCluster pg;
  private final String database;
  private final Path receiver;
  private final int receiverIax;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private ServeProcess receiverProcess;

  ClusterLab(Path dir, PostgresCluster pg, Settings settings) throws Exception {
    this.dir = dir;
    this.pg = pg;
    this.settings = settings;
    this.database = pg.createDatabase();
    this.receiver = Files.createDirectories(dir.resolve("receiver"));
    this.receiverIax = udpPort();
    for (String name : List.of("a", "b")) {
      nodes.put(name, new Node(name, Files.createDirectories(dir.resolve(name))));
    }
  }

  /** The number mail {@code i} is faxed to (national form, as the receiving DID sees it). */
  static String number(int i) {
    return Long.toString(FIRST_NUMBER + i);
  }

  Node node(String name) {
    return nodes.get(name);
  }

  /** Starts the receiving gateway: its lines answer both nodes, each number to its Maildir. */
  void startReceiver() throws Exception {
    StringBuilder routes = new StringBuilder();
    for (int i = 0; i < settings.numbers(); i++) {
      routes.append("    - {did: \"%s\", to: [n%d@example.com]}\n".formatted(number(i), i));
    }
    Files.writeString(
        receiver.resolve("faxgw.yaml"),
        """
        dataDir: var
        smtp: {listen: "127.0.0.1:%d"}
        admin: {listen: "127.0.0.1:%d"}
        render: {workers: 1}
        iax2:
          listen: "127.0.0.1:%d"
          users:
            - {name: gw-a, secret: s3cret}
            - {name: gw-b, secret: s3cret}
        fax:
          localId: "+1 604 555 0999"
          lines:
            - {peer: gw-a, calls: %d, direction: receive}
            - {peer: gw-b, calls: %d, direction: receive}
        routing:
          faxmaster: faxmaster@localhost
          inbound:
        %s"""
            .formatted(
                tcpPort(),
                tcpPort(),
                receiverIax,
                settings.receiveLines(),
                settings.receiveLines(),
                routes));
    receiverProcess = new ServeProcess(faxgw() + " serve --config faxgw.yaml", receiver);
  }

  /**
   * Starts node {@code name} ({@code a} or {@code b}); {@code extraYaml}: more top-level sections
   * of its config (e.g. {@code egress:}), or empty.
   */
  Node startNode(String name, String extraYaml) throws Exception {
    Node n = nodes.get(name);
    Files.writeString(
        n.dir.resolve("faxgw.yaml"),
        """
        dataDir: var
        smtp: {listen: "127.0.0.1:%d"}
        admin: {listen: "127.0.0.1:%d"}
        store:
          type: postgresql
          postgresql:
            url: %s
            user: %s
            password: ${FAXGW_DB_PASSWORD}
            poolSize: 6
        render: {workers: 1, resolution: normal}
        jobs: {retryOther: 2s, retryBusy: 2s, retryNoAnswer: 2s, maxTries: 6}
        iax2:
          listen: "127.0.0.1:%d"
          peers:
            - {name: r, host: 127.0.0.1, port: %d, username: gw-%s, secret: s3cret}
        fax:
          localId: "+1 604 555 000%d"
          node: node-%s
          maxRate: 9600
          leaseTtl: %s
          lines:
            - {peer: r, calls: %d, direction: send}
        %s
        """
            .formatted(
                n.smtp,
                n.admin,
                pg.jdbcUrl(database),
                PostgresCluster.USER,
                n.iax,
                receiverIax,
                name,
                name.equals("a") ? 1 : 2,
                name,
                settings.leaseTtl(),
                settings.linesPerNode(),
                extraYaml));
    n.process =
        new ServeProcess(
            faxgw() + " serve --config faxgw.yaml",
            n.dir,
            Map.of("FAXGW_DB_PASSWORD", pg.password(), "FAXGW_JAVA_OPTS", "-Xmx384m"));
    return n;
  }

  /** A one-page text mail (no cover page) to {@link #number(int)}. */
  static String textMail(int i, String... extraHeaders) {
    return headers(i, extraHeaders)
        + "Content-Type: text/plain; charset=US-ASCII\n\nCluster mail number "
        + i
        + ".\n";
  }

  /** A mail with {@code pdf} attached (no cover page) to {@link #number(int)}. */
  static String pdfMail(int i, byte[] pdf, String... extraHeaders) {
    String b64 =
        Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pdf);
    return headers(i, extraHeaders)
        + "Content-Type: multipart/mixed; boundary=\"b0\"\n\n--b0\n"
        + "Content-Type: application/pdf; name=\"m"
        + i
        + ".pdf\"\nContent-Transfer-Encoding: base64\n\n"
        + b64
        + "\n--b0--\n";
  }

  private static String headers(int i, String... extra) {
    StringBuilder h =
        new StringBuilder()
            .append("From: alice@example.com\n")
            .append("To: ")
            .append(number(i))
            .append("@fax.local\n")
            .append("Subject: cluster mail ")
            .append(i)
            .append('\n')
            .append("Message-ID: <cluster-")
            .append(i)
            .append("@it.example.com>\n")
            .append("MIME-Version: 1.0\n")
            .append("X-Fax-Cover: no\n");
    for (String e : extra) {
      h.append(e).append('\n');
    }
    return h.toString();
  }

  /** Sends mail {@code i} through node {@code name}'s SMTP listener. */
  SmtpClient.Reply send(String name, int i, String message) {
    return SmtpClient.send(
        nodes.get(name).smtp, "alice@example.com", number(i) + "@fax.local", message);
  }

  /** A PDF of {@code pages} pages, each with its number in large type. */
  byte[] pdf(String file, int pages) throws Exception {
    StringBuilder ps = new StringBuilder("/Helvetica findfont 40 scalefont setfont ");
    for (int p = 1; p <= pages; p++) {
      ps.append("72 600 moveto (Page ").append(p).append(") show showpage ");
    }
    return pdfFromPostScript(file, ps.toString());
  }

  /** A PDF made by Ghostscript from PostScript text (without single quotes). */
  byte[] pdfFromPostScript(String file, String postScript) throws Exception {
    ServeProcess.run(
        "gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=pdfwrite -sOutputFile="
            + file
            + " -c '"
            + postScript
            + "'",
        dir);
    return Files.readAllBytes(dir.resolve(file));
  }

  /**
   * Per mail index, the page counts of the fax mails the receiving gateway delivered for its number
   * (one entry per reception), for every index that got any.
   */
  Map<Integer, List<Integer>> receivedPages() throws IOException {
    Map<Integer, List<Integer>> got = new TreeMap<>();
    Path mail = receiver.resolve("var/mail");
    for (int i = 0; i < settings.numbers(); i++) {
      Path box = mail.resolve("n" + i + "@example.com/new");
      if (!Files.isDirectory(box)) {
        continue;
      }
      List<Path> files;
      try (Stream<Path> s = Files.list(box)) {
        files = s.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        String text = Files.readString(f, StandardCharsets.ISO_8859_1);
        Matcher m = PAGES.matcher(text);
        got.computeIfAbsent(i, k -> new ArrayList<>())
            .add(m.find() ? Integer.parseInt(m.group(1)) : -1);
      }
    }
    return got;
  }

  /** The mails the receiving gateway's FaxMaster got (failed or partial receptions). */
  List<String> faxmasterMail() throws IOException {
    Path box = receiver.resolve("var/mail/faxmaster@localhost/new");
    if (!Files.isDirectory(box)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(box)) {
      for (Path f : s.sorted().toList()) {
        out.add(Files.readString(f, StandardCharsets.ISO_8859_1));
      }
    }
    return out;
  }

  /**
   * Waits (bounded, polling every 0.5 s) until every mail in {@code expectedPages} has received at
   * least its pages; true when they have. Gives up early, 60 s after every job of the store has
   * ended (done or failed: nothing more will be sent), so a lost fax fails the test without waiting
   * out the whole bound.
   */
  boolean awaitReceived(Map<Integer, Integer> expectedPages, long seconds) throws Exception {
    long[] endedAt = {0};
    await(
        seconds,
        () -> {
          try {
            if (allReceived(expectedPages)) {
              return true;
            }
            if (endedAt[0] == 0 && allJobsEnded()) {
              endedAt[0] = System.nanoTime();
            }
            return endedAt[0] != 0 && System.nanoTime() - endedAt[0] > 60_000_000_000L;
          } catch (IOException e) {
            return false;
          }
        });
    return allReceived(expectedPages);
  }

  private boolean allReceived(Map<Integer, Integer> expectedPages) throws IOException {
    Map<Integer, List<Integer>> got = receivedPages();
    return expectedPages.entrySet().stream()
        .allMatch(
            e ->
                got.getOrDefault(e.getKey(), List.of()).stream().mapToInt(Integer::intValue).sum()
                    >= e.getValue());
  }

  /** Whether every job of the shared store has ended, asked of a running node. */
  private boolean allJobsEnded() {
    for (Node n : nodes.values()) {
      if (n.process != null && n.process.isAlive()) {
        try {
          List<JsonNode> jobs = jobs(n.name);
          return !jobs.isEmpty()
              && jobs.stream()
                  .allMatch(j -> List.of("done", "failed").contains(j.path("state").asText()));
        } catch (IOException e) {
          return false;
        }
      }
    }
    return false;
  }

  /** Polls {@code condition} every 0.5 s for at most {@code seconds}; true once it holds. */
  static boolean await(long seconds, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (true) {
      if (condition.getAsBoolean()) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(500); // polling a real system, not an assertion
    }
  }

  /** Every job of the (shared) store as the node's admin API lists it, send and done queues. */
  List<JsonNode> jobs(String via) throws IOException {
    List<JsonNode> all = new ArrayList<>();
    for (String q : List.of("send", "done")) {
      for (JsonNode j : nodes.get(via).api.get("/v1/jobs?queue=" + q).body().path("jobs")) {
        all.add(j);
      }
    }
    return all;
  }

  /** The outputs of the gateways, for failure messages. */
  String outputs() {
    StringBuilder sb = new StringBuilder();
    for (Node n : nodes.values()) {
      sb.append("\n===== node ").append(n.name).append(":\n").append(n.output());
    }
    sb.append("\n===== receiver:\n")
        .append(receiverProcess == null ? "" : receiverProcess.output());
    return sb.toString();
  }

  /**
   * Keeps the evidence of a run where it outlives the test's temporary folder: the gateways'
   * outputs and session logs under {@code <build dir>/cluster-logs/<name>/} of the gateway module.
   */
  Path saveLogs(String name) throws IOException {
    Path to =
        Path.of(System.getenv().getOrDefault("FAXGW_BUILD_DIR", "target"), "cluster-logs", name)
            .toAbsolutePath();
    Files.createDirectories(to);
    for (Node n : nodes.values()) {
      Files.writeString(to.resolve("node-" + n.name + ".out"), n.output());
      copyLogs(n.dir.resolve("var/log"), to.resolve("node-" + n.name + "-log"));
    }
    if (receiverProcess != null) {
      Files.writeString(to.resolve("receiver.out"), receiverProcess.output());
    }
    copyLogs(receiver.resolve("var/log"), to.resolve("receiver-log"));
    return to;
  }

  private static void copyLogs(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    Files.createDirectories(to);
    try (Stream<Path> s = Files.list(from)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /**
   * The session logs ({@code var/log/c<CommID>}) of the calls node {@code name} placed, by job id
   * (from their {@code SEND FAX: JOB n} line), in CommID order.
   */
  Map<Long, List<String>> sendLogs(String name) throws IOException {
    Map<Long, List<String>> byJob = new TreeMap<>();
    Path log = nodes.get(name).dir.resolve("var/log");
    if (!Files.isDirectory(log)) {
      return byJob;
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(log)) {
      files = s.filter(f -> f.getFileName().toString().matches("c\\d+")).sorted().toList();
    }
    for (Path f : files) {
      String text = Files.readString(f, StandardCharsets.ISO_8859_1);
      Matcher m = SEND_JOB.matcher(text);
      if (m.find()) {
        byJob.computeIfAbsent(Long.parseLong(m.group(1)), k -> new ArrayList<>()).add(text);
      }
    }
    return byJob;
  }

  /** The receiving gateway's session logs that name {@code did} as the called number. */
  List<String> receiveLogs(String did) throws IOException {
    List<String> out = new ArrayList<>();
    Path log = receiver.resolve("var/log");
    if (!Files.isDirectory(log)) {
      return out;
    }
    try (Stream<Path> s = Files.list(log)) {
      for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
        String text = Files.readString(f, StandardCharsets.ISO_8859_1);
        if (text.contains("DID \"" + did + "\"")) {
          out.add(text);
        }
      }
    }
    return out;
  }

  private static String faxgw() {
    return ServeProcess.root().resolve("bin/faxgw").toString();
  }

  static int tcpPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  static int udpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    for (Node n : nodes.values()) {
      if (n.process != null) {
        n.process.close();
      }
    }
    if (receiverProcess != null) {
      receiverProcess.close();
    }
  }
}
