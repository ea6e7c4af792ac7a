package org.faxgw.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.faxgw.testkit.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL, with PostgreSQL restarted in the middle of the run, on the real line
 * (IAX2 to a receiving gateway that counts what arrives per mail): 100 one-page mails split between
 * the nodes' SMTP listeners (even ones to node a, odd ones to node b, each to its own number), half
 * accepted (250) before the restart, which comes once the first faxes have arrived (calls in
 * progress), half after it (a mail refused with a temporary error while a node's pool meets a dead
 * connection is sent again, as an MTA would). Both nodes reconnect and send faxes after the
 * restart; every accepted mail is received exactly once, no job is sent by both nodes, every job is
 * done with its one page. This is the default run's test of issue 18's "100 mails split between two
 * nodes" and "PostgreSQL restarted in the middle of a run"; {@code ClusterSendIT} (with {@code
 * -Dfaxgw.live.full=true}) is the same without the restart, and takes {@code
 * -Dfaxgw.cluster.mails=500}. {@code -Dfaxgw.cluster.restartMails=N} changes the 100 here.
 */
class ClusterPgRestartIT {
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
  void bothNodesCarryOnAfterAPostgresqlRestartAndEveryAcceptedMailIsFaxedOnce() throws Exception {
    int mails = Integer.getInteger("faxgw.cluster.restartMails", 100);
    int lines = Integer.getInteger("faxgw.cluster.lines", 16);
    int before = mails / 2;
    int after = mails - before;
    try (ClusterLab lab =
        new ClusterLab(dir, pg, new ClusterLab.Settings(before + after, lines, lines, "20s"))) {
      lab.startReceiver();
      lab.startNode("a", "");
      lab.startNode("b", "");
      Map<Integer, String> refusedOnce = new ConcurrentHashMap<>();
      List<String> notAccepted = sendAll(lab, 0, before, 1, refusedOnce);
      assertThat(notAccepted).as("accepted before the restart").isEmpty();
      assertThat(refusedOnce).as("refused before the restart").isEmpty();
      assertThat(
              ClusterLab.await(
                  300,
                  () -> {
                    try {
                      return lab.receivedPages().size() >= Math.min(10, before / 2);
                    } catch (java.io.IOException e) {
                      return false;
                    }
                  }))
          .as("the first faxes arrive" + lab.outputs())
          .isTrue();
      int doneByA = lab.node("a").doneJobs().size();
      int doneByB = lab.node("b").doneJobs().size();
      int receivedAtRestart = lab.receivedPages().size();
      long t0 = System.nanoTime();
      pg.stop();
      pg.startAgain();
      double restart = (System.nanoTime() - t0) / 1e9;
      notAccepted.addAll(sendAll(lab, before, before + after, 10, refusedOnce));
      Map<Integer, Integer> expected = new TreeMap<>();
      for (int i = 0; i < before + after; i++) {
        expected.put(i, 1);
      }
      boolean all = lab.awaitReceived(expected, 300L + mails * 5L);
      lab.saveLogs(getClass().getSimpleName());
      Map<Integer, List<Integer>> got = lab.receivedPages();
      int afterA = lab.node("a").doneJobs().size() - doneByA;
      int afterB = lab.node("b").doneJobs().size() - doneByB;
      System.out.printf(
          "ClusterPgRestartIT: restart took %.1f s with %d of %d faxes received; mails refused"
              + " once after it %s; after it node a sent %d, node b %d; receptions %s%n",
          restart, receivedAtRestart, before, refusedOnce, afterA, afterB, got);
      String outputs = lab.outputs();
      assertThat(notAccepted).as("accepted after the restart (10 tries each)").isEmpty();
      assertThat(all).as("every accepted mail received: " + got + outputs).isTrue();
      for (int i = 0; i < before + after; i++) {
        assertThat(got.get(i)).as("mail %d: pages of each reception", i).containsExactly(1);
      }
      assertThat(afterA).as("node a sent faxes after the restart" + outputs).isPositive();
      assertThat(afterB).as("node b sent faxes after the restart").isPositive();
      assertThat(got.keySet()).hasSize(before + after);
      List<Long> byA = lab.node("a").doneJobs();
      List<Long> byB = lab.node("b").doneJobs();
      java.util.Set<Long> both = new java.util.HashSet<>(byA);
      both.retainAll(byB);
      assertThat(both).as("jobs done by both nodes").isEmpty();
      assertThat(byA.size() + byB.size()).as("jobs done").isEqualTo(before + after);
      List<com.fasterxml.jackson.databind.JsonNode> jobs = lab.jobs("b");
      assertThat(jobs).hasSize(before + after);
      assertThat(jobs).allMatch(j -> j.path("state").asText().equals("done"), "all done");
      assertThat(jobs).allMatch(j -> j.path("pagesSent").asInt() == 1, "one page each");
    }
  }

  /**
   * Sends mails {@code from..to-1}, even ones to node a and odd ones to node b, each up to {@code
   * tries} times while refused with a temporary error (or the connection fails); returns those
   * never accepted and notes the first refusal of each in {@code refusedOnce}.
   */
  private static List<String> sendAll(
      ClusterLab lab, int from, int to, int tries, Map<Integer, String> refusedOnce)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<String> never = new ArrayList<>();
    try {
      List<Future<List<String>>> f = new ArrayList<>();
      for (String node : List.of("a", "b")) {
        int first = from + (node.equals("a") ? 0 : 1);
        f.add(
            pool.submit(
                () -> {
                  List<String> bad = new ArrayList<>();
                  for (int i = first; i < to; i += 2) {
                    SmtpClient.Reply r = null;
                    for (int t = 0; t < tries && (r == null || !r.accepted()); t++) {
                      r = lab.send(node, i, ClusterLab.textMail(i));
                      if (!r.accepted()) {
                        refusedOnce.putIfAbsent(i, r.text().strip());
                        if (r.code() >= 500) {
                          break;
                        }
                        Thread.sleep(1000); // an MTA's retry, shortened
                      }
                    }
                    if (!r.accepted()) {
                      bad.add(i + " via " + node + ": " + r);
                    }
                  }
                  return bad;
                }));
      }
      for (Future<List<String>> x : f) {
        never.addAll(x.get(600, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    return never;
  }
}
