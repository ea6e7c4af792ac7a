package org.faxgw.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The mapping between {@link FaxJob} and the {@code jobs} and {@code documents} tables, shared by
 * the JDBC stores (SQLite and PostgreSQL use the same columns; times are epoch milliseconds).
 */
final class JobRows {
  static final String COLUMNS =
      "id, group_id, owner, number, dial_string, priority, state, pages, dials, max_dials, tries,"
          + " max_tries, tts, kill_time, status, submitted, message_id, notify, resolution,"
          + " subject, spool_dir, tiff, unfaxable, pages_sent, signal_rate, data_format, ecm,"
          + " remote_csi, duration_ms, comm_id, reason";

  private JobRows() {}

  /** Runs a {@code SELECT COLUMNS …} and returns its jobs with their documents. */
  static List<FaxJob> query(Connection db, String sql, Object... args) throws SQLException {
    List<FaxJob> out = new ArrayList<>();
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs));
        }
      }
    }
    return withDocuments(db, out);
  }

  private static List<FaxJob> withDocuments(Connection db, List<FaxJob> jobs) throws SQLException {
    if (jobs.isEmpty()) {
      return jobs;
    }
    List<FaxJob> withDocs = new ArrayList<>(jobs.size());
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT kind, path, content_type, name FROM documents WHERE job_id=? ORDER BY seq")) {
      for (FaxJob j : jobs) {
        ps.setLong(1, j.id());
        List<JobDocument> docs = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            docs.add(
                new JobDocument(
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
          }
        }
        withDocs.add(
            new FaxJob(
                j.id(),
                j.groupId(),
                j.owner(),
                j.number(),
                j.dialString(),
                j.priority(),
                j.state(),
                j.pages(),
                j.dials(),
                j.maxDials(),
                j.tries(),
                j.maxTries(),
                j.timeToSend(),
                j.killTime(),
                j.status(),
                j.submitted(),
                j.messageId(),
                j.notifyWhen(),
                j.resolution(),
                j.subject(),
                j.spoolDir(),
                j.tiff(),
                docs,
                j.unfaxable(),
                j.progress()));
      }
    }
    return withDocs;
  }

  static FaxJob row(ResultSet rs) throws SQLException {
    String unfaxable = rs.getString("unfaxable");
    return new FaxJob(
        rs.getLong("id"),
        rs.getLong("group_id"),
        rs.getString("owner"),
        rs.getString("number"),
        rs.getString("dial_string"),
        rs.getInt("priority"),
        JobState.ofLabel(rs.getString("state")),
        rs.getInt("pages"),
        rs.getInt("dials"),
        rs.getInt("max_dials"),
        rs.getInt("tries"),
        rs.getInt("max_tries"),
        instant(rs, "tts"),
        instant(rs, "kill_time"),
        rs.getString("status"),
        instant(rs, "submitted"),
        rs.getString("message_id"),
        rs.getString("notify"),
        rs.getString("resolution"),
        rs.getString("subject"),
        rs.getString("spool_dir"),
        rs.getString("tiff"),
        List.of(),
        unfaxable == null || unfaxable.isEmpty() ? List.of() : Arrays.asList(unfaxable.split("\n")),
        new JobProgress(
            rs.getInt("pages_sent"),
            rs.getInt("signal_rate"),
            rs.getString("data_format"),
            rs.getInt("ecm") != 0,
            rs.getString("remote_csi"),
            rs.getLong("duration_ms"),
            rs.getString("comm_id"),
            rs.getString("reason")));
  }

  private static Instant instant(ResultSet rs, String col) throws SQLException {
    long v = rs.getLong(col);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
    if (t == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, t.toEpochMilli());
    }
  }

  /** Binds the fields of a new job in the order of {@link #INSERT}. */
  static void bindNew(PreparedStatement ps, NewJob j, long group, Instant now) throws SQLException {
    int i = 1;
    ps.setLong(i++, Math.max(group, 0));
    ps.setString(i++, j.owner());
    ps.setString(i++, j.number().e164());
    ps.setString(i++, j.number().dialString());
    ps.setInt(i++, j.priority());
    ps.setString(i++, j.state().label());
    ps.setInt(i++, j.maxDials());
    ps.setInt(i++, j.maxTries());
    setInstant(ps, i++, j.timeToSend());
    ps.setLong(i++, j.killTime().toEpochMilli());
    ps.setString(i++, j.status() == null ? "" : j.status());
    ps.setLong(i++, now.toEpochMilli());
    ps.setString(i++, j.messageId());
    ps.setString(i++, j.notifyWhen());
    ps.setString(i++, j.resolution());
    ps.setString(i++, j.subject() == null ? "" : j.subject());
    ps.setString(i++, j.spoolDir());
    ps.setString(i, String.join("\n", j.unfaxable()));
  }

  static final String INSERT =
      "INSERT INTO jobs(group_id, owner, number, dial_string, priority, state, max_dials,"
          + " max_tries, tts, kill_time, status, submitted, message_id, notify, resolution,"
          + " subject, spool_dir, unfaxable) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

  /** {@link #INSERT} with the id given (a reserved one) as its last parameter. */
  static final String INSERT_WITH_ID =
      "INSERT INTO jobs(group_id, owner, number, dial_string, priority, state, max_dials,"
          + " max_tries, tts, kill_time, status, submitted, message_id, notify, resolution,"
          + " subject, spool_dir, unfaxable, id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

  /** The {@code UPDATE} of {@link JobStore#alter}; bind with {@link #bindAlter}. */
  static final String ALTER =
      "UPDATE jobs SET state=?, status=?, priority=?, max_dials=?, max_tries=?, tts=?,"
          + " kill_time=?, notify=? WHERE id=? AND state=?";

  static void bindAlter(PreparedStatement ps, FaxJob job, JobState expected) throws SQLException {
    int i = 1;
    ps.setString(i++, job.state().label());
    ps.setString(i++, job.status());
    ps.setInt(i++, job.priority());
    ps.setInt(i++, job.maxDials());
    ps.setInt(i++, job.maxTries());
    setInstant(ps, i++, job.timeToSend());
    ps.setLong(i++, job.killTime().toEpochMilli());
    ps.setString(i++, job.notifyWhen());
    ps.setLong(i++, job.id());
    ps.setString(i, expected.label());
  }

  static void insertDocuments(Connection db, long id, List<JobDocument> documents)
      throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO documents(job_id, seq, kind, path, content_type, name)"
                + " VALUES (?,?,?,?,?,?)")) {
      int seq = 0;
      for (JobDocument d : documents) {
        ps.setLong(1, id);
        ps.setInt(2, seq++);
        ps.setString(3, d.kind());
        ps.setString(4, d.path());
        ps.setString(5, d.contentType());
        ps.setString(6, d.name());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * The {@code SET} and {@code WHERE} of a write under a lease: the outcome fields and the
   * progress, fenced by job id, active state, token and owner. Bind with {@link #bindFenced}.
   */
  static String fencedUpdate(boolean release) {
    String clearLease = release ? ", lease_owner=NULL, lease_expires=NULL" : "";
    return "UPDATE jobs SET state=?, status=?, dials=?, tries=?, tts=?, pages_sent=?,"
        + " signal_rate=?, data_format=?, ecm=?, remote_csi=?, duration_ms=?, comm_id=?,"
        + " reason=?"
        + clearLease
        + " WHERE id=? AND state='active' AND lease_token=? AND lease_owner=?";
  }

  static void bindFenced(PreparedStatement ps, JobLease lease, FaxJob job, boolean release)
      throws SQLException {
    String state = release ? job.state().label() : JobState.ACTIVE.label();
    JobProgress p = job.progress();
    int i = 1;
    ps.setString(i++, state);
    ps.setString(i++, job.status());
    ps.setInt(i++, job.dials());
    ps.setInt(i++, job.tries());
    setInstant(ps, i++, job.timeToSend());
    ps.setInt(i++, p.pagesConfirmed());
    ps.setInt(i++, p.signalRate());
    ps.setString(i++, p.dataFormat());
    ps.setInt(i++, p.ecm() ? 1 : 0);
    ps.setString(i++, p.remoteCsi());
    ps.setLong(i++, p.durationMillis());
    ps.setString(i++, p.commId());
    ps.setString(i++, p.reason());
    ps.setLong(i++, lease.jobId());
    ps.setLong(i++, lease.token());
    ps.setString(i, lease.owner());
  }
}
