package org.faxgw.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteJobStoreTest extends JobStoreContract {
  @TempDir Path dir;

  @Override
  protected JobStore newStore() {
    return SqliteJobStore.open(dir.resolve("faxgw.db"));
  }

  @Override
  protected JobStore reopen() {
    store.close();
    return SqliteJobStore.open(dir.resolve("faxgw.db"));
  }

  @Override
  protected JobStore otherNode() {
    return SqliteJobStore.open(dir.resolve("faxgw.db"));
  }

  @Test
  void aDatabaseFromBeforeMigrationsOpensWithItsJobs() throws Exception {
    store.close();
    Path old = dir.resolve("old.db");
    String v1 =
        new String(
            getClass().getResourceAsStream("/db/migration/sqlite/V1__jobs.sql").readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + old);
        java.sql.Statement s = c.createStatement()) {
      for (String sql : v1.replaceAll("(?m)^--.*$", "").split(";")) {
        if (!sql.isBlank()) {
          s.execute(sql);
        }
      }
      // one column of version 2 was already there, as the store made it before migrations
      s.execute("ALTER TABLE jobs ADD COLUMN lease_owner TEXT");
      s.execute(
          "INSERT INTO jobs(group_id, owner, number, dial_string, priority, state, max_dials,"
              + " max_tries, kill_time, submitted, notify, resolution, spool_dir) VALUES"
              + " (1, 'bob', '+16045550000', '16045550000', 127, 'ready', 12, 3, 0, 0, 'none',"
              + " 'fine', 'm9')");
    }
    store = SqliteJobStore.open(old);
    FaxJob j = store.find(1).orElseThrow();
    assertThat(j.owner()).isEqualTo("bob");
    assertThat(j.state()).isEqualTo(JobState.READY);
    JobLease l = store.claim(1, "node-a", T0, java.time.Duration.ofSeconds(60)).orElseThrow();
    assertThat(store.lease(1)).contains(l);
    assertThat(((SqliteJobStore) store).pragma("journal_mode")).isEqualToIgnoringCase("wal");
    store.close();
    store = SqliteJobStore.open(old);
    assertThat(store.lease(1)).contains(l);
  }

  @Test
  void runsInWalModeWithFullSync() {
    SqliteJobStore s = (SqliteJobStore) store;
    assertThat(s.pragma("journal_mode")).isEqualToIgnoringCase("wal");
    // PRAGMA synchronous: 2 = FULL
    assertThat(s.pragma("synchronous")).isEqualTo("2");
  }
}
