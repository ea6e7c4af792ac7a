package org.faxgw.gateway.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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
 * {@code faxgw serve} with {@code store: postgresql} on a private PostgreSQL cluster: the schema is
 * migrated at start, a mail sent with swaks becomes a job stored in PostgreSQL (read back from the
 * database, not from the gateway), and the job is still there after a restart.
 */
class PostgresStoreIT {
  private static PostgresCluster cluster;
  @TempDir Path dir;

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

  @Test
  void serveOnPostgresqlAcceptsAMailAndKeepsTheJobInTheDatabase() throws Exception {
    String db = cluster.createDatabase();
    int smtp = TestGateway.freePort();
    int adminPort = TestGateway.freePort();
    Path config = dir.resolve("faxgw.yaml");
    String store =
        "store:\n  type: postgresql\n  postgresql:\n    url: "
            + cluster.jdbcUrl(db)
            + "\n    user: "
            + PostgresCluster.USER
            + "\n    password: ${FAXGW_DB_PASSWORD}\n    poolSize: 4\n";
    Files.writeString(config, TestGateway.yaml(dir, smtp, adminPort, null, store));
    Map<String, String> env = Map.of("FAXGW_DB_PASSWORD", cluster.password());
    Path pdf = Tools.pdf(dir, "two.pdf", 2);
    long id;
    try (GatewayProcess gw =
        new GatewayProcess(dir, config, adminPort, "-Xmx256m", List.of(), env)) {
      Swaks.Transcript t =
          Swaks.send(
              smtp,
              "6045557977@fax.local",
              "--attach-type",
              "application/pdf",
              "--attach",
              pdf.toString(),
              "--add-header",
              "X-Fax-Cover: no");
      assertThat(t.accepted()).as(t.toString()).isTrue();
      List<JsonNode> jobs = TestGateway.await(gw.admin, 1, TestGateway::rendered);
      assertThat(jobs).hasSize(1);
      JsonNode job = jobs.get(0);
      assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("ready");
      assertThat(job.path("pages").asInt()).isEqualTo(Tools.pdfinfoPages(pdf));
      id = job.path("jid").asLong();
      assertThat(gw.output()).contains("job store: PostgreSQL");
      assertThat(gw.output()).doesNotContain(cluster.password());
      int exit = gw.terminate();
      assertThat(exit).as(gw.output()).isIn(0, 143);
    }
    assertThat(dir.resolve("var/faxgw.db")).doesNotExist();
    try (PostgresJobStore direct =
        PostgresJobStore.open(
            new PostgresSettings(
                cluster.jdbcUrl(db),
                PostgresCluster.USER,
                cluster.password(),
                1,
                PostgresSettings.LeaseClock.DATABASE))) {
      List<FaxJob> stored = direct.list(EnumSet.allOf(JobState.class));
      assertThat(stored).extracting(FaxJob::id).containsExactly(id);
      assertThat(stored.get(0).number()).isEqualTo("+16045557977");
      assertThat(stored.get(0).state()).isEqualTo(JobState.READY);
    }
    try (GatewayProcess again =
        new GatewayProcess(dir, config, adminPort, "-Xmx256m", List.of(), env)) {
      List<JsonNode> jobs = TestGateway.jobs(again.admin);
      assertThat(jobs).extracting(j -> j.path("jid").asLong()).containsExactly(id);
      again.terminate();
    }
  }

  @Test
  void aPostgresqlRestartInTheMiddleLosesNoAcceptedMailAndServeCarriesOn() throws Exception {
    String db = cluster.createDatabase();
    int smtp = TestGateway.freePort();
    int adminPort = TestGateway.freePort();
    Path config = dir.resolve("faxgw.yaml");
    String store =
        "store:\n  type: postgresql\n  postgresql:\n    url: "
            + cluster.jdbcUrl(db)
            + "\n    user: "
            + PostgresCluster.USER
            + "\n    password: ${FAXGW_DB_PASSWORD}\n    poolSize: 4\n";
    Files.writeString(config, TestGateway.yaml(dir, smtp, adminPort, null, store));
    Map<String, String> env = Map.of("FAXGW_DB_PASSWORD", cluster.password());
    List<String> sent = new ArrayList<>();
    int refusedAfterRestart = 0;
    try (GatewayProcess gw =
        new GatewayProcess(dir, config, adminPort, "-Xmx256m", List.of(), env)) {
      for (int i = 0; i < 3; i++) {
        String mid = "<before-" + i + "@example.com>";
        Swaks.Transcript t =
            Swaks.send(smtp, "6045557977@fax.local", "--header", "Message-Id: " + mid);
        assertThat(t.accepted()).as(t.toString()).isTrue();
        sent.add(mid);
      }
      cluster.stop();
      cluster.startAgain();
      // The pool's connections died with the server; a mail that meets one is refused with a
      // temporary error (the sender retries) and the pool opens new connections. Bounded tries.
      for (int i = 0; i < 3; i++) {
        String mid = "<after-" + i + "@example.com>";
        Swaks.Transcript t = null;
        for (int attempt = 0; attempt < 5 && (t == null || !t.accepted()); attempt++) {
          t = Swaks.send(smtp, "6045557977@fax.local", "--header", "Message-Id: " + mid);
          if (!t.accepted()) {
            assertThat(t.text()).as(t.toString()).containsPattern("<\\*\\* +4\\d\\d");
            refusedAfterRestart++;
          }
        }
        assertThat(t.accepted()).as(t.toString()).isTrue();
        sent.add(mid);
      }
      // every mail accepted, before and after the restart, became one job, rendered after it
      List<JsonNode> jobs = TestGateway.await(gw.admin, sent.size(), TestGateway::rendered);
      assertThat(jobs).hasSize(sent.size());
      assertThat(jobs).allMatch(j -> j.path("state").asText().equals("ready"), "ready");
      int exit = gw.terminate();
      assertThat(exit).as(gw.output()).isIn(0, 143);
    }
    try (PostgresJobStore direct =
        PostgresJobStore.open(
            new PostgresSettings(
                cluster.jdbcUrl(db),
                PostgresCluster.USER,
                cluster.password(),
                1,
                PostgresSettings.LeaseClock.DATABASE))) {
      List<FaxJob> stored = direct.list(EnumSet.allOf(JobState.class));
      assertThat(stored)
          .as("refused after the restart (then accepted): %d", refusedAfterRestart)
          .extracting(FaxJob::messageId)
          .containsExactlyInAnyOrderElementsOf(sent);
    }
  }
}
