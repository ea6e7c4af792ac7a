package org.faxgw.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.faxgw.testkit.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL, 100 one-page mails split between their SMTP listeners (even ones to
 * node a, odd ones to node b, each to its own number), faxed over the real line (IAX2, V.29 9600,
 * ECM) to a receiving gateway: every fax is received exactly once, each node sent some, and no job
 * was sent by both. {@code -Dfaxgw.cluster.mails=500} sends 500 instead. *
 *
 * <p>Minutes of real calls: only with {@code -Dfaxgw.live.full=true}, to keep {@code .ci/run} under
 * 30 minutes.
 */
@EnabledIfSystemProperty(named = "faxgw.live.full", matches = "true")
class ClusterSendIT {
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
  void mailsSplitBetweenTwoNodesAreEachFaxedExactlyOnce() throws Exception {
    int mails = Integer.getInteger("faxgw.cluster.mails", 100);
    int lines = Integer.getInteger("faxgw.cluster.lines", 16);
    try (ClusterLab lab =
        new ClusterLab(dir, pg, new ClusterLab.Settings(mails, lines, lines, "30s"))) {
      lab.startReceiver();
      lab.startNode("a", "");
      lab.startNode("b", "");
      long t0 = System.nanoTime();
      List<String> refused = new ArrayList<>();
      ExecutorService senders = Executors.newFixedThreadPool(2);
      try {
        List<Future<List<String>>> done = new ArrayList<>();
        for (String node : List.of("a", "b")) {
          int first = node.equals("a") ? 0 : 1;
          done.add(
              senders.submit(
                  () -> {
                    List<String> bad = new ArrayList<>();
                    for (int i = first; i < mails; i += 2) {
                      SmtpClient.Reply r = lab.send(node, i, ClusterLab.textMail(i));
                      if (!r.accepted()) {
                        bad.add(i + " via " + node + ": " + r);
                      }
                    }
                    return bad;
                  }));
        }
        for (Future<List<String>> f : done) {
          refused.addAll(f.get(600, TimeUnit.SECONDS));
        }
      } finally {
        senders.shutdownNow();
      }
      double submitted = (System.nanoTime() - t0) / 1e9;
      assertThat(refused).as("every mail accepted with 250").isEmpty();
      Map<Integer, Integer> expected = new TreeMap<>();
      for (int i = 0; i < mails; i++) {
        expected.put(i, 1);
      }
      boolean all = lab.awaitReceived(expected, 180L + mails * 5L);
      double wall = (System.nanoTime() - t0) / 1e9;
      lab.saveLogs(getClass().getSimpleName());
      Map<Integer, List<Integer>> got = lab.receivedPages();
      List<Long> byA = lab.node("a").doneJobs();
      List<Long> byB = lab.node("b").doneJobs();
      int dials = 0;
      for (JsonNode j : lab.jobs("a")) {
        dials += j.path("dials").asInt();
      }
      System.out.printf(
          "ClusterSendIT: %d mails, %d lines: submitted in %.1f s, all received in %.1f s"
              + " (%d received, %d calls placed, %d failed or partial receptions reported to"
              + " FaxMaster); node a sent %d, node b %d%n",
          mails,
          lines,
          submitted,
          wall,
          got.size(),
          dials,
          lab.faxmasterMail().size(),
          byA.size(),
          byB.size());
      String outputs = lab.outputs();
      List<String> notDone = new ArrayList<>();
      for (JsonNode j : lab.jobs("b")) {
        if (!j.path("state").asText().equals("done")) {
          notDone.add(j.path("jid") + " " + j.path("state").asText() + ": " + j.path("status"));
        }
      }
      assertThat(all)
          .as(
              "every fax received within the time"
                  + missing(expected, got)
                  + "; jobs not done: "
                  + notDone)
          .isTrue();
      for (int i = 0; i < mails; i++) {
        assertThat(got.get(i)).as("mail %d: pages of each reception", i).containsExactly(1);
      }
      assertThat(got.keySet()).hasSize(mails);
      assertThat(byA).as("node a sent faxes" + outputs).isNotEmpty();
      assertThat(byB).as("node b sent faxes").isNotEmpty();
      Set<Long> both = new HashSet<>(byA);
      both.retainAll(byB);
      assertThat(both).as("jobs done by both nodes").isEmpty();
      assertThat(byA.size() + byB.size()).isEqualTo(mails);
      List<JsonNode> jobs = lab.jobs("b");
      assertThat(jobs).hasSize(mails);
      assertThat(jobs).allMatch(j -> j.path("state").asText().equals("done"), "all done");
      assertThat(jobs).allMatch(j -> j.path("pagesSent").asInt() == 1, "one page each");
    }
  }

  private static String missing(Map<Integer, Integer> expected, Map<Integer, List<Integer>> got) {
    List<Integer> none = new ArrayList<>();
    for (int i : expected.keySet()) {
      if (!got.containsKey(i)) {
        none.add(i);
      }
    }
    return "; not received: " + none;
  }
}
