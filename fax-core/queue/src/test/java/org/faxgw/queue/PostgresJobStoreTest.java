package org.faxgw.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.faxgw.testkit.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job-store contract on a real PostgreSQL: a private cluster started for this class ({@link
 * PostgresCluster}), one fresh database per test. Skipped, saying why, only when the PostgreSQL
 * server binaries are not installed.
 */
class PostgresJobStoreTest extends JobStoreContract {
  private static PostgresCluster cluster;
  private String database;

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

  private PostgresSettings settings(PostgresSettings.LeaseClock clock) {
    return new PostgresSettings(
        cluster.jdbcUrl(database), PostgresCluster.USER, cluster.password(), 4, clock);
  }

  @Override
  protected JobStore newStore() throws Exception {
    database = cluster.createDatabase();
    return PostgresJobStore.open(settings(PostgresSettings.LeaseClock.CALLER));
  }

  @Override
  protected JobStore reopen() {
    store.close();
    return PostgresJobStore.open(settings(PostgresSettings.LeaseClock.CALLER));
  }

  @Override
  protected JobStore otherNode() {
    return PostgresJobStore.open(settings(PostgresSettings.LeaseClock.CALLER));
  }

  @Test
  void reopeningAMigratedDatabaseKeepsItsJobs() {
    FaxJob j = store.submit(List.of(job("+16045557977", "<x@y>")), T0, Duration.ofHours(1)).get(0);
    store.close();
    store = PostgresJobStore.open(settings(PostgresSettings.LeaseClock.CALLER));
    try (JobStore again = PostgresJobStore.open(settings(PostgresSettings.LeaseClock.CALLER))) {
      assertThat(again.find(j.id())).contains(j);
    }
  }

  @Test
  void withTheDatabaseClockLeasesAreDatedByTheServerNotByTheCaller() throws Exception {
    FaxJob j = store.submit(List.of(job("+16045557977", null)), T0, Duration.ofHours(24)).get(0);
    store.update(j.withRendered(1, "m1/fax.tif").withState(JobState.READY, ""), JobState.RENDERING);
    try (JobStore node = PostgresJobStore.open(settings(PostgresSettings.LeaseClock.DATABASE))) {
      Instant before = Instant.now();
      // a caller whose clock is ten years behind: ignored
      JobLease a =
          node.claim(j.id(), "node-a", T0.minus(Duration.ofDays(3650)), Duration.ofSeconds(60))
              .orElseThrow();
      assertThat(a.expiresAt()).isAfter(before.minus(Duration.ofMinutes(10)));
      assertThat(a.expiresAt()).isBefore(before.plus(Duration.ofMinutes(10)));
      // nor can a caller whose clock runs ahead requeue it early
      assertThat(node.requeueExpired(T0.plus(Duration.ofDays(3650)), null, "x")).isEmpty();
      JobLease b = node.renew(a, T0, Duration.ofSeconds(120)).orElseThrow();
      assertThat(b.expiresAt()).isAfter(a.expiresAt());
      // a lease of zero length has lapsed by the server's clock at once
      assertThat(node.renew(b, T0, Duration.ZERO)).isPresent();
      assertThat(node.requeueExpired(T0, null, "Requeued")).extracting(FaxJob::id).contains(j.id());
    }
  }

  @Test
  void aWrongPasswordIsAClearError() {
    PostgresSettings bad =
        new PostgresSettings(
            cluster.jdbcUrl(database),
            PostgresCluster.USER,
            "not-the-password",
            1,
            PostgresSettings.LeaseClock.CALLER);
    assertThatThrownBy(() -> PostgresJobStore.open(bad))
        .isInstanceOf(JobStoreException.class)
        .hasMessageContaining("cannot connect to the job database")
        .hasMessageNotContaining("not-the-password");
  }
}
