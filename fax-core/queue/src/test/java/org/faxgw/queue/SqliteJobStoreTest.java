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
