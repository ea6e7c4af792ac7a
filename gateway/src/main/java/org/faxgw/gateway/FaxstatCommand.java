package org.faxgw.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.faxgw.gateway.admin.AdminClient;
import org.faxgw.gateway.config.ConfiguredCommand;
import org.faxgw.gateway.config.FaxgwConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code faxgw faxstat}: server and queue status with HylaFAX's default JobFmt columns ({@code %-4j
 * %3i %1a %6.6o %-12.12e %5P %5D %7z %.25s}).
 */
@Command(
    name = "faxstat",
    mixinStandardHelpOptions = true,
    description = {
      "Show the server status and its job queues, as HylaFAX's faxstat.",
      "--json prints one object, stable: {\"server\":{\"server\",\"version\",\"smtp\",\"faxLines\","
          + " \"node\", \"cluster\", \"lines\":[{name, peer, localId, direction, state, jobId,"
          + " commId, node, nodeStale}]},"
          + " \"jobs\":[JOB...], \"received\":[RECEIVED...] (with -r)}, where JOB has the keys jid,"
          + " groupId,"
          + " state, stateCode, priority, owner, number, dialString, pages, dials, maxDials, tries,"
          + " maxTries, timeToSend, killTime, submitted, status, notify, resolution, subject,"
          + " messageId, tiff, documents, unfaxable, pagesSent, signalRate, dataFormat, ecm,"
          + " remoteCsi, durationMillis, commId, reason, node, captureRequested, capture (when the last"
          + " call was captured), and RECEIVED has commId, pages (-1: unknown), sender,"
          + " callerNumber, did, received, file, size, protect, owner, error, node, capture (when"
          + " captured). Without -s or -d, jobs lists every job. A captured call's files (relative"
          + " to dataDir) follow its row as \"capture: FILE...\".",
      "With several nodes on one PostgreSQL (\"cluster\": true in server) lines, jobs and"
          + " received faxes are every node's: a line says \"on NODE\", the queues get a Node"
          + " column (jobs: the node calling the job; received: the node that took the call)."
    })
public final class FaxstatCommand extends ConfiguredCommand {
  public static final String HEADER = "JID  Pri S  Owner Number       Pages Dials     TTS Status";

  /**
   * With several nodes on one database ({@code /v1/status} says {@code "cluster": true}) the jobs
   * get a Node column before Status: the node calling the job (its lease holder).
   */
  public static final String CLUSTER_HEADER =
      "JID  Pri S  Owner Number       Pages Dials     TTS Node       Status";

  /** The receive queue's header with a Node column (the node that received the fax). */
  public static final String CLUSTER_RECEIVED_HEADER =
      String.format(
          "%-7s %4s%1s %-8.8s %14.14s %7s %-10.10s %s",
          "Protect", "Page", " ", "Owner", "Sender/TSI", "Recvd@", "Node", "Filename");

  /** HylaFAX's default RcvFmt columns ({@code %-7m %4p%1z %-8.8o %14.14s %7t %f}). */
  public static final String RECEIVED_HEADER =
      String.format(
          "%-7s %4s%1s %-8.8s %14.14s %7s %s",
          "Protect", "Page", " ", "Owner", "Sender/TSI", "Recvd@", "Filename");

