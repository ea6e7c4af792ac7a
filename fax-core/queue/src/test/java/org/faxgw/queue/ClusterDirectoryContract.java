package org.faxgw.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every cluster directory does for the node that writes to it (local and PostgreSQL). */
abstract class ClusterDirectoryContract {
  static final Instant STARTED = Instant.parse("2025-03-01T10:00:00Z");

  /** A directory for node {@code name}; two calls in one test share one database. */
  protected abstract ClusterDirectory directory(String name) throws Exception;

  static ClusterDirectory.LineRow line(String name, String state, long job, String commId) {
    return new ClusterDirectory.LineRow(name, "pbx", "both", "+1 604 555 0100", state, job, commId);
  }

  @Test
  void aHeartbeatListsTheNodeAndItsLinesUnderItsName() throws Exception {
    ClusterDirectory a = directory("node-a");
    assertThat(a.nodes()).isEmpty();
    a.heartbeat(
        STARTED,
        List.of(line("pbx/1", "sending page 2/3", 42, "000000007"), line("pbx/2", "idle", 0, "")));
    assertThat(a.nodes()).extracting(ClusterDirectory.Node::name).containsExactly("node-a");
    ClusterDirectory.Node n = a.nodes().get(0);
    assertThat(n.started()).isEqualTo(STARTED);
    assertThat(n.stale()).isFalse();
    assertThat(a.lines())
        .extracting(l -> l.node().name() + " " + l.line().name() + " " + l.line().state())
        .containsExactly("node-a pbx/1 sending page 2/3", "node-a pbx/2 idle");
    assertThat(a.lines().get(0).line())
        .isEqualTo(line("pbx/1", "sending page 2/3", 42, "000000007"));
  }

  @Test
  void aLaterHeartbeatReplacesTheLines() throws Exception {
    ClusterDirectory a = directory("node-a");
    a.heartbeat(STARTED, List.of(line("pbx/1", "idle", 0, ""), line("pbx/2", "idle", 0, "")));
    a.heartbeat(STARTED, List.of(line("pbx/1", "receiving from x, page 1", 0, "000000009")));
    assertThat(a.lines())
        .extracting(l -> l.line().name() + " " + l.line().commId())
        .containsExactly("pbx/1 000000009");
  }
}
