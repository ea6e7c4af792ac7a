package org.faxgw.queue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
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
 * The job store in PostgreSQL, for one or several gateway nodes sharing one database. A HikariCP
 * pool; every method is one transaction on a connection of its own, so the store is thread-safe
 * without a lock. The schema is migrated by Flyway at {@link #open} from {@code
 * db/migration/postgresql}.
 *
 * <p>Leases: {@link #claim} locks the ready row with {@code FOR UPDATE SKIP LOCKED} (a claimer
 * never waits for another) and increments the fencing token; every write under a lease names job,
 * owner and token in its {@code WHERE}, so a writer whose lease was taken over is refused. With
 * {@link PostgresSettings.LeaseClock#DATABASE} expiry is computed by the database's clock.
 */
public final class PostgresJobStore implements JobStore {
  /** The database's clock as epoch milliseconds. */
  private static final String DB_NOW = PgTransactions.DB_NOW;

  private final HikariDataSource pool;
  private final boolean databaseClock;
  private final PgTransactions transactions;
  private final PostgresSharedFiles sharedFiles;
  private volatile long guardsPrunedAt;

  private PostgresJobStore(HikariDataSource pool, boolean databaseClock) {
    this.pool = pool;
    this.databaseClock = databaseClock;
    this.transactions = new PgTransactions(pool);
    this.sharedFiles = new PostgresSharedFiles(transactions);
  }

  /** Connects, migrates the schema to the newest version and returns the store. */
  public static PostgresJobStore open(PostgresSettings settings) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(settings.jdbcUrl());
    hc.setUsername(settings.user());
    hc.setPassword(settings.password());
    hc.setMaximumPoolSize(settings.poolSize());
    hc.setMinimumIdle(Math.min(2, settings.poolSize()));
    hc.setAutoCommit(false);
    hc.setPoolName("faxgw-jobs");
    hc.setConnectionTimeout(10_000);
    hc.setInitializationFailTimeout(10_000);
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(hc);
    } catch (RuntimeException e) {
      throw new JobStoreException(
          "cannot connect to the job database " + settings.jdbcUrl() + ": " + e.getMessage(), e);
    }
    try {
      // Flyway takes connections of its own (it needs more than one), not the pool's.
      Flyway.configure()
          .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
          .locations("classpath:db/migration/postgresql")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      ds.close();
      throw new JobStoreException(
          "cannot migrate the job database " + settings.jdbcUrl() + ": " + e.getMessage(), e);
    }
    return new PostgresJobStore(ds, settings.leaseClock() == PostgresSettings.LeaseClock.DATABASE);
  }

  private <T> T tx(String what, PgTransactions.Work<T> work) {
    return transactions.tx(what, work);
  }

  /**
   * The transactions of this store's pool, for the other PostgreSQL stores of the cluster (shared
   * files, outbox, cluster directory) to work on the same database and connections.
   */
  public PgTransactions transactions() {
    return transactions;
  }

  /** True when lease expiry is computed by the database server's clock. */
  public boolean databaseClock() {
    return databaseClock;
  }

  @Override
  public List<FaxJob> submit(
      List<NewJob> jobs, Instant now, Duration duplicateWindow, long reservedId) {
    List<Long> ids =
        tx(
            "cannot store jobs",
            c -> {
              List<Long> out = new ArrayList<>();
              long since = now.minus(duplicateWindow).toEpochMilli();
              long group = -1;
              for (NewJob j : jobs) {
                if (j.messageId() != null) {
                  ClusterRows.lockMessageId(c, j.messageId(), j.number().e164(), now);
                }
                if (j.messageId() != null
                    && isDuplicate(c, j.messageId(), j.number().e164(), since)) {
                  continue;
                }
                long id = insert(c, j, group, now, group < 0 ? reservedId : 0);
                if (group < 0) {
                  group = id;
                  try (PreparedStatement ps =
                      c.prepareStatement("UPDATE jobs SET group_id=? WHERE id=?")) {
                    ps.setLong(1, id);
                    ps.setLong(2, id);
                    ps.executeUpdate();
                  }
                }
                out.add(id);
              }
              return out;
            });
    pruneMessageGuards(now, duplicateWindow);
    List<FaxJob> out = new ArrayList<>();
    for (long id : ids) {
      out.add(find(id).orElseThrow());
    }
    return out;
  }

  /** At most once per {@link ClusterRows#PRUNE_EVERY}, in a transaction of its own. */
  private void pruneMessageGuards(Instant now, Duration duplicateWindow) {
    long last = guardsPrunedAt;
    if (last != 0 && now.toEpochMilli() - last < ClusterRows.PRUNE_EVERY.toMillis()) {
      return;
    }
    guardsPrunedAt = now.toEpochMilli();
    tx(
        "cannot prune Message-ID guards",
        c -> ClusterRows.pruneMessageGuards(c, now.minus(duplicateWindow)));
  }

  private static boolean isDuplicate(Connection c, String messageId, String number, long since)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM jobs WHERE message_id=? AND number=? AND submitted>=? LIMIT 1")) {
      ps.setString(1, messageId);
      ps.setString(2, number);
      ps.setLong(3, since);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static long insert(Connection c, NewJob j, long group, Instant now, long reservedId)
      throws SQLException {
    long id;
    try (PreparedStatement ps =
        c.prepareStatement(
            (reservedId > 0 ? JobRows.INSERT_WITH_ID : JobRows.INSERT) + " RETURNING id")) {
      JobRows.bindNew(ps, j, group, now);
      if (reservedId > 0) {
        ps.setLong(19, reservedId);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        id = rs.getLong(1);
      }
    }
    JobRows.insertDocuments(c, id, j.documents());
    return id;
  }

  /** Takes the next value of the id column's sequence (never handed out twice, not rolled back). */
  @Override
  public long reserveId() {
    return tx(
        "cannot reserve a job id",
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery("SELECT nextval(pg_get_serial_sequence('jobs', 'id'))")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Override
  public boolean alter(FaxJob job, JobState expected) {
    return tx(
        "cannot alter job " + job.id(),
        c -> {
          try (PreparedStatement ps = c.prepareStatement(JobRows.ALTER)) {
            JobRows.bindAlter(ps, job, expected);
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public Optional<FaxJob> find(long id) {
    return tx(
        "cannot read job " + id,
        c ->
            JobRows.query(c, "SELECT " + JobRows.COLUMNS + " FROM jobs WHERE id=?", id).stream()
                .findFirst());
  }

  @Override
  public List<FaxJob> group(long groupId) {
    return tx(
        "cannot read group " + groupId,
        c ->
            JobRows.query(
                c,
                "SELECT " + JobRows.COLUMNS + " FROM jobs WHERE group_id=? ORDER BY id",
                groupId));
  }

  @Override
  public List<FaxJob> list(Set<JobState> states) {
    if (states.isEmpty()) {
      return List.of();
    }
    String in = states.stream().map(s -> "'" + s.label() + "'").collect(Collectors.joining(","));
    return tx(
        "cannot list jobs",
        c ->
            JobRows.query(
                c,
                "SELECT "
                    + JobRows.COLUMNS
                    + " FROM jobs WHERE state IN ("
                    + in
                    + ") ORDER BY id"));
  }

  @Override
  public boolean update(FaxJob job, JobState expected) {
    return tx(
        "cannot update job " + job.id(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE jobs SET state=?, status=?, pages=?, tiff=?, dials=?, tries=?, tts=?"
                      + " WHERE id=? AND state=?")) {
            ps.setString(1, job.state().label());
            ps.setString(2, job.status());
            ps.setInt(3, job.pages());
            ps.setString(4, job.tiff());
            ps.setInt(5, job.dials());
            ps.setInt(6, job.tries());
            JobRows.setInstant(ps, 7, job.timeToSend());
            ps.setLong(8, job.id());
            ps.setString(9, expected.label());
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public Optional<FaxJob> delete(long id) {
    return tx(
        "cannot delete job " + id,
        c -> {
          List<FaxJob> l =
              JobRows.query(
                  c, "SELECT " + JobRows.COLUMNS + " FROM jobs WHERE id=? FOR UPDATE", id);
          if (l.isEmpty()) {
            return Optional.empty();
          }
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM jobs WHERE id=?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
          }
          return Optional.of(l.get(0));
        });
  }

  @Override
  public Set<String> spoolFolders() {
    return tx(
        "cannot list spool folders",
        c -> {
          Set<String> out = new HashSet<>();
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT DISTINCT spool_dir FROM jobs")) {
            while (rs.next()) {
              out.add(rs.getString(1));
            }
          }
          return out;
        });
  }

  @Override
  public boolean isReferenced(String spoolPath, long exceptJobId) {
    return tx(
        "cannot query spool references",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT 1 FROM jobs WHERE id<>? AND (spool_dir=? OR tiff=?) UNION ALL"
                      + " SELECT 1 FROM documents WHERE job_id<>? AND path=? LIMIT 1")) {
            ps.setLong(1, exceptJobId);
            ps.setString(2, spoolPath);
            ps.setString(3, spoolPath);
            ps.setLong(4, exceptJobId);
            ps.setString(5, spoolPath);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next();
            }
          }
        });
  }

  /** The SQL for "now" in milliseconds: a parameter, or the database's clock. */
  private String now() {
    return databaseClock ? DB_NOW : "?";
  }

  @Override
  public Optional<JobLease> claim(long id, String owner, Instant now, Duration ttl) {
    return tx(
        "cannot claim job " + id,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE jobs SET state='active', lease_owner=?, lease_expires="
                      + now()
                      + "+?, lease_token=lease_token+1 WHERE id=(SELECT id FROM jobs WHERE id=?"
                      + " AND state='ready' FOR UPDATE SKIP LOCKED) AND state='ready'"
                      + " RETURNING lease_token, lease_expires")) {
            int i = 1;
            ps.setString(i++, owner);
            if (!databaseClock) {
              ps.setLong(i++, now.toEpochMilli());
            }
            ps.setLong(i++, ttl.toMillis());
            ps.setLong(i, id);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new JobLease(id, owner, rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2))))
                  : Optional.<JobLease>empty();
            }
          }
        });
  }

  @Override
  public Optional<JobLease> renew(JobLease lease, Instant now, Duration ttl) {
    return tx(
        "cannot renew the lease of job " + lease.jobId(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE jobs SET lease_expires="
                      + now()
                      + "+? WHERE id=? AND state='active' AND lease_token=? AND lease_owner=?"
                      + " AND lease_expires>"
                      + now()
                      + " RETURNING lease_expires")) {
            int i = 1;
            if (!databaseClock) {
              ps.setLong(i++, now.toEpochMilli());
            }
            ps.setLong(i++, ttl.toMillis());
            ps.setLong(i++, lease.jobId());
            ps.setLong(i++, lease.token());
            ps.setString(i++, lease.owner());
            if (!databaseClock) {
              ps.setLong(i, now.toEpochMilli());
            }
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new JobLease(
                          lease.jobId(),
                          lease.owner(),
                          lease.token(),
                          Instant.ofEpochMilli(rs.getLong(1))))
                  : Optional.<JobLease>empty();
            }
          }
        });
  }

  @Override
  public boolean checkpoint(JobLease lease, FaxJob job) {
    return fencedWrite(lease, job, false);
  }

  @Override
  public boolean release(JobLease lease, FaxJob next) {
    return fencedWrite(lease, next, true);
  }

  private boolean fencedWrite(JobLease lease, FaxJob job, boolean release) {
    return tx(
        "cannot write job " + lease.jobId() + " under its lease",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(JobRows.fencedUpdate(release))) {
            JobRows.bindFenced(ps, lease, job, release);
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public List<FaxJob> requeueExpired(Instant now, String restartedOwner, String status) {
    return tx(
        "cannot requeue lapsed jobs",
        c -> {
          List<Long> ids = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE jobs SET state='ready', status=replace(?, ?, COALESCE(lease_owner, '')),"
                      + " lease_owner=NULL, lease_expires=NULL"
                      + " WHERE id IN (SELECT id FROM jobs WHERE state='active' AND"
                      + " (lease_expires IS NULL OR lease_expires<="
                      + now()
                      + " OR lease_owner=?) FOR UPDATE SKIP LOCKED) RETURNING id")) {
            int i = 1;
            ps.setString(i++, status);
            ps.setString(i++, LEASE_OWNER);
            if (!databaseClock) {
              ps.setLong(i++, now.toEpochMilli());
            }
            ps.setString(i, restartedOwner == null ? "" : restartedOwner);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getLong(1));
              }
            }
          }
          if (ids.isEmpty()) {
            return List.<FaxJob>of();
          }
          String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
          return JobRows.query(
              c, "SELECT " + JobRows.COLUMNS + " FROM jobs WHERE id IN (" + in + ") ORDER BY id");
        });
  }

  @Override
  public Optional<JobLease> lease(long id) {
    return tx(
        "cannot read the lease of job " + id,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT lease_owner, lease_token, lease_expires FROM jobs WHERE id=? AND"
                      + " state='active' AND lease_owner IS NOT NULL")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new JobLease(
                          id, rs.getString(1), rs.getLong(2), Instant.ofEpochMilli(rs.getLong(3))))
                  : Optional.<JobLease>empty();
            }
          }
        });
  }

  @Override
  public DestinationInfo destination(String number) {
    return tx(
        "cannot read destination " + number,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT rate_cap, trouble_rate, trouble_count FROM destinations WHERE number=?")) {
            ps.setString(1, number);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? new DestinationInfo(number, rs.getInt(1), rs.getInt(2), rs.getInt(3))
                  : DestinationInfo.unknown(number);
            }
          }
        });
  }

  @Override
  public void saveDestination(DestinationInfo info) {
    tx(
        "cannot store destination " + info.number(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO destinations(number, rate_cap, trouble_rate, trouble_count)"
                      + " VALUES (?,?,?,?) ON CONFLICT(number) DO UPDATE SET"
                      + " rate_cap=excluded.rate_cap, trouble_rate=excluded.trouble_rate,"
                      + " trouble_count=excluded.trouble_count")) {
            ps.setString(1, info.number());
            ps.setInt(2, info.rateCap());
            ps.setInt(3, info.troubleRate());
            ps.setInt(4, info.troubleCount());
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public Optional<JobLease> claimWithinLimits(
      long id, String owner, String peer, int peerLines, Instant now, Duration ttl) {
    return tx(
        "cannot claim job " + id,
        c -> {
          // Claims of one number, and of one peer's lines, take their turn across nodes: the
          // counts below are read after the other claim committed (READ COMMITTED: each
          // statement sees what was committed before it started). Numbers first, then peers.
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT pg_advisory_xact_lock(1, hashtext(number)) FROM jobs WHERE id=?")) {
            ps.setLong(1, id);
            ps.executeQuery().close();
          }
          try (PreparedStatement ps =
              c.prepareStatement("SELECT pg_advisory_xact_lock(2, hashtext(?))")) {
            ps.setString(1, peer);
            ps.executeQuery().close();
          }
          try (PreparedStatement ps = c.prepareStatement(ClusterRows.claimWithinLimits(now()))) {
            ClusterRows.bindClaim(
                ps, id, owner, peer, peerLines, databaseClock ? null : now.toEpochMilli(), ttl);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new JobLease(id, owner, rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2))))
                  : Optional.<JobLease>empty();
            }
          }
        });
  }

  /** The spool files in this database ({@code spool_files}), read by every node. */
  @Override
  public SharedFiles sharedFiles() {
    return sharedFiles;
  }

  @Override
  public Optional<JobLease> claimRender(long id, String owner, Instant now, Duration ttl) {
    return tx(
        "cannot claim job " + id + " for rendering",
        c -> {
          // the row is locked (SKIP LOCKED: a claimer never waits for another, one of them wins)
          try (PreparedStatement ps =
              c.prepareStatement(
                  RenderLeaseRows.claim(
                      now(),
                      "id=(SELECT id FROM jobs WHERE id=? AND state='rendering'"
                          + " FOR UPDATE SKIP LOCKED)"))) {
            RenderLeaseRows.bindClaim(
                ps, id, owner, databaseClock ? null : now.toEpochMilli(), ttl);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new JobLease(id, owner, rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2))))
                  : Optional.<JobLease>empty();
            }
          }
        });
  }

  @Override
  public Optional<JobLease> renewRender(JobLease lease, Instant now, Duration ttl) {
    return tx(
        "cannot renew the render lease of job " + lease.jobId(),
        c -> {
          try (PreparedStatement ps = c.prepareStatement(RenderLeaseRows.renew(now()))) {
            RenderLeaseRows.bindRenew(ps, lease, databaseClock ? null : now.toEpochMilli(), ttl);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new JobLease(
                          lease.jobId(),
                          lease.owner(),
                          lease.token(),
                          Instant.ofEpochMilli(rs.getLong(1))))
                  : Optional.<JobLease>empty();
            }
          }
        });
  }

  @Override
  public boolean writeRendered(JobLease lease, FaxJob job) {
    return tx(
        "cannot write job " + lease.jobId() + " under its render lease",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(RenderLeaseRows.WRITE)) {
            RenderLeaseRows.bindWrite(ps, lease, job);
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public List<Long> unclaimedRenders(Instant now, int max) {
    return tx(
        "cannot list jobs to render",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(RenderLeaseRows.unclaimed(now(), " FOR UPDATE SKIP LOCKED"))) {
            int i = 1;
            if (!databaseClock) {
              ps.setLong(i++, now.toEpochMilli());
            }
            ps.setInt(i, max);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getLong(1));
              }
            }
            return ids;
          }
        });
  }

  @Override
  public List<Long> nextCommIds(int count) {
    return tx(
        "cannot allocate CommIDs",
        c -> {
          // one round trip; each nextval is atomic across nodes
          try (PreparedStatement ps =
              c.prepareStatement("SELECT nextval('comm_ids') FROM generate_series(1, ?)")) {
            ps.setInt(1, count);
            List<Long> ids = new ArrayList<>(count);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getLong(1));
              }
            }
            return ids;
          }
        });
  }

  @Override
  public boolean sharesCommIds() {
    return true;
  }

  @Override
  public long nextCommId() {
    return tx(
        "cannot allocate a CommID",
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT nextval('comm_ids')")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Override
  public void close() {
    pool.close();
  }
}
