package org.faxgw.gateway.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.faxgw.durable.DurableFiles;
import org.faxgw.gateway.admin.LineJson;
import org.faxgw.gateway.inbound.ReceivedQueue;
import org.faxgw.gateway.line.Line;
import org.faxgw.queue.ClusterDirectory;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobLease;
import org.faxgw.queue.JobState;
import org.faxgw.queue.JobStore;
import org.faxgw.queue.JobStoreException;
import org.faxgw.queue.LocalClusterDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node shows of the cluster. Lines: this node's own (live), then, when the directory is
 * shared, every other node's as its heartbeat wrote them. Received faxes, session logs and
 * xferfaxlog: this node's files, then what the other nodes stored in the directory. When the
 * database does not answer, the views show this node's part alone (and log why). Thread-safe: it
 * keeps no state of its own.
 */
public final class ClusterView {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterView.class);

  /** The most xferfaxlog records read from the directory at once. */
  static final int MAX_XFER_RECORDS = 20_000;

  private final ClusterDirectory directory;
  private final JobStore store;
  private final List<Line> lines;
  private final Path dataDir;

  public ClusterView(ClusterDirectory directory, JobStore store, List<Line> lines, Path dataDir) {
    this.directory = directory;
    this.store = store;
    this.lines = List.copyOf(lines);
    this.dataDir = dataDir;
  }

  /** A node alone on its store (SQLite, tests). */
  public static ClusterView local(String node, JobStore store, List<Line> lines, Path dataDir) {
    return new ClusterView(new LocalClusterDirectory(node), store, lines, dataDir);
  }

  /** This node's name. */
  public String node() {
    return directory.node();
  }

  /** True when several nodes share the directory (PostgreSQL). */
  public boolean shared() {
    return directory.shared();
  }

  public ClusterDirectory directory() {
    return directory;
  }

  /** This node's lines as the heartbeat writes them. */
  public List<ClusterDirectory.LineRow> localRows() {
    List<ClusterDirectory.LineRow> out = new ArrayList<>();
    for (Line l : lines) {
      out.add(
          new ClusterDirectory.LineRow(
              l.name(),
              l.peer(),
              LineJson.direction(l),
              l.localId(),
              l.state().text(),
              l.jobId(),
              l.commId()));
    }
    return out;
  }

  /** Every node's lines as JSON ({@link LineJson}), this node's first. */
  public List<Object> lineViews() {
    List<Object> out = new ArrayList<>();
    for (ClusterDirectory.LineRow r : localRows()) {
      out.add(LineJson.of(r, node(), false));
    }
    if (directory.shared()) {
      try {
        for (ClusterDirectory.NodeLine nl : directory.lines()) {
          if (!nl.node().name().equals(node())) {
            out.add(LineJson.of(nl.line(), nl.node().name(), nl.node().stale()));
          }
        }
      } catch (JobStoreException e) {
        LOG.warn("cluster view: other nodes' lines not shown: {}", e.getMessage());
      }
    }
    return out;
  }

  /** The node calling {@code j}: its lease holder while it is active, else empty. */
  public String jobNode(FaxJob j) {
    if (j.state() != JobState.ACTIVE) {
      return "";
    }
    try {
      return store.lease(j.id()).map(JobLease::owner).orElse("");
    } catch (JobStoreException e) {
      return "";
    }
  }

  private Path recvq() {
    return dataDir.resolve("recvq");
  }

  private ReceivedQueue.Received ours(ReceivedQueue.Received r) {
    return r.node().isEmpty() ? r.withNode(node()) : r;
  }

  /** Every received fax of the cluster, each with its node, by CommID. */
  public List<ReceivedQueue.Received> received() throws IOException {
    List<ReceivedQueue.Received> out = new ArrayList<>();
    Set<String> here = new HashSet<>();
    for (ReceivedQueue.Received r : ReceivedQueue.list(recvq())) {
      out.add(ours(r));
      here.add(r.commId());
    }
    if (directory.shared()) {
      try {
        for (ClusterDirectory.ReceivedRecord r : directory.received()) {
          if (!here.contains(r.commId())) {
            out.add(elsewhere(r));
          }
        }
      } catch (JobStoreException e) {
        LOG.warn("cluster view: other nodes' received faxes not shown: {}", e.getMessage());
      }
      out.sort(java.util.Comparator.comparing(ReceivedQueue.Received::commId));
    }
    return out;
  }

  /** A fax only the directory has yet: no file on this node. */
  private static ReceivedQueue.Received elsewhere(ClusterDirectory.ReceivedRecord r) {
    String sender = !r.tsi().isBlank() ? r.tsi() : r.callerName();
    if (sender.isBlank()) {
      sender = r.callerNumber();
    }
    return new ReceivedQueue.Received(
        r.commId(),
        r.pages(),
        sender,
        r.callerNumber(),
        r.did(),
        r.received(),
        "",
        r.size(),
        "-",
        "",
        r.error(),
        r.node());
  }

  /**
   * One received fax with its TIFF in this node's recvq/: fetched from the directory (TIFF and info
   * file, durably) when another node received it. Empty when no node has it.
   */
  public Optional<ReceivedQueue.Received> received(String commId) throws IOException {
    Optional<ReceivedQueue.Received> here = ReceivedQueue.one(recvq(), commId);
    if (here.isPresent() || !directory.shared() || !commId.matches("[0-9]{1,18}")) {
      return here.map(this::ours);
    }
    return fetch(commId);
  }

  /** One fetch at a time (two requests for one fax would write the same temporary files). */
  private synchronized Optional<ReceivedQueue.Received> fetch(String commId) throws IOException {
    Optional<ReceivedQueue.Received> here = ReceivedQueue.one(recvq(), commId);
    if (here.isPresent()) {
      return here.map(this::ours);
    }
    Optional<ClusterDirectory.ReceivedRecord> rec = directory.received(commId);
    if (rec.isEmpty()) {
      return Optional.empty();
    }
    Optional<byte[]> tiff = directory.receivedTiff(commId);
    if (tiff.isEmpty()) {
      return Optional.empty();
    }
    ClusterDirectory.ReceivedRecord r = rec.get();
    Path file = recvq().resolve("fax" + commId + ".tif");
    Path info = ReceivedQueue.infoOf(file);
    Files.createDirectories(info.getParent());
    Files.createDirectories(file.getParent());
    DurableFiles.write(
        info,
        ReceivedQueue.info(
            commId,
            r.pages(),
            r.tsi(),
            r.callerNumber(),
            r.callerName(),
            r.did(),
            r.received(),
            r.error(),
            r.node()));
    DurableFiles.write(file, tiff.get());
    LOG.info("fax {} (received by {}) fetched into {}", commId, r.node(), file);
    return ReceivedQueue.one(recvq(), commId).map(this::ours);
  }

  /** The session log of call {@code commId}: this node's file, else the directory's copy. */
  public Optional<String> sessionLog(String commId, int maxBytes) throws IOException {
    if (!commId.matches("[0-9]{1,18}")) {
      return Optional.empty();
    }
    Path f = dataDir.resolve("log").resolve("c" + commId);
    if (Files.isRegularFile(f)) {
      try (var in = Files.newInputStream(f)) {
        return Optional.of(new String(in.readNBytes(maxBytes), StandardCharsets.UTF_8));
      }
    }
    if (!directory.shared()) {
      return Optional.empty();
    }
    try {
      return directory.sessionLog(commId, maxBytes);
    } catch (JobStoreException e) {
      LOG.warn("cluster view: session log {} not read: {}", commId, e.getMessage());
      return Optional.empty();
    }
  }

  /** The CommIDs of the session logs other nodes stored (empty on one node). */
  public List<String> otherSessionLogs() {
    if (!directory.shared()) {
      return List.of();
    }
    try {
      return directory.sessionLogIds();
    } catch (JobStoreException e) {
      LOG.warn("cluster view: other nodes' session logs not listed: {}", e.getMessage());
      return List.of();
    }
  }

  /**
   * xferfaxlog records: {@code local} (this node's file, as read by the caller) and, when shared,
   * every node's from the directory; each record once.
   */
  public List<String> xferRecords(List<String> local) {
    if (!directory.shared()) {
      return local;
    }
    Set<String> all = new LinkedHashSet<>();
    try {
      all.addAll(directory.xferRecords(MAX_XFER_RECORDS));
    } catch (JobStoreException e) {
      LOG.warn("cluster view: other nodes' xferfaxlog not read: {}", e.getMessage());
    }
    all.addAll(local);
    return new ArrayList<>(all);
  }
}
