package org.faxgw.queue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The job store in SQLite: one database file, WAL journal, {@code synchronous=FULL} so that a
 * commit is on disk when it returns. One connection, used by one thread at a time.
 */
public final class SqliteJobStore implements JobStore {
  private static final String SCHEMA =
      """
      CREATE TABLE IF NOT EXISTS jobs(
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        group_id INTEGER NOT NULL,
        owner TEXT NOT NULL,
        number TEXT NOT NULL,
        dial_string TEXT NOT NULL,
        priority INTEGER NOT NULL,
        state TEXT NOT NULL,
        pages INTEGER NOT NULL DEFAULT 0,
        dials INTEGER NOT NULL DEFAULT 0,
        max_dials INTEGER NOT NULL,
        tries INTEGER NOT NULL DEFAULT 0,
        max_tries INTEGER NOT NULL,
        tts INTEGER,
        kill_time INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT '',
        submitted INTEGER NOT NULL,
        message_id TEXT,
        notify TEXT NOT NULL,
        resolution TEXT NOT NULL,
        subject TEXT NOT NULL DEFAULT '',
        spool_dir TEXT NOT NULL,
        tiff TEXT,
        unfaxable TEXT NOT NULL DEFAULT '');
      CREATE INDEX IF NOT EXISTS jobs_message ON jobs(message_id, number);
      CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state);
      CREATE INDEX IF NOT EXISTS jobs_spool ON jobs(spool_dir);
      CREATE TABLE IF NOT EXISTS documents(
        job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        path TEXT NOT NULL,
        content_type TEXT,
        name TEXT,
        PRIMARY KEY(job_id, seq));
      """;

  private static final String COLUMNS =
      "id, group_id, owner, number, dial_string, priority, state, pages, dials, max_dials, tries,"
          + " max_tries, tts, kill_time, status, submitted, message_id, notify, resolution,"
          + " subject, spool_dir, tiff, unfaxable";

  private final Connection db;

  private SqliteJobStore(Connection db) {
    this.db = db;
  }

