package org.faxgw.gateway.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.faxgw.gateway.config.FaxLineConfig;
import org.faxgw.gateway.line.send.CallRunner;
import org.faxgw.gateway.line.send.TaglineFormat;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobState;
import org.faxgw.queue.PostgresJobStore;
import org.faxgw.queue.PostgresSettings;
import org.faxgw.testkit.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL, each with its own data folder: a job spooled and rendered by node A
 * is claimed and sent by node B over the fake line, and the pages B sends are the pages A rendered
 * (read through B's spool from the shared files). Skipped, saying why, only when the PostgreSQL
 * server binaries are not installed.
 */
class SharedSpoolSendTest {
  private static PostgresCluster cluster;

  @TempDir Path dirA;
  @TempDir Path dirB;

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

  private static PostgresJobStore node(String database) {
    // the caller's clock: the harnesses run on virtual time
    return PostgresJobStore.open(
        new PostgresSettings(
            cluster.jdbcUrl(database),
            PostgresCluster.USER,
            cluster.password(),
            3,
            PostgresSettings.LeaseClock.CALLER));
  }

  @Test
  void aJobRenderedOnNodeAIsSentByNodeBWithThePagesARendered() throws Exception {
    String database = cluster.createDatabase();
    try (SendHarness a = new SendHarness(dirA, node(database), 1, "node-a");
        SendHarness b = new SendHarness(dirB, node(database), 1, "node-b")) {
      // no tagline, so that B's pages can be compared with A's as they are
      b.runner.settings(
          new CallRunner.Settings(
              "+1 604 555 0199", Map.of(), new TaglineFormat(""), b.spool, dirB.resolve("log")));
      assertThat(FaxLineConfig.DEFAULT_TAGLINE).isNotEmpty();
      FaxJob j = a.readyJob("+16045557977", 3);
      assertThat(dirA.resolve("spool").resolve(j.tiff())).exists();
      assertThat(dirB.resolve("spool").resolve(j.tiff())).as("B has no copy yet").doesNotExist();

      b.dispatchAndRun(20);

      FaxJob done = b.job(j.id());
      assertThat(done.status()).doesNotContain("Cannot read the job's pages");
      assertThat(done.state()).as(done.status()).isEqualTo(JobState.DONE);
      assertThat(b.terminals.made).hasSize(1);
      assertThat(b.terminals.made.get(0).pages()).isEqualTo(SendHarness.pages(3));
      assertThat(a.terminals.made).as("A sent nothing").isEmpty();
      assertThat(dirB.resolve("spool").resolve(j.tiff()))
          .hasSameBinaryContentAs(dirA.resolve("spool").resolve(j.tiff()));
    }
  }
}
