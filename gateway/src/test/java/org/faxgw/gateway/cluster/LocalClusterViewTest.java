package org.faxgw.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.faxgw.gateway.inbound.ReceivedQueue;
import org.faxgw.gateway.line.Line;
import org.faxgw.gateway.line.LineState;
import org.faxgw.queue.ClusterDirectory;
import org.faxgw.queue.JobStore;
import org.faxgw.queue.SqliteJobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One node on SQLite: the view is this node's files and lines, each named as this node. */
class LocalClusterViewTest {
  @TempDir Path data;

  @Test
  void onSqliteTheViewIsThisNodesFilesAndLinesUnderItsName() throws Exception {
    Files.createDirectories(data.resolve("recvq"));
    Files.createDirectories(data.resolve("recvinfo"));
    Files.write(data.resolve("recvq/fax000000005.tif"), new byte[] {'I', 'I', 42, 0});
    Files.createDirectories(data.resolve("log"));
    Files.writeString(data.resolve("log/c000000005"), "Mar 01 10:00:00.00: [pbx/1]: x\n");
    Line line = new Line("pbx/1", "pbx", "", true, false);
    line.state(new LineState.Dialing("5551234"));
    try (JobStore store = SqliteJobStore.open(data.resolve("faxgw.db"))) {
      ClusterDirectory d = ClusterDirectory.forStore(store, "solo");
      ClusterView v = new ClusterView(d, store, List.of(line), data);
      assertThat(v.shared()).isFalse();
      assertThat(v.received())
          .extracting(ReceivedQueue.Received::commId, ReceivedQueue.Received::node)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("000000005", "solo"));
      assertThat(v.received("000000005")).map(ReceivedQueue.Received::node).contains("solo");
      assertThat(v.received("000000006")).isEmpty();
      assertThat(v.sessionLog("000000005", 1000)).contains("Mar 01 10:00:00.00: [pbx/1]: x\n");
      assertThat(v.sessionLog("000000006", 1000)).isEmpty();
      assertThat(v.xferRecords(List.of("r"))).containsExactly("r");
      assertThat(v.lineViews())
          .singleElement()
          .satisfies(
              o -> {
                Map<?, ?> m = (Map<?, ?>) o;
                assertThat(m.get("node")).isEqualTo("solo");
                assertThat(m.get("state")).isEqualTo("dialing 5551234");
                assertThat(m.get("direction")).isEqualTo("send");
                assertThat(m.get("nodeStale")).isEqualTo(false);
              });
      // the heartbeat thread is not started on SQLite (Gateway), but a beat stays local
      new ClusterHeartbeat(v, Clock.systemUTC()).beatNow();
      assertThat(d.lines()).extracting(l -> l.node().name()).containsExactly("solo");
    }
  }
}