  /** Opens (creating when needed) the database file. */
  public static SqliteJobStore open(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA foreign_keys=ON");
        s.execute("PRAGMA busy_timeout=10000");
        for (String sql : SCHEMA.split(";")) {
          if (!sql.isBlank()) {
            s.execute(sql);
          }
        }
      }
      c.setAutoCommit(false);
      c.commit();
      return new SqliteJobStore(c);
    } catch (Exception e) {
      throw new JobStoreException("cannot open job database " + file + ": " + e.getMessage(), e);
    }
  }

  /** The value of a PRAGMA (for tests and diagnostics). */
  public synchronized String pragma(String name) {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new JobStoreException("PRAGMA " + name, e);
    }
  }

  @Override
  public synchronized List<FaxJob> submit(
      List<NewJob> jobs, Instant now, Duration duplicateWindow) {
    List<Long> ids = new ArrayList<>();
    try {
      long since = now.minus(duplicateWindow).toEpochMilli();
      long group = -1;
      for (NewJob j : jobs) {
        if (j.messageId() != null && isDuplicate(j.messageId(), j.number().e164(), since)) {
          continue;
        }
        long id = insert(j, group, now);
        if (group < 0) {
          group = id;
          try (PreparedStatement ps =
              db.prepareStatement("UPDATE jobs SET group_id=? WHERE id=?")) {
            ps.setLong(1, id);
            ps.setLong(2, id);
            ps.executeUpdate();
          }
        }
        ids.add(id);
      }
      db.commit();
    } catch (SQLException e) {
      rollback();
      throw new JobStoreException("cannot store jobs: " + e.getMessage(), e);
    }
    List<FaxJob> out = new ArrayList<>();
    for (long id : ids) {
      out.add(find(id).orElseThrow());
    }
    return out;
  }

  private boolean isDuplicate(String messageId, String number, long since) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT 1 FROM jobs WHERE message_id=? AND number=? AND submitted>=? LIMIT 1")) {
      ps.setString(1, messageId);
      ps.setString(2, number);
      ps.setLong(3, since);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private long insert(NewJob j, long group, Instant now) throws SQLException {
    long id;
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO jobs(group_id, owner, number, dial_string, priority, state, max_dials,"
                + " max_tries, tts, kill_time, status, submitted, message_id, notify, resolution,"
                + " subject, spool_dir, unfaxable) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            Statement.RETURN_GENERATED_KEYS)) {
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
      ps.setString(i++, String.join("\n", j.unfaxable()));
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        id = keys.getLong(1);
      }
    }
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO documents(job_id, seq, kind, path, content_type, name)"
                + " VALUES (?,?,?,?,?,?)")) {
      int seq = 0;
      for (JobDocument d : j.documents()) {
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
    return id;
  }

  @Override
  public synchronized long nextId() {
    try (PreparedStatement ps =
            db.prepareStatement("SELECT seq FROM sqlite_sequence WHERE name='jobs'");
        java.sql.ResultSet rs = ps.executeQuery()) {
      long last = rs.next() ? rs.getLong(1) : 0;
      db.commit();
      return last + 1;
    } catch (SQLException e) {
      rollback();
      throw new JobStoreException("cannot read the job id sequence", e);
    }
  }

  @Override
  public synchronized Optional<FaxJob> find(long id) {
    try {
      List<FaxJob> l = query("SELECT " + COLUMNS + " FROM jobs WHERE id=?", id);
      db.commit();
      return l.stream().findFirst();
    } catch (SQLException e) {
      rollback();
      throw new JobStoreException("cannot read job " + id, e);
    }
  }

  @Override
  public synchronized List<FaxJob> group(long groupId) {
    try {
      List<FaxJob> l =
          query("SELECT " + COLUMNS + " FROM jobs WHERE group_id=? ORDER BY id", groupId);
      db.commit();
      return l;
    } catch (SQLException e) {
      rollback();
      throw new JobStoreException("cannot read group " + groupId, e);
    }
  }

  @Override
  public synchronized List<FaxJob> list(Set<JobState> states) {
    if (states.isEmpty()) {
      return List.of();
    }
    String in = states.stream().map(s -> "'" + s.label() + "'").collect(Collectors.joining(","));
    try {
      List<FaxJob> l =
          query("SELECT " + COLUMNS + " FROM jobs WHERE state IN (" + in + ") ORDER BY id");
      db.commit();
      return l;
    } catch (SQLException e) {
      rollback();
      throw new JobStoreException("cannot list jobs", e);
    }
  }

  @Override
  public synchronized boolean update(FaxJob job, JobState expected) {
    try (PreparedStatement ps =
        db.prepareStatement(
            "UPDATE jobs SET state=?, status=?, pages=?, tiff=?, dials=?, tries=?, tts=?"
                + " WHERE id=? AND state=?")) {
      ps.setString(1, job.state().label());
      ps.setString(2, job.status());
      ps.setInt(3, job.pages());
      ps.setString(4, job.tiff());
      ps.setInt(5, job.dials());
      ps.setInt(6, job.tries());
      setInstant(ps, 7, job.timeToSend());
      ps.setLong(8, job.id());
      ps.setString(9, expected.label());
      int n = ps.executeUpdate();
      db.commit();
      return n == 1;
    } catch (SQLException e) {
      rollback();
      throw new JobStoreException("cannot update job " + job.id(), e);
    }
  }

  @Override
  public synchronized Optional<FaxJob> delete(long id) {
    try {
      List<FaxJob> l = query("SELECT " + COLUMNS + " FROM jobs WHERE id=?", id);
      if (l.isEmpty()) {
        db.commit();
        return Optional.empty();
      }
      try (PreparedStatement ps = db.prepareStatement("DELETE FROM jobs WHERE id=?")) {
        ps.setLong(1, id);
        ps.executeUpdate();
      }
      db.commit();
      return Optional.of(l.get(0));
    } catch (SQLException e) {
      rollback();
      throw new JobStoreException("cannot delete job " + id, e);
    }
  }

  @Override
  public synchronized Set<String> spoolFolders() {
    Set<String> out = new HashSet<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT DISTINCT spool_dir FROM jobs")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      db.commit();
      return out;
    } catch (SQLException e) {
      rollback();
      throw new JobStoreException("cannot list spool folders", e);
    }
  }

  @Override
  public synchronized boolean isReferenced(String spoolPath, long exceptJobId) {
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT 1 FROM jobs WHERE id<>? AND (spool_dir=? OR tiff=?) UNION ALL"
                + " SELECT 1 FROM documents WHERE job_id<>? AND path=? LIMIT 1")) {
      ps.setLong(1, exceptJobId);
      ps.setString(2, spoolPath);
      ps.setString(3, spoolPath);
      ps.setLong(4, exceptJobId);
      ps.setString(5, spoolPath);
      try (ResultSet rs = ps.executeQuery()) {
        boolean r = rs.next();
        db.commit();
        return r;
      }
    } catch (SQLException e) {
      rollback();
      throw new JobStoreException("cannot query spool references", e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new JobStoreException("cannot close job database", e);
    }
  }

  private List<FaxJob> query(String sql, Object... args) throws SQLException {
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
    if (out.isEmpty()) {
      return out;
    }
    List<FaxJob> withDocs = new ArrayList<>(out.size());
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT kind, path, content_type, name FROM documents WHERE job_id=? ORDER BY seq")) {
      for (FaxJob j : out) {
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
                j.unfaxable()));
      }
    }
    return withDocs;
  }

  private static FaxJob row(ResultSet rs) throws SQLException {
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
        unfaxable == null || unfaxable.isEmpty()
            ? List.of()
            : Arrays.asList(unfaxable.split("\n")));
  }

  private static Instant instant(ResultSet rs, String col) throws SQLException {
    long v = rs.getLong(col);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  private static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
    if (t == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setLong(i, t.toEpochMilli());
    }
  }

  private void rollback() {
    try {
      db.rollback();
    } catch (SQLException ignored) {
      // the original failure is what matters
    }
  }
}
