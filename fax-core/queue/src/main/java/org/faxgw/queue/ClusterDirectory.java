package org.faxgw.queue;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gateway nodes sharing one job database tell each other (issue 18): which nodes run and
 * what their fax lines are doing (a heartbeat dated by the database's clock), the faxes each one
 * received (record and TIFF), the calls' session logs and xferfaxlog records. On PostgreSQL ({@link
 * PostgresClusterDirectory}) every node reads what every node wrote; on SQLite ({@link
 * LocalClusterDirectory}) there is one node, which keeps its received faxes and logs in its data
 * folder only ({@link #shared()} is false: readers use the files).
 *
 * <p>Every method is one transaction of its own; a database failure is a {@link JobStoreException}.
 * Never call it from the audio tick.
 */
public interface ClusterDirectory {
  /** A node whose heartbeat is older than this is shown as not answering. */
  long STALE_MILLIS = 30_000;

  /**
   * One fax line as its node reports it.
   *
   * @param name the line's name, e.g. {@code pbx/1}
   * @param peer the IAX2 peer
   * @param direction send, receive or both
   * @param localId the TSI/CSI configured for it, empty for the gateway's
   * @param state what it is doing, in faxstat's words
   * @param jobId the job its call sends, 0 for none (idle or receiving)
   * @param commId the CommID of its call, empty for none
   */
  record LineRow(
      String name,
      String peer,
      String direction,
      String localId,
      String state,
      long jobId,
      String commId) {
    public LineRow {
      Objects.requireNonNull(name);
      peer = Objects.requireNonNullElse(peer, "");
      direction = Objects.requireNonNullElse(direction, "");
      localId = Objects.requireNonNullElse(localId, "");
      state = Objects.requireNonNullElse(state, "");
      commId = Objects.requireNonNullElse(commId, "");
    }
  }

  /**
   * A gateway node.
   *
   * @param name its name ({@code fax.node}, else its host name)
   * @param started when it started
   * @param lastSeen its last heartbeat
   * @param ageMillis how long ago that was, by the database's clock
   */
  record Node(String name, Instant started, Instant lastSeen, long ageMillis) {
    /** True when the node has not been heard of for {@link #STALE_MILLIS}. */
    public boolean stale() {
      return ageMillis > STALE_MILLIS;
    }
  }

  /** A line of a node. */
  record NodeLine(Node node, LineRow line) {}

  /**
   * A received fax as every node sees it.
   *
   * @param commId its CommID (digits)
   * @param node the node that received it
   * @param tsi the sender's TSI, empty when none
   * @param callerNumber the caller ID number
   * @param callerName the caller ID name
   * @param did the number dialled
   * @param pages pages received
   * @param received when
   * @param size bytes of the TIFF
   * @param error why the reception failed or ended early, empty when it did not
   */
  record ReceivedRecord(
      String commId,
      String node,
      String tsi,
      String callerNumber,
      String callerName,
      String did,
      int pages,
      Instant received,
      long size,
      String error) {
    public ReceivedRecord {
      Objects.requireNonNull(commId);
      Objects.requireNonNull(node);
      tsi = Objects.requireNonNullElse(tsi, "");
      callerNumber = Objects.requireNonNullElse(callerNumber, "");
      callerName = Objects.requireNonNullElse(callerName, "");
      did = Objects.requireNonNullElse(did, "");
      error = Objects.requireNonNullElse(error, "");
      Objects.requireNonNull(received);
    }
  }

  /** This node's name. */
  String node();

  /** True when other nodes read what this one writes (PostgreSQL). */
  boolean shared();

  /**
   * This node is alive: its row's last-seen time becomes the database's now, and its lines become
   * {@code lines} (lines no longer listed are removed).
   *
   * @param started when this node (its process) started
   */
  void heartbeat(Instant started, List<LineRow> lines);

  /** Every node that has written a heartbeat, by name. */
  List<Node> nodes();

  /** Every node's lines, by node and line name. */
  List<NodeLine> lines();

  /**
   * Stores a fax this node received, with its TIFF; a second call for one CommID changes nothing.
   */
  void putReceived(ReceivedRecord fax, byte[] tiff);

  /** Every received fax's record, oldest first (empty when not {@link #shared()}). */
  List<ReceivedRecord> received();

  /** One received fax's record. */
  Optional<ReceivedRecord> received(String commId);

  /** The TIFF of a received fax, as it was received. */
  Optional<byte[]> receivedTiff(String commId);

  /** Appends {@code text} (whole lines) to the session log of call {@code commId}. */
  void appendSessionLog(String commId, String text);

  /** The session log of call {@code commId}, at most {@code maxChars} of its start. */
  Optional<String> sessionLog(String commId, int maxChars);

  /** The CommIDs of the stored session logs, ascending. */
  List<String> sessionLogIds();

  /** Appends one xferfaxlog record (without its newline). */
  void appendXfer(String record);

  /** The last {@code max} xferfaxlog records of every node, oldest first. */
  List<String> xferRecords(int max);

  /**
   * The directory of the nodes on {@code store}: shared when it is a {@link PostgresJobStore}, else
   * a local one.
   */
  static ClusterDirectory forStore(JobStore store, String node) {
    return store instanceof PostgresJobStore pg
        ? new PostgresClusterDirectory(pg.transactions(), node)
        : new LocalClusterDirectory(node);
  }
}
