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
  void runsInWalModeWithFullSync() {
    SqliteJobStore s = (SqliteJobStore) store;
    assertThat(s.pragma("journal_mode")).isEqualToIgnoringCase("wal");
    // PRAGMA synchronous: 2 = FULL
    assertThat(s.pragma("synchronous")).isEqualTo("2");
  }
}
