package org.faxgw.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
class PostgresJobStoreTest extends ClusterSafetyContract {
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

  @Test
  void twoNodesDrawCommIdsFromOneSequenceAndNeverShareOne() throws Exception {
    assertThat(store.sharesCommIds()).isTrue();
    try (JobStore other = otherNode()) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<List<Long>>> fs = new ArrayList<>();
        for (JobStore node : List.of(store, other, store, other)) {
          fs.add(
              pool.submit(
                  () -> {
                    List<Long> got = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                      got.add(node.nextCommId());
                    }
                    return got;
                  }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : fs) {
          all.addAll(f.get(60, TimeUnit.SECONDS));
        }
        assertThat(all).hasSize(400).doesNotHaveDuplicates().allMatch(id -> id >= 1);
      } finally {
        pool.shutdownNow();
      }
      // nine digits, then round again as HylaFAX's %09u counter does
      try (Connection c =
              DriverManager.getConnection(
                  cluster.jdbcUrl(database), PostgresCluster.USER, cluster.password());
          Statement st = c.createStatement()) {
        st.execute("ALTER SEQUENCE comm_ids RESTART WITH 999999998");
      }
      assertThat(List.of(other.nextCommId(), store.nextCommId(), other.nextCommId()))
          .containsExactly(999_999_998L, 999_999_999L, 1L);
    }
  }

  @Test
  void aPostgresqlRestartLosesNoAcceptedJobAndTheStoreCarriesOn() throws Exception {
    List<Long> accepted = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      accepted.add(
          store
              .submit(
                  List.of(job("+16045557977", "<before-" + i + "@x>")), T0, Duration.ofHours(24))
              .get(0)
              .id());
    }
    FaxJob first = store.find(accepted.get(0)).orElseThrow();
    store.update(
        first.withRendered(1, "m1/fax.tif").withState(JobState.READY, ""), JobState.RENDERING);
    JobLease lease = store.claim(first.id(), "node-a", T0, Duration.ofSeconds(60)).orElseThrow();
    cluster.stop();
    cluster.startAgain();
    // The pool's connections died with the server. HikariCP tests a connection before lending it
    // (unless it was used in the last 500 ms) and opens new ones; a connection lent in that window
    // fails once and is thrown away. So the first few calls may fail; a bounded number of tries.
    List<FaxJob> after = null;
    JobStoreException lastFailure = null;
    for (int attempt = 0; attempt < 5 && after == null; attempt++) {
      try {
        after = store.submit(List.of(job("+16045550000", "<after@x>")), T0, Duration.ofHours(24));
      } catch (JobStoreException e) {
        lastFailure = e;
      }
    }
    assertThat(after).as("submit after the restart; last failure: %s", lastFailure).hasSize(1);
    // every job committed before the restart is there, and the same mails make no second job
    assertThat(store.list(EnumSet.allOf(JobState.class)))
        .extracting(FaxJob::id)
        .containsAll(accepted)
        .hasSize(11);
    assertThat(
            store.submit(
                List.of(job("+16045557977", "<before-3@x>")),
                T0.plusSeconds(1),
                Duration.ofHours(24)))
        .isEmpty();
    // the lease taken before the restart is still the job's: renewed and released under it
    JobLease renewed = store.renew(lease, T0.plusSeconds(30), Duration.ofSeconds(60)).orElseThrow();
    assertThat(store.release(renewed, first.withState(JobState.DONE, ""))).isTrue();
    assertThat(store.find(first.id()).orElseThrow().state()).isEqualTo(JobState.DONE);
    assertThat(store.nextCommId()).isPositive();
  }
}
