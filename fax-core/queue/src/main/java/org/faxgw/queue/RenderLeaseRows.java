package org.faxgw.queue;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The SQL both stores share for render leases (issue 18): a job in {@link JobState#RENDERING} is
 * rendered by the node that holds its lease, kept in the same {@code lease_owner}, {@code
 * lease_expires} and {@code lease_token} columns a call's lease uses while the job is {@link
 * JobState#ACTIVE}. Every reader of those columns also names the state, so a render lease is never
 * taken for a call. The token only ever grows: the call's claim after rendering increments it
 * again. {@code now} in these statements is the SQL for the current time in epoch milliseconds
 * ({@code ?} for the caller's clock, or the database's clock).
 */
final class RenderLeaseRows {
  private RenderLeaseRows() {}

  /** No live render lease: never claimed, or lapsed at {@code now}. */
  private static String unleased(String now) {
    return "(lease_owner IS NULL OR lease_expires IS NULL OR lease_expires<=" + now + ")";
  }

  /**
   * The claim's {@code SET} and condition: a rendering job with no live lease, or one held by the
   * same owner (that node started again, or gave up an earlier attempt, whose token is then fenced
   * off). Parameters: owner, [now], ttl, id (the one parameter of {@code idCondition}), [now],
   * owner. Returns the token and the expiry.
   */
  static String claim(String now, String idCondition) {
    return "UPDATE jobs SET lease_owner=?, lease_expires="
        + now
        + "+?, lease_token=lease_token+1 WHERE "
        + idCondition
        + " AND state='rendering' AND ("
        + unleased(now)
        + " OR lease_owner=?) RETURNING lease_token, lease_expires";
  }

  static void bindClaim(PreparedStatement ps, long id, String owner, Long now, Duration ttl)
      throws SQLException {
    int i = 1;
    ps.setString(i++, owner);
    if (now != null) {
      ps.setLong(i++, now);
    }
    ps.setLong(i++, ttl.toMillis());
    ps.setLong(i++, id);
    if (now != null) {
      ps.setLong(i++, now);
    }
    ps.setString(i, owner);
  }

  /**
   * The renewal: the same token and owner, still rendering, not lapsed. Parameters: [now], ttl, id,
   * token, owner, [now]. Returns the new expiry.
   */
  static String renew(String now) {
    return "UPDATE jobs SET lease_expires="
        + now
        + "+? WHERE id=? AND state='rendering' AND lease_token=? AND lease_owner=?"
        + " AND lease_expires>"
        + now
        + " RETURNING lease_expires";
  }

  static void bindRenew(PreparedStatement ps, JobLease lease, Long now, Duration ttl)
      throws SQLException {
    int i = 1;
    if (now != null) {
      ps.setLong(i++, now);
    }
    ps.setLong(i++, ttl.toMillis());
    ps.setLong(i++, lease.jobId());
    ps.setLong(i++, lease.token());
    ps.setString(i++, lease.owner());
    if (now != null) {
      ps.setLong(i, now);
    }
  }

  /**
   * The fenced write of a render's result or progress: what {@link JobStore#update} writes, if the
   * job is still rendering under this lease (token and owner). The lease ends when the job leaves
   * rendering. Bind with {@link #bindWrite}.
   */
  static final String WRITE =
      "UPDATE jobs SET state=?, status=?, pages=?, tiff=?, dials=?, tries=?, tts=?,"
          + " lease_owner=CASE WHEN ?=1 THEN lease_owner ELSE NULL END,"
          + " lease_expires=CASE WHEN ?=1 THEN lease_expires ELSE NULL END"
          + " WHERE id=? AND state='rendering' AND lease_token=? AND lease_owner=?";

  static void bindWrite(PreparedStatement ps, JobLease lease, FaxJob job) throws SQLException {
    int keep = job.state() == JobState.RENDERING ? 1 : 0;
    int i = 1;
    ps.setString(i++, job.state().label());
    ps.setString(i++, job.status());
    ps.setInt(i++, job.pages());
    ps.setString(i++, job.tiff());
    ps.setInt(i++, job.dials());
    ps.setInt(i++, job.tries());
    JobRows.setInstant(ps, i++, job.timeToSend());
    ps.setInt(i++, keep);
    ps.setInt(i++, keep);
    ps.setLong(i++, lease.jobId());
    ps.setLong(i++, lease.token());
    ps.setString(i, lease.owner());
  }

  /**
   * Rendering jobs with no live render lease, oldest first, at most {@code ?}. Parameters: [now],
   * max. {@code lock} is appended ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL: rows another node
   * is claiming or writing this moment are left to it).
   */
  static String unclaimed(String now, String lock) {
    return "SELECT id FROM jobs WHERE state='rendering' AND "
        + unleased(now)
        + " ORDER BY id LIMIT ?"
        + lock;
  }
}
