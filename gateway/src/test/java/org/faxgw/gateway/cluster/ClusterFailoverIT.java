package org.faxgw.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faxgw.testkit.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of node a (and its render workers) while it renders a document, sends a fax and delivers
 * a mail, on the real line, with node b running beside it on the same PostgreSQL (started once a
 * holds that work, so that b does not take every call first): after a's leases expire ({@code
 * fax.leaseTtl} 10 s) b renders the document, finishes the call after the last page the receiver
 * confirmed and delivers a's mail. The receiving gateway counts: for each mail, the pages of all
 * its receptions add up to the document's pages (nothing lost, nothing twice); every job is done
 * and its sender got exactly one notice.
 *
 * <p>Node a's {@code egress.relay} is a sink that never finishes its answer to EHLO, so a's
 * delivery of a notice is in progress, leased to a ({@code egress.outboxLease} 60 s), when it dies;
 * node b's relay takes every message. The mails' jobs are sent by whichever node claims them.
 */
class ClusterFailoverIT {
  private static final Pattern NOTICE =
      Pattern.compile("(?m)^Subject: facsimile job (\\d+) to \\S+ completed");
  private static PostgresCluster pg;
  @TempDir Path dir;

  @BeforeAll
  static void startPostgres() throws Exception {
    Assumptions.assumeTrue(PostgresCluster.binaries().isPresent(), PostgresCluster::missingMessage);
    pg = PostgresCluster.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void afterTheLeaseExpiryTheOtherNodeFinishesTheRenderTheCallAndTheMailOfAKilledNode()
      throws Exception {
    String lease = "10s";
    try (RelaySink heldRelay = RelaySink.held();
        RelaySink relay = RelaySink.open();
        ClusterLab lab = new ClusterLab(dir, pg, new ClusterLab.Settings(8, 4, 4, lease))) {
      lab.startReceiver();
      lab.startNode("a", egress(heldRelay.port()));
      Map<Integer, Integer> expected = new TreeMap<>();
      String notify = "X-Fax-Notify: done";
      byte[] ten = lab.pdf("ten.pdf", 10);
      byte[] heavy = heavyPdf(lab);
      // ten-page faxes (calls of over a minute), then one-page ones, whose notices from node a wait
      // at its relay, while node a has a ten-page one on the line; node b starts then (so that it
      // does not take all the calls), and must leave a's leased work alone until the leases lapse
      for (int i = 4; i < 7; i++) {
        assertThat(lab.send("a", i, ClusterLab.pdfMail(i, ten, notify)).accepted()).isTrue();
        expected.put(i, 10);
      }
      for (int i = 0; i < 4; i++) {
        assertThat(lab.send("a", i, ClusterLab.textMail(i, notify)).accepted()).isTrue();
        expected.put(i, 1);
      }
      assertThat(
              ClusterLab.await(
                  240, () -> heldRelay.heldSessions() > 0 && sendingPage(lab.node("a").api)))
          .as("node a delivers a notice (held at its relay) and sends a page" + lab.outputs())
          .isTrue();
      lab.startNode("b", egress(relay.port()));
      // a document that takes a while to render: node a renders it when it dies
      assertThat(lab.send("a", 7, ClusterLab.pdfMail(7, heavy, notify)).accepted()).isTrue();
      expected.put(7, 2);
      JsonNode heavyJob = byMail(lab.jobs("a")).get(7);
      String lines = lab.node("a").api.get("/v1/lines").body().toString();
      assertThat(heavyJob.path("state").asText())
          .as("mail 7's job on node a")
          .isEqualTo("rendering");
      assertThat(lines).as("node a's lines").contains("sending page");
      assertThat(heldRelay.heldSessions()).isPositive();
      lab.node("a").process.killWithChildren();
      long killed = System.nanoTime();
      LocalDateTime killedAt = LocalDateTime.now();
      System.out.println(
          "ClusterFailoverIT: node a killed; jobs at the kill " + states(byMail(lab.jobs("b"))));
      // the calls node a had on the line (a kill -9 may leave a young call without a session log)
      List<Long> interrupted = lab.node("a").callsInProgress();
      boolean received = lab.awaitReceived(expected, 420);
      double receivedAfter = (System.nanoTime() - killed) / 1e9;
      boolean allDone = ClusterLab.await(120, () -> allDone(lab));
      boolean notices = ClusterLab.await(180, () -> noticeCounts(relay).size() == expected.size());
      double noticesAfter = (System.nanoTime() - killed) / 1e9;
      Path logs = lab.saveLogs(getClass().getSimpleName());
      Map<Integer, List<Integer>> got = lab.receivedPages();
      Map<Integer, JsonNode> jobs = byMail(lab.jobs("b"));
      Map<Long, List<String>> byB = lab.sendLogs("b");
      long heavyId = heavyJob.path("jid").asLong();
      System.out.printf(
          "ClusterFailoverIT: lease %s; all pages received %.1f s after the kill, all notices"
              + " %.1f s after; b rendered mail 7 at %s (killed at %s); b's calls of a's"
              + " interrupted jobs %s begin at %s; receptions per mail %s; jobs %s; logs in %s%n",
          lease,
          receivedAfter,
          noticesAfter,
          timeOf(lab.node("b").output(), "job " + heavyId + ": \\d+ page"),
          killedAt,
          interrupted,
          interrupted.stream().map(j -> firstLine(byB.get(j))).toList(),
          got,
          states(jobs),
          logs);
      String outputs = lab.outputs();
      assertThat(received).as("every page received; got " + got + outputs).isTrue();
      List<String> twice = new ArrayList<>();
      for (Map.Entry<Integer, Integer> e : expected.entrySet()) {
        int i = e.getKey();
        long jid = jobs.get(i).path("jid").asLong();
        int sum = got.get(i).stream().mapToInt(Integer::intValue).sum();
        if (sum != e.getValue()) {
          // the one documented window: the resuming call's session log names the page
          String said =
              byB.getOrDefault(jid, List.of()).stream()
                  .flatMap(String::lines)
                  .filter(l -> l.contains("may have reached the far end already"))
                  .findFirst()
                  .orElse("");
          String far = receivedPagesSummary(lab, i);
          assertThat(sum)
              .as(
                  "mail %d (job %d): pages of its receptions %s; far end: %s",
                  i, jid, got.get(i), far)
              .isEqualTo(e.getValue() + 1);
          // the page the resuming call names is the last one the interrupted reception kept
          Matcher named = Pattern.compile("page (\\d+) may have reached").matcher(said);
          assertThat(named.find())
              .as(
                  "mail %d (job %d) got a page twice; far end: %s; the resuming call says %s",
                  i, jid, far, said)
              .isTrue();
          assertThat(got.get(i).get(0))
              .as("mail %d: pages of the interrupted reception", i)
              .isEqualTo(Integer.parseInt(named.group(1)));
          twice.add("mail " + i + " (job " + jid + "): " + said.strip() + "; far end: " + far);
        }
      }
      System.out.println("ClusterFailoverIT: pages sent twice in the documented window: " + twice);
      assertThat(allDone).as("every job done: " + states(jobs)).isTrue();
      assertThat(interrupted).as("a call of node a was in progress at the kill").isNotEmpty();
      for (long jid : interrupted) {
        assertThat(byB).as("node b called again for job %d", jid).containsKey(jid);
      }
      assertThat(lab.node("b").output())
          .as("node b rendered mail 7's document")
          .containsPattern("job " + heavyId + ": \\d+ page");
      Map<Long, Integer> counts = noticeCounts(relay);
      assertThat(notices).as("a notice for every job: " + counts).isTrue();
      assertThat(counts.values()).as("notices per job " + counts).allMatch(c -> c == 1);
      for (JsonNode j : jobs.values()) {
        assertThat(counts).containsKey(j.path("jid").asLong());
      }
    }
  }

  private static boolean allDone(ClusterLab lab) {
    try {
      return lab.jobs("b").stream().allMatch(j -> j.path("state").asText().equals("done"));
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** What the far end's session logs for mail i's number say: pages received and MCFs sent. */
  private static String receivedPagesSummary(ClusterLab lab, int i) throws java.io.IOException {
    List<String> out = new ArrayList<>();
    for (String log : lab.receiveLogs(ClusterLab.number(i))) {
      long pages = log.lines().filter(l -> l.contains("RECV FAX: page ")).count();
      long mcf = log.lines().filter(l -> l.contains("RECV send MCF")).count();
      out.add(pages + " page(s), " + mcf + " MCF sent");
    }
    return out.toString();
  }

  /** The time stamp of the first line of a gateway's output that matches {@code regex}. */
  private static String timeOf(String output, String regex) {
    Pattern p = Pattern.compile(regex);
    return output
        .lines()
        .filter(l -> p.matcher(l).find())
        .map(l -> l.length() >= 23 ? l.substring(0, 23) : l)
        .findFirst()
        .orElse("never");
  }

  private static String firstLine(List<String> logs) {
    if (logs == null || logs.isEmpty()) {
      return "none";
    }
    String first = logs.get(0).lines().findFirst().orElse("");
    return first.length() >= 18 ? first.substring(0, 18) : first;
  }

  private static String egress(int relayPort) {
    return """
        egress:
          relay: {host: 127.0.0.1, port: %d, starttls: off, connectTimeout: 2s, readTimeout: 5s}
          outboxLease: 60s
        """
        .formatted(relayPort);
  }

  private static boolean sendingPage(org.faxgw.gateway.admin.AdminClient api) {
    try {
      return api.get("/v1/lines").body().toString().contains("sending page");
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** The jobs by the index of the mail they came from (their Message-ID). */
  private static Map<Integer, JsonNode> byMail(List<JsonNode> jobs) {
    Map<Integer, JsonNode> m = new TreeMap<>();
    Pattern id = Pattern.compile("<cluster-(\\d+)@it\\.example\\.com>");
    for (JsonNode j : jobs) {
      Matcher x = id.matcher(j.path("messageId").asText());
      if (x.matches()) {
        m.put(Integer.parseInt(x.group(1)), j);
      }
    }
    return m;
  }

  private static String states(Map<Integer, JsonNode> jobs) {
    Map<Integer, String> s = new LinkedHashMap<>();
    jobs.forEach(
        (i, j) ->
            s.put(
                i,
                j.path("jid").asLong()
                    + ":"
                    + j.path("state").asText()
                    + "/"
                    + j.path("pagesSent").asInt()
                    + "p/"
                    + j.path("dials").asInt()
                    + "d"));
    return s.toString();
  }

  private static Map<Long, Integer> noticeCounts(RelaySink relay) {
    Map<Long, Integer> counts = new TreeMap<>();
    for (String m : relay.messages()) {
      Matcher x = NOTICE.matcher(m);
      if (x.find()) {
        counts.merge(Long.parseLong(x.group(1)), 1, Integer::sum);
      }
    }
    return counts;
  }

  /**
   * Two pages of 40000 small curves each in one square inch: seconds of rendering (17 s on the
   * loaded development machine), a few kilobytes to send.
   */
  private static byte[] heavyPdf(ClusterLab lab) throws Exception {
    return lab.pdfFromPostScript(
        "heavy.pdf",
        "0.1 setlinewidth 2 { 1 1 40000 { pop rand 100 mod 250 add rand 100 mod 350 add moveto"
            + " rand 20 mod rand 20 mod rand 20 mod rand 20 mod rand 20 mod rand 20 mod"
            + " rcurveto stroke } for showpage } repeat");
  }
}
