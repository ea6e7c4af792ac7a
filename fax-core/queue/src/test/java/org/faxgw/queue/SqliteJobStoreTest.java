package org.faxgw.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteJobStoreTest extends ClusterSafetyContract {
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

  @Test
  void aDatabaseOfTheFirstSchemaGetsTheLeaseAndProgressColumns() throws Exception {
    store.close();
    Path old = dir.resolve("old.db");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + old);
        java.sql.Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE jobs(id INTEGER PRIMARY KEY AUTOINCREMENT, group_id INTEGER NOT NULL,"
              + " owner TEXT NOT NULL, number TEXT NOT NULL, dial_string TEXT NOT NULL,"
              + " priority INTEGER NOT NULL, state TEXT NOT NULL, pages INTEGER NOT NULL DEFAULT 0,"
              + " dials INTEGER NOT NULL DEFAULT 0, max_dials INTEGER NOT NULL,"
              + " tries INTEGER NOT NULL DEFAULT 0, max_tries INTEGER NOT NULL, tts INTEGER,"
              + " kill_time INTEGER NOT NULL, status TEXT NOT NULL DEFAULT '',"
              + " submitted INTEGER NOT NULL, message_id TEXT, notify TEXT NOT NULL,"
              + " resolution TEXT NOT NULL, subject TEXT NOT NULL DEFAULT '',"
              + " spool_dir TEXT NOT NULL, tiff TEXT, unfaxable TEXT NOT NULL DEFAULT '')");
      // The first schema (before migrations) had the documents table too.
      st.execute(
          "CREATE TABLE documents(job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,"
              + " seq INTEGER NOT NULL, kind TEXT NOT NULL, path TEXT NOT NULL,"
              + " content_type TEXT, name TEXT, PRIMARY KEY(job_id, seq))");
      st.execute(
          "INSERT INTO jobs(group_id, owner, number, dial_string, priority, state, max_dials,"
              + " max_tries, kill_time, submitted, notify, resolution, spool_dir)"
              + " VALUES (1, 'a@b', '+16045557977', '16045557977', 127, 'ready', 12, 3, 99, 1,"
              + " 'failed', 'fine', 'm1')");
    }
    store = SqliteJobStore.open(old);
    FaxJob j = store.find(1).orElseThrow();
    assertThat(j.state()).isEqualTo(JobState.READY);
    assertThat(j.progress()).isEqualTo(JobProgress.NONE);
    assertThat(store.claim(1, "n", T0, java.time.Duration.ofSeconds(60))).isPresent();
  }
}
