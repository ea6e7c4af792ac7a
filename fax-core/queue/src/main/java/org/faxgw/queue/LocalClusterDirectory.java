package org.faxgw.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cluster directory of a gateway alone on its job store (SQLite): one node, its lines as its
 * last heartbeat gave them (in memory); received faxes and logs stay in the node's data folder, so
 * {@link #shared()} is false and the directory keeps none of them.
 */
public final class LocalClusterDirectory implements ClusterDirectory {
  private final String node;
  private final Clock clock;
  private volatile Instant started;
  private volatile Instant lastSeen;
  private volatile List<LineRow> lines = List.of();

  public LocalClusterDirectory(String node) {
    this(node, Clock.systemUTC());
  }

  LocalClusterDirectory(String node, Clock clock) {
    this.node = node;
    this.clock = clock;
  }

  @Override
  public String node() {
    return node;
  }

  @Override
  public boolean shared() {
    return false;
  }

  @Override
  public synchronized void heartbeat(Instant startedAt, List<LineRow> now) {
    if (started == null) {
      started = startedAt;
    }
    lastSeen = clock.instant();
    lines = List.copyOf(now);
  }

  @Override
  public List<Node> nodes() {
    Instant seen = lastSeen;
    if (seen == null) {
      return List.of();
    }
    long age = Math.max(0, Duration.between(seen, clock.instant()).toMillis());
    return List.of(new Node(node, started, seen, age));
  }

  @Override
  public List<NodeLine> lines() {
    List<Node> n = nodes();
    List<NodeLine> out = new ArrayList<>();
    if (!n.isEmpty()) {
      for (LineRow l : lines) {
        out.add(new NodeLine(n.get(0), l));
      }
    }
    return out;
  }

  @Override
  public void putReceived(ReceivedRecord fax, byte[] tiff) {
    // the node's recvq/ holds it
  }

  @Override
  public List<ReceivedRecord> received() {
    return List.of();
  }

  @Override
  public Optional<ReceivedRecord> received(String commId) {
    return Optional.empty();
  }

  @Override
  public Optional<byte[]> receivedTiff(String commId) {
    return Optional.empty();
  }

  @Override
  public void appendSessionLog(String commId, String text) {
    // the node's log/ holds it
  }

  @Override
  public Optional<String> sessionLog(String commId, int maxChars) {
    return Optional.empty();
  }

  @Override
  public List<String> sessionLogIds() {
    return List.of();
  }

  @Override
  public void appendXfer(String record) {
    // the node's xferfaxlog holds it
  }

  @Override
  public List<String> xferRecords(int max) {
    return List.of();
  }
}
