package org.faxgw.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * The SQL both stores share for what several gateway nodes on one database must agree on (issue 18,
 * schema version 3): the Message-ID guard rows that make duplicate detection atomic, and the claim
 * that respects the global limits (one call per destination number, so many lines per peer).
 */
final class ClusterRows {
  /** How often a store deletes guard rows older than the duplicate window. */
  static final Duration PRUNE_EVERY = Duration.ofHours(1);

  private ClusterRows() {}

  /**
   * Writes (or touches) the guard row of a Message-ID and number in the caller's transaction. The
   * row stays locked until the transaction ends, so a second node submitting the same mail waits
   * here and then sees the first node's committed job when it looks for a duplicate. In SQLite the
   * write takes the database's write lock, which does the same.
   */
  static void lockMessageId(Connection c, String messageId, String number, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO message_guard(message_id, number, seen) VALUES (?,?,?)"
                + " ON CONFLICT(message_id, number) DO UPDATE SET seen=CASE WHEN"
                + " excluded.seen>message_guard.seen THEN excluded.seen ELSE message_guard.seen"
                + " END")) {
      ps.setString(1, messageId);
      ps.setString(2, number);
      ps.setLong(3, now.toEpochMilli());
      ps.executeUpdate();
    }
  }

  /**
   * Deletes guard rows last seen before {@code since}: they only serve as locks, and the next
   * submission of the same Message-ID writes its row again.
   */
  static int pruneMessageGuards(Connection c, Instant since) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM message_guard WHERE seen<?")) {
      ps.setLong(1, since.toEpochMilli());
      return ps.executeUpdate();
    }
  }

  /**
   * The claim within the global limits: the job must be ready, no other job to its number may hold
   * an unexpired lease, and fewer than {@code peerLines} jobs may hold an unexpired lease on a line
   * of the peer. {@code now} is the SQL for the current time in epoch milliseconds ({@code ?} for
   * the caller's clock). Returns the new token and expiry. Parameters: see {@link #bindClaim}.
   */
  static String claimWithinLimits(String now) {
    return "UPDATE jobs SET state='active', lease_owner=?, lease_expires="
        + now
        + "+?, lease_token=lease_token+1, line_peer=?, line_token=lease_token+1"
        + " WHERE id=? AND state='ready'"
        + " AND NOT EXISTS (SELECT 1 FROM jobs o WHERE o.number=jobs.number"
        + " AND o.state='active' AND o.lease_expires>"
        + now
        + ") AND (SELECT count(*) FROM jobs o WHERE o.state='active' AND o.line_peer=?"
        + " AND o.line_token=o.lease_token AND o.lease_expires>"
        + now
        + ")<? RETURNING lease_token, lease_expires";
  }

  /** Binds {@link #claimWithinLimits}; {@code now} is null when the SQL uses the database clock. */
  static void bindClaim(
      PreparedStatement ps,
      long id,
      String owner,
      String peer,
      int peerLines,
      Long now,
      Duration ttl)
      throws SQLException {
    int i = 1;
    ps.setString(i++, owner);
    if (now != null) {
      ps.setLong(i++, now);
    }
    ps.setLong(i++, ttl.toMillis());
    ps.setString(i++, peer);
    ps.setLong(i++, id);
    if (now != null) {
      ps.setLong(i++, now);
    }
    ps.setString(i++, peer);
    if (now != null) {
      ps.setLong(i++, now);
    }
    ps.setInt(i, peerLines);
  }
}
