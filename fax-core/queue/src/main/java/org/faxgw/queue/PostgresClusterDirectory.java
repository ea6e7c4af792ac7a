package org.faxgw.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cluster directory in the job database (tables of {@code V6__cluster_directory.sql}), through
 * the job store's {@link PgTransactions}. Heartbeats are dated by the database's clock, so the
 * nodes' clocks do not matter for who is alive.
 */
public final class PostgresClusterDirectory implements ClusterDirectory {
  private static final String DB_NOW = PgTransactions.DB_NOW;
  private static final String NODE_COLUMNS =
      "n.name, n.started, n.last_seen, " + DB_NOW + " - n.last_seen";
  private static final String RECEIVED_COLUMNS =
      "comm_id, node, tsi, caller_number, caller_name, did, pages, received, size, error";

  private final PgTransactions tx;
  private final String node;

  public PostgresClusterDirectory(PgTransactions tx, String node) {
    this.tx = tx;
    this.node = node;
  }

  @Override
  public String node() {
    return node;
  }

  @Override
  public boolean shared() {
    return true;
  }

  @Override
  public void heartbeat(Instant started, List<LineRow> lines) {
    tx.tx(
        "cannot write the heartbeat of node " + node,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO cluster_nodes(name, started, last_seen) VALUES (?,?,"
                      + DB_NOW
                      + ") ON CONFLICT(name) DO UPDATE SET started=excluded.started,"
                      + " last_seen=excluded.last_seen")) {
            ps.setString(1, node);
            ps.setLong(2, started.toEpochMilli());
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM cluster_lines WHERE node=?")) {
            ps.setString(1, node);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO cluster_lines(node, name, peer, direction, local_id, state, job_id,"
                      + " comm_id) VALUES (?,?,?,?,?,?,?,?)")) {
            for (LineRow l : lines) {
              ps.setString(1, node);
              ps.setString(2, l.name());
              ps.setString(3, l.peer());
              ps.setString(4, l.direction());
              ps.setString(5, l.localId());
              ps.setString(6, l.state());
              ps.setLong(7, l.jobId());
              ps.setString(8, l.commId());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  @Override
  public List<Node> nodes() {
    return tx.tx(
        "cannot read the cluster's nodes",
        c -> {
          List<Node> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT " + NODE_COLUMNS + " FROM cluster_nodes n ORDER BY n.name");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(node(rs));
            }
          }
          return out;
        });
  }

  private static Node node(ResultSet rs) throws SQLException {
    return new Node(
        rs.getString(1),
        Instant.ofEpochMilli(rs.getLong(2)),
        Instant.ofEpochMilli(rs.getLong(3)),
        Math.max(0, rs.getLong(4)));
  }

  @Override
  public List<NodeLine> lines() {
    return tx.tx(
        "cannot read the cluster's lines",
        c -> {
          List<NodeLine> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT "
                          + NODE_COLUMNS
                          + ", l.name, l.peer, l.direction, l.local_id, l.state, l.job_id,"
                          + " l.comm_id FROM cluster_lines l JOIN cluster_nodes n ON"
                          + " n.name=l.node ORDER BY n.name, l.name");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(
                  new NodeLine(
                      node(rs),
                      new LineRow(
                          rs.getString(5),
                          rs.getString(6),
                          rs.getString(7),
                          rs.getString(8),
                          rs.getString(9),
                          rs.getLong(10),
                          rs.getString(11))));
            }
          }
          return out;
        });
  }

  @Override
  public void putReceived(ReceivedRecord fax, byte[] tiff) {
    tx.tx(
        "cannot store received fax " + fax.commId(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO received_faxes("
                      + RECEIVED_COLUMNS
                      + ", tiff) VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(comm_id) DO NOTHING")) {
            ps.setString(1, fax.commId());
            ps.setString(2, fax.node());
            ps.setString(3, fax.tsi());
            ps.setString(4, fax.callerNumber());
            ps.setString(5, fax.callerName());
            ps.setString(6, fax.did());
            ps.setInt(7, fax.pages());
            ps.setLong(8, fax.received().toEpochMilli());
            ps.setLong(9, fax.size());
            ps.setString(10, fax.error());
            ps.setBytes(11, tiff);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public List<ReceivedRecord> received() {
    return tx.tx(
        "cannot list the received faxes",
        c -> receivedWhere(c, "ORDER BY received, comm_id", null));
  }

  @Override
  public Optional<ReceivedRecord> received(String commId) {
    return tx
        .tx("cannot read received fax " + commId, c -> receivedWhere(c, "WHERE comm_id=?", commId))
        .stream()
        .findFirst();
  }

  private static List<ReceivedRecord> receivedWhere(Connection c, String where, String commId)
      throws SQLException {
    List<ReceivedRecord> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + RECEIVED_COLUMNS + " FROM received_faxes " + where)) {
      if (commId != null) {
        ps.setString(1, commId);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new ReceivedRecord(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getInt(7),
                  Instant.ofEpochMilli(rs.getLong(8)),
                  rs.getLong(9),
                  rs.getString(10)));
        }
      }
    }
    return out;
  }

  @Override
  public Optional<byte[]> receivedTiff(String commId) {
    return tx.tx(
        "cannot read received fax " + commId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT tiff FROM received_faxes WHERE comm_id=?")) {
            ps.setString(1, commId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
            }
          }
        });
  }

  @Override
  public void appendSessionLog(String commId, String text) {
    tx.tx(
        "cannot store the session log of " + commId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO session_logs(comm_id, node, text) VALUES (?,?,?) ON"
                      + " CONFLICT(comm_id) DO UPDATE SET text=session_logs.text ||"
                      + " excluded.text")) {
            ps.setString(1, commId);
            ps.setString(2, node);
            ps.setString(3, text);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public Optional<String> sessionLog(String commId, int maxChars) {
    return tx.tx(
        "cannot read the session log of " + commId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT substr(text, 1, ?) FROM session_logs WHERE comm_id=?")) {
            ps.setInt(1, maxChars);
            ps.setString(2, commId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
          }
        });
  }

  @Override
  public List<String> sessionLogIds() {
    return tx.tx(
        "cannot list the session logs",
        c -> {
          List<String> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT comm_id FROM session_logs ORDER BY comm_id");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(rs.getString(1));
            }
          }
          return out;
        });
  }

  @Override
  public void appendXfer(String record) {
    tx.tx(
        "cannot store an xferfaxlog record",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("INSERT INTO xfer_log(node, line) VALUES (?,?)")) {
            ps.setString(1, node);
            ps.setString(2, record);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public List<String> xferRecords(int max) {
    return tx.tx(
        "cannot read xferfaxlog",
        c -> {
          List<String> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT line FROM (SELECT seq, line FROM xfer_log ORDER BY seq DESC LIMIT ?) t"
                      + " ORDER BY seq")) {
            ps.setInt(1, max);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getString(1));
              }
            }
          }
          return out;
        });
  }
}