  private static final DateTimeFormatter RECVD_DAY =
      DateTimeFormatter.ofPattern("ddMMMyy", java.util.Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TTS =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

  @Option(names = "-s", description = "Show the send queue.")
  boolean send;

  @Option(names = "-d", description = "Show the done queue (done and failed jobs).")
  boolean done;

  @Option(
      names = "-r",
      description = "Show the receive queue: the faxes kept in <dataDir>/recvq/ (mailed out too).")
  boolean received;

  @Option(names = "--json", description = "Print JSON (see above) instead of columns.")
  boolean json;

  @Override
  protected int run(FaxgwConfig c) throws Exception {
    AdminClient client = new AdminClient(c.admin().listen());
    AdminClient.Reply status = client.get("/v1/status");
    if (!status.ok()) {
      System.err.println("faxstat: " + status.error());
      return 1;
    }
    ObjectMapper om = new ObjectMapper();
    if (json) {
      String queue = send && !done ? "send" : done && !send ? "done" : "all";
      AdminClient.Reply jobs = client.get("/v1/jobs?queue=" + queue);
      ObjectNode out = om.createObjectNode();
      out.set("server", status.body());
      out.set("jobs", jobs.body().path("jobs"));
      if (received) {
        AdminClient.Reply recvq = client.get("/v1/received");
        if (!recvq.ok()) {
          System.err.println("faxstat: " + recvq.error());
          return 1;
        }
        out.set("received", recvq.body().path("received"));
      }
      System.out.println(om.writerWithDefaultPrettyPrinter().writeValueAsString(out));
      return 0;
    }
    System.out.println(
        "faxgw server on "
            + c.admin().listen()
            + ": Running (SMTP "
            + status.body().path("smtp").asText()
            + ", "
            + status.body().path("faxLines").asInt()
            + " fax lines)");
    boolean cluster = status.body().path("cluster").asBoolean(false);
    for (JsonNode l : status.body().path("lines")) {
      System.out.println(cluster ? clusterLineRow(l) : lineRow(l));
    }
    if (send) {
      table(client.get("/v1/jobs?queue=send").body().path("jobs"), cluster);
    }
    if (done) {
      table(client.get("/v1/jobs?queue=done").body().path("jobs"), cluster);
    }
    if (received) {
      AdminClient.Reply recvq = client.get("/v1/received");
      if (!recvq.ok()) {
        System.err.println("faxstat: " + recvq.error());
        return 1;
      }
      System.out.println();
      System.out.println(cluster ? CLUSTER_RECEIVED_HEADER : RECEIVED_HEADER);
      for (JsonNode r : recvq.body().path("received")) {
        System.out.println(
            cluster ? clusterReceivedRow(r, Instant.now()) : receivedRow(r, Instant.now()));
        if (r.has("capture")) {
          System.out.println(captureRow(r));
        }
      }
    }
    return 0;
  }

  private static void table(JsonNode jobs, boolean cluster) {
    System.out.println();
    System.out.println(cluster ? CLUSTER_HEADER : HEADER);
    if (jobs instanceof ArrayNode a) {
      for (JsonNode j : a) {
        System.out.println(cluster ? clusterRow(j) : row(j));
        if (j.has("capture")) {
          System.out.println(captureRow(j));
        }
      }
    }
  }

  /** Where a captured call's audio is: {@code capture: log/c….rx.slin log/c….tx.slin}. */
  static String captureRow(JsonNode j) {
    StringBuilder sb = new StringBuilder("    capture:");
    for (JsonNode f : j.path("capture")) {
      sb.append(' ').append(f.asText());
    }
    return sb.toString();
  }

  /**
   * One received fax in HylaFAX's default RcvFmt: the time alone when received within the last day,
   * else the day (UTC); pages "?" when unknown; the file name within recvq/.
   */
  public static String receivedRow(JsonNode r, Instant now) {
    return receivedRow(r, now, false);
  }

  /** {@link #receivedRow} with the Node column ({@link #CLUSTER_RECEIVED_HEADER}). */
  public static String clusterReceivedRow(JsonNode r, Instant now) {
    return receivedRow(r, now, true);
  }

  private static String receivedRow(JsonNode r, Instant now, boolean withNode) {
    Instant at = Instant.parse(r.path("received").asText());
    String when =
        at.isAfter(now.minus(java.time.Duration.ofDays(1))) ? TTS.format(at) : RECVD_DAY.format(at);
    int pages = r.path("pages").asInt(-1);
    String path = r.path("file").asText();
    // a fax another node received and this one has not fetched yet has no file here
    String file =
        path.isEmpty()
            ? "fax" + r.path("commId").asText() + ".tif"
            : java.nio.file.Path.of(path).getFileName().toString();
    String head =
        String.format(
            "%-7s %4s%1s %-8.8s %14.14s %7s ",
            r.path("protect").asText(),
            pages < 0 ? "?" : Integer.toString(pages),
            r.path("error").asText().isEmpty() ? " " : "!",
            r.path("owner").asText(),
            r.path("sender").asText(),
            when);
    return withNode
        ? head + String.format("%-10.10s %s", r.path("node").asText(), file)
        : head + file;
  }

  /** One fax line, as HylaFAX's modem status line: {@code Line pbx/1 (+1 604 555 0100): idle}. */
  public static String lineRow(JsonNode l) {
    String id = l.path("localId").asText();
    return "Line "
        + l.path("name").asText()
        + (id.isEmpty() ? "" : " (" + id + ")")
        + ": "
        + l.path("state").asText();
  }

  /**
   * One fax line of a cluster: {@code Line pbx/1 (+1 604 555 0100) on node-a: idle}, with "(not
   * answering)" after the node when its heartbeat is stale.
   */
  public static String clusterLineRow(JsonNode l) {
    String id = l.path("localId").asText();
    return "Line "
        + l.path("name").asText()
        + (id.isEmpty() ? "" : " (" + id + ")")
        + " on "
        + l.path("node").asText()
        + (l.path("nodeStale").asBoolean(false) ? " (not answering)" : "")
        + ": "
        + l.path("state").asText();
  }

  /** One line in HylaFAX's default JobFmt. */
  public static String row(JsonNode j) {
    return row(j, false);
  }

  /** {@link #row} with the Node column ({@link #CLUSTER_HEADER}). */
  public static String clusterRow(JsonNode j) {
    return row(j, true);
  }

  private static String row(JsonNode j, boolean withNode) {
    String tts = "";
    if (!j.path("timeToSend").isNull() && !j.path("timeToSend").isMissingNode()) {
      tts = TTS.format(Instant.parse(j.path("timeToSend").asText()));
    }
    boolean sent = "done".equals(j.path("state").asText());
    String pages =
        (sent ? j.path("pages").asInt() : j.path("pagesSent").asInt(0))
            + ":"
            + j.path("pages").asInt();
    String dials = j.path("dials").asInt() + ":" + j.path("maxDials").asInt();
    String head =
        String.format(
            "%-4d %3d %1s %6.6s %-12.12s %5s %5s %7s ",
            j.path("jid").asLong(),
            j.path("priority").asInt(),
            j.path("stateCode").asText(),
            j.path("owner").asText(),
            j.path("number").asText(),
            pages,
            dials,
            tts);
    String status = String.format("%.25s", j.path("status").asText());
    return withNode
        ? head + String.format("%-10.10s %s", j.path("node").asText(), status)
        : head + status;
  }
}
