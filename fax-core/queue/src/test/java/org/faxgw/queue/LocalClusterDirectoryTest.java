package org.faxgw.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The directory of a gateway alone on SQLite: lines in memory, files stay in the data folder. */
class LocalClusterDirectoryTest extends ClusterDirectoryContract {
  @Override
  protected ClusterDirectory directory(String name) {
    return new LocalClusterDirectory(name);
  }

  @Test
  void itSharesNothingAndSaysSoSoReadersUseTheDataFolder() {
    ClusterDirectory d = new LocalClusterDirectory("solo");
    assertThat(d.shared()).isFalse();
    d.putReceived(
        new ClusterDirectory.ReceivedRecord(
            "000000001", "solo", "", "", "", "", 1, Instant.EPOCH, 3, ""),
        new byte[] {1, 2, 3});
    d.appendSessionLog("000000001", "x\n");
    d.appendXfer("y");
    assertThat(d.received()).isEmpty();
    assertThat(d.receivedTiff("000000001")).isEmpty();
    assertThat(d.sessionLog("000000001", 100)).isEmpty();
    assertThat(d.xferRecords(10)).isEmpty();
  }

  @Test
  void theStoreChoosesTheLocalDirectoryForSqlite(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    try (JobStore s = SqliteJobStore.open(dir.resolve("faxgw.db"))) {
      assertThat(ClusterDirectory.forStore(s, "solo")).isInstanceOf(LocalClusterDirectory.class);
    }
  }
}
