package org.faxgw.queue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;

/**
 * The job store in SQLite: one database file, WAL journal, {@code synchronous=FULL} so that a
 * commit is on disk when it returns. One connection, used by one thread at a time.
 */
public final class SqliteJobStore implements JobStore {
  private static final String COLUMNS = JobRows.COLUMNS;

  private final Connection db;
  private long guardsPrunedAt;

  private SqliteJobStore(Connection db) {
    this.db = db;
  }

  /** Opens (creating when needed) the database file. */
  public static SqliteJobStore open(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      String url = "jdbc:sqlite:" + file.toAbsolutePath();
      migrate(url);
      Connection c = DriverManager.getConnection(url);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA foreign_keys=ON");
        s.execute("PRAGMA busy_timeout=10000");
      }
      c.setAutoCommit(false);
      c.commit();
      return new SqliteJobStore(c);
    } catch (Exception e) {
      throw new JobStoreException("cannot open job database " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Brings the schema to the newest version with Flyway ({@code db/migration/sqlite} and {@link
   * SqliteLeaseColumns}). A database made before migrations (tables, no history) is taken as
   * version 1.
   */
  private static void migrate(String url) {
    Flyway.configure()
        .dataSource(url, "", "")
        .locations("classpath:db/migration/sqlite")
        .javaMigrations(new SqliteLeaseColumns())
        .baselineOnMigrate(true)
        .baselineVersion("1")
        .load()
        .migrate();
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
      List<NewJob> jobs, Instant now, Duration duplicateWindow, long reservedId) {
    List<Long> ids = new ArrayList<>();
    try {
      long since = now.minus(duplicateWindow).toEpochMilli();
      long group = -1;
      for (NewJob j : jobs) {
        if (j.messageId() != null) {
          ClusterRows.lockMessageId(db, j.messageId(), j.number().e164(), now);
        }
        if (j.messageId() != null && isDuplicate(j.messageId(), j.number().e164(), since)) {
          continue;
        }
        long id = insert(j, group, now, group < 0 ? reservedId : 0);
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
    pruneMessageGuards(now, duplicateWindow);
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

  private long insert(NewJob j, long group, Instant now, long reservedId) throws SQLException {
    long id;
    if (reservedId > 0) {
      try (PreparedStatement ps = db.prepareStatement(JobRows.INSERT_WITH_ID)) {
        JobRows.bindNew(ps, j, group, now);
        ps.setLong(19, reservedId);
        ps.executeUpdate();
      }
      id = reservedId;
    } else {
      try (PreparedStatement ps =
          db.prepareStatement(JobRows.INSERT, Statement.RETURN_GENERATED_KEYS)) {
        JobRows.bindNew(ps, j, group, now);
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
          keys.next();
          id = keys.getLong(1);
        }
      }
    }
    JobRows.insertDocuments(db, id, j.documents());
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

  /**
   * Moves the AUTOINCREMENT sequence one step in one transaction (the database lock makes it atomic
   * for every process on the file): later inserts get larger ids.
   */
  @Override
  public synchronized long reserveId() {
    try (Statement s = db.createStatement()) {
      s.executeUpdate(
          "INSERT INTO sqlite_sequence(name, seq) SELECT 'jobs', 0"
              + " WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name='jobs')");
      s.executeUpdate(
          "UPDATE sqlite_sequence SET seq=MAX(seq, (SELECT COALESCE(MAX(id), 0) FROM jobs)) + 1"
              + " WHERE name='jobs'");
      long id;
      try (ResultSet rs = s.executeQuery("SELECT seq FROM sqlite_sequence WHERE name='jobs'")) {
        rs.next();
        id = rs.getLong(1);
      }
      db.commit();
      return id;
    } catch (SQLException e) {
      rollback();
      throw new JobStoreException("cannot reserve a job id: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized boolean alter(FaxJob job, JobState expected) {
    try (PreparedStatement ps = db.prepareStatement(JobRows.ALTER)) {
      JobRows.bindAlter(ps, job, expected);
      int n = ps.executeUpdate();
      db.commit();
      return n == 1;
    } catch (SQLException e) {
      rollback();
      throw new JobStoreException("cannot alter job " + job.id(), e);
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
  public synchronized Optional<JobLease> claim(long id, String owner, Instant now, Duration ttl) {
    Instant expires = now.plus(ttl);
    try (PreparedStatement ps =
        db.prepareStatement(
            "UPDATE jobs SET state='active', lease_owner=?, lease_expires=?,"
                + " lease_token=lease_token+1 WHERE id=? AND state='ready'")) {
      ps.setString(1, owner);
      ps.setLong(2, expires.toEpochMilli());
      ps.setLong(3, id);
      if (ps.executeUpdate() != 1) {
        db.commit();
        return Optional.empty();
      }
      long token = token(id);
      db.commit();
      return Optional.of(new JobLease(id, owner, token, expires));
    } catch (SQLException e) {
      rollback();
      throw new JobStoreException("cannot claim job " + id, e);
    }
  }

  private long token(long id) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("SELECT lease_token FROM jobs WHERE id=?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Override
  public synchronized Optional<JobLease> renew(JobLease lease, Instant now, Duration ttl) {
    Instant expires = now.plus(ttl);
    try (PreparedStatement ps =
        db.prepareStatement(
            "UPDATE jobs SET lease_expires=? WHERE id=? AND state='active' AND lease_token=?"
                + " AND lease_owner=? AND lease_expires>?")) {
      ps.setLong(1, expires.toEpochMilli());
      ps.setLong(2, lease.jobId());
      ps.setLong(3, lease.token());
      ps.setString(4, lease.owner());
      ps.setLong(5, now.toEpochMilli());
      boolean ok = ps.executeUpdate() == 1;
      db.commit();
      return ok
          ? Optional.of(new JobLease(lease.jobId(), lease.owner(), lease.token(), expires))
          : Optional.empty();
    } catch (SQLException e) {
      rollback();
      throw new JobStoreException("cannot renew the lease of job " + lease.jobId(), e);
    }
  }

  @Override
  public synchronized boolean checkpoint(JobLease lease, FaxJob job) {
    return fencedWrite(lease, job, false);
  }

  @Override
  public synchronized boolean release(JobLease lease, FaxJob next) {
    return fencedWrite(lease, next, true);
  }

  private boolean fencedWrite(JobLease lease, FaxJob job, boolean release) {
    try (PreparedStatement ps = db.prepareStatement(JobRows.fencedUpdate(release))) {
      JobRows.bindFenced(ps, lease, job, release);
      boolean ok = ps.executeUpdate() == 1;
      db.commit();
      return ok;
    } catch (SQLException e) {
      rollback();
      throw new JobStoreException("cannot write job " + lease.jobId() + " under its lease", e);
    }
  }

  @Override
  public synchronized List<FaxJob> requeueExpired(
      Instant now, String restartedOwner, String status) {
    try {
      List<FaxJob> lapsed =
          query(
              "SELECT "
                  + COLUMNS
                  + " FROM jobs WHERE state='active' AND (lease_expires IS NULL OR"
                  + " lease_expires<=? OR lease_owner=?) ORDER BY id",
              now.toEpochMilli(),
              restartedOwner == null ? "" : restartedOwner);
      if (lapsed.isEmpty()) {
        db.commit();
        return List.of();
      }
      // the SET expressions see the row as it was: the status names the lapsed lease's owner
      try (PreparedStatement ps =
          db.prepareStatement(
              "UPDATE jobs SET state='ready', status=replace(?, ?, COALESCE(lease_owner, '')),"
                  + " lease_owner=NULL, lease_expires=NULL WHERE id=? AND state='active'")) {
        for (FaxJob j : lapsed) {
          ps.setString(1, status);
          ps.setString(2, LEASE_OWNER);
          ps.setLong(3, j.id());
          ps.executeUpdate();
        }
      }
      List<FaxJob> out =
          query(
              "SELECT "
                  + COLUMNS
                  + " FROM jobs WHERE id IN ("
                  + lapsed.stream()
                      .map(j -> String.valueOf(j.id()))
                      .collect(Collectors.joining(","))
                  + ") ORDER BY id");
      db.commit();
      return out;
    } catch (SQLException e) {
      rollback();
      throw new JobStoreException("cannot requeue lapsed jobs", e);
    }
  }

  @Override
  public synchronized Optional<JobLease> lease(long id) {
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT lease_owner, lease_token, lease_expires FROM jobs WHERE id=? AND"
                + " state='active' AND lease_owner IS NOT NULL")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        Optional<JobLease> l =
            rs.next()
                ? Optional.of(
                    new JobLease(
                        id, rs.getString(1), rs.getLong(2), Instant.ofEpochMilli(rs.getLong(3))))
                : Optional.empty();
        db.commit();
        return l;
      }
    } catch (SQLException e) {
      rollback();
      throw new JobStoreException("cannot read the lease of job " + id, e);
    }
  }

  @Override
  public synchronized DestinationInfo destination(String number) {
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT rate_cap, trouble_rate, trouble_count FROM destinations WHERE number=?")) {
      ps.setString(1, number);
      try (ResultSet rs = ps.executeQuery()) {
        DestinationInfo d =
            rs.next()
                ? new DestinationInfo(number, rs.getInt(1), rs.getInt(2), rs.getInt(3))
                : DestinationInfo.unknown(number);
        db.commit();
        return d;
      }
    } catch (SQLException e) {
      rollback();
      throw new JobStoreException("cannot read destination " + number, e);
    }
  }

  @Override
  public synchronized void saveDestination(DestinationInfo info) {
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO destinations(number, rate_cap, trouble_rate, trouble_count)"
                + " VALUES (?,?,?,?) ON CONFLICT(number) DO UPDATE SET rate_cap=excluded.rate_cap,"
                + " trouble_rate=excluded.trouble_rate, trouble_count=excluded.trouble_count")) {
      ps.setString(1, info.number());
      ps.setInt(2, info.rateCap());
      ps.setInt(3, info.troubleRate());
      ps.setInt(4, info.troubleCount());
      ps.executeUpdate();
      db.commit();
    } catch (SQLException e) {
      rollback();
      throw new JobStoreException("cannot store destination " + info.number(), e);
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
    return JobRows.query(db, sql, args);
  }

  private static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
    JobRows.setInstant(ps, i, t);
  }

  /** At most once per {@link ClusterRows#PRUNE_EVERY}, in a transaction of its own. */
  private void pruneMessageGuards(Instant now, Duration duplicateWindow) {
    if (guardsPrunedAt != 0
        && now.toEpochMilli() - guardsPrunedAt < ClusterRows.PRUNE_EVERY.toMillis()) {
      return;
    }
    guardsPrunedAt = now.toEpochMilli();
    try {
      ClusterRows.pruneMessageGuards(db, now.minus(duplicateWindow));
      db.commit();
    } catch (SQLException e) {
      rollback();
      throw new JobStoreException("cannot prune Message-ID guards: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized Optional<JobLease> claimWithinLimits(
      long id, String owner, String peer, int peerLines, Instant now, Duration ttl) {
    // One statement: SQLite holds the database's write lock for all of it, so the limits are
    // checked and the claim made atomically, also against another process on the same file.
    try (PreparedStatement ps = db.prepareStatement(ClusterRows.claimWithinLimits("?"))) {
      ClusterRows.bindClaim(ps, id, owner, peer, peerLines, now.toEpochMilli(), ttl);
      Optional<JobLease> out;
      try (ResultSet rs = ps.executeQuery()) {
        out =
            rs.next()
                ? Optional.of(
                    new JobLease(id, owner, rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2))))
                : Optional.empty();
      }
      db.commit();
      return out;
    } catch (SQLException e) {
      rollback();
      throw new JobStoreException("cannot claim job " + id + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized Optional<JobLease> claimRender(
      long id, String owner, Instant now, Duration ttl) {
    // one statement under the database's write lock: of two stores on the file, one wins
    try (PreparedStatement ps = db.prepareStatement(RenderLeaseRows.claim("?", "id=?"))) {
      RenderLeaseRows.bindClaim(ps, id, owner, now.toEpochMilli(), ttl);
      Optional<JobLease> out;
      try (ResultSet rs = ps.executeQuery()) {
        out =
            rs.next()
                ? Optional.of(
                    new JobLease(id, owner, rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2))))
                : Optional.empty();
      }
      db.commit();
      return out;
    } catch (SQLException e) {
      rollback();
      throw new JobStoreException(
          "cannot claim job " + id + " for rendering: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized Optional<JobLease> renewRender(JobLease lease, Instant now, Duration ttl) {
    try (PreparedStatement ps = db.prepareStatement(RenderLeaseRows.renew("?"))) {
      RenderLeaseRows.bindRenew(ps, lease, now.toEpochMilli(), ttl);
      Optional<JobLease> out;
      try (ResultSet rs = ps.executeQuery()) {
        out =
            rs.next()
                ? Optional.of(
                    new JobLease(
                        lease.jobId(),
                        lease.owner(),
                        lease.token(),
                        Instant.ofEpochMilli(rs.getLong(1))))
                : Optional.empty();
      }
      db.commit();
      return out;
    } catch (SQLException e) {
      rollback();
      throw new JobStoreException("cannot renew the render lease of job " + lease.jobId(), e);
    }
  }

  @Override
  public synchronized boolean writeRendered(JobLease lease, FaxJob job) {
    try (PreparedStatement ps = db.prepareStatement(RenderLeaseRows.WRITE)) {
      RenderLeaseRows.bindWrite(ps, lease, job);
      boolean ok = ps.executeUpdate() == 1;
      db.commit();
      return ok;
    } catch (SQLException e) {
      rollback();
      throw new JobStoreException(
          "cannot write job " + lease.jobId() + " under its render lease", e);
    }
  }

  @Override
  public synchronized List<Long> unclaimedRenders(Instant now, int max) {
    try (PreparedStatement ps = db.prepareStatement(RenderLeaseRows.unclaimed("?", ""))) {
      ps.setLong(1, now.toEpochMilli());
      ps.setInt(2, max);
      List<Long> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      db.commit();
      return ids;
    } catch (SQLException e) {
      rollback();
      throw new JobStoreException("cannot list jobs to render", e);
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
