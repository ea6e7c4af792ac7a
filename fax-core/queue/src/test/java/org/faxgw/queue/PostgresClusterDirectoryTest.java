package org.faxgw.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.faxgw.testkit.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster directory on a real PostgreSQL (a private cluster, {@link PostgresCluster}): what one
 * node writes, another node (its own store and pool on the same database) reads.
 */
class PostgresClusterDirectoryTest extends ClusterDirectoryContract {
  private static PostgresCluster cluster;
  private String database;
  private final List<JobStore> stores = new ArrayList<>();

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

  @BeforeEach
  void freshDatabase() throws Exception {
    database = cluster.createDatabase();
  }

  @AfterEach
  void closeStores() {
    stores.forEach(JobStore::close);
  }

  @Override
  protected ClusterDirectory directory(String name) {
    PostgresJobStore s =
        PostgresJobStore.open(
            new PostgresSettings(
                cluster.jdbcUrl(database),
                PostgresCluster.USER,
                cluster.password(),
                2,
                PostgresSettings.LeaseClock.DATABASE));
    stores.add(s);
    ClusterDirectory d = ClusterDirectory.forStore(s, name);
    assertThat(d).isInstanceOf(PostgresClusterDirectory.class);
    return d;
  }

  @Test
  void twoNodesSeeEachOthersLinesUnderTheirNames() throws Exception {
    ClusterDirectory a = directory("node-a");
    ClusterDirectory b = directory("node-b");
    a.heartbeat(STARTED, List.of(line("pbx/1", "dialing 5551234", 7, "000000011")));
    b.heartbeat(STARTED, List.of(line("pbx/1", "idle", 0, "")));
    assertThat(b.lines())
        .extracting(l -> l.node().name() + " " + l.line().name() + " " + l.line().state())
        .containsExactly("node-a pbx/1 dialing 5551234", "node-b pbx/1 idle");
    assertThat(b.lines().get(0).line().jobId()).isEqualTo(7);
    assertThat(a.nodes())
        .extracting(ClusterDirectory.Node::name)
        .containsExactly("node-a", "node-b");
  }

  @Test
  void heartbeatsAreDatedByTheDatabaseClockNotTheNodes() throws Exception {
    ClusterDirectory a = directory("node-a");
    // a node whose clock says 1970 is still fresh: last_seen is the server's clock_timestamp()
    a.heartbeat(Instant.EPOCH, List.of());
    ClusterDirectory.Node n = directory("node-b").nodes().get(0);
    assertThat(n.ageMillis()).isBetween(0L, ClusterDirectory.STALE_MILLIS);
    assertThat(n.lastSeen()).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
    assertThat(n.stale()).isFalse();
  }

  @Test
  void aFaxReceivedByOneNodeIsListedByTheOtherWithItsTiffByteForByte() throws Exception {
    ClusterDirectory a = directory("node-a");
    ClusterDirectory b = directory("node-b");
    byte[] tiff = new byte[70_000];
    for (int i = 0; i < tiff.length; i++) {
      tiff[i] = (byte) (i * 31 + 7);
    }
    Instant at = Instant.parse("2025-03-01T10:05:00.123Z");
    ClusterDirectory.ReceivedRecord r =
        new ClusterDirectory.ReceivedRecord(
            "000000021",
            "node-a",
            "+1 604 555 0101",
            "6045550101",
            "ALICE",
            "100",
            2,
            at,
            tiff.length,
            "");
    a.putReceived(r, tiff);
    assertThat(b.received()).containsExactly(r);
    assertThat(b.received("000000021")).contains(r);
    assertThat(b.receivedTiff("000000021")).hasValueSatisfying(t -> assertThat(t).isEqualTo(tiff));
    assertThat(b.receivedTiff("000000022")).isEmpty();
    // stored once: a second put (a retry) changes nothing
    a.putReceived(
        new ClusterDirectory.ReceivedRecord("000000021", "node-b", "", "", "", "", 0, at, 1, "x"),
        new byte[] {1});
    assertThat(b.received()).containsExactly(r);
  }

  @Test
  void aSessionLogWrittenInPiecesByOneNodeIsReadWholeByTheOther() throws Exception {
    ClusterDirectory a = directory("node-a");
    ClusterDirectory b = directory("node-b");
    a.appendSessionLog("000000031", "Mar 01 10:00:00.00: [pbx/1]: SESSION BEGIN\n");
    a.appendSessionLog("000000031", "Mar 01 10:00:01.00: [pbx/1]: <-- HDLC<3:FF C8 01>\n");
    assertThat(b.sessionLog("000000031", 1 << 20))
        .contains(
            "Mar 01 10:00:00.00: [pbx/1]: SESSION BEGIN\n"
                + "Mar 01 10:00:01.00: [pbx/1]: <-- HDLC<3:FF C8 01>\n");
    assertThat(b.sessionLog("000000031", 6)).contains("Mar 01");
    assertThat(b.sessionLogIds()).containsExactly("000000031");
    assertThat(b.sessionLog("000000032", 100)).isEmpty();
  }

  @Test
  void xferfaxlogRecordsOfBothNodesAreReadInTheOrderWritten() throws Exception {
    ClusterDirectory a = directory("node-a");
    ClusterDirectory b = directory("node-b");
    a.appendXfer("r1");
    b.appendXfer("r2");
    a.appendXfer("r3");
    assertThat(b.xferRecords(10)).containsExactly("r1", "r2", "r3");
    assertThat(a.xferRecords(2)).containsExactly("r2", "r3");
  }
}
