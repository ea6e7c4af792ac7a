package org.faxgw.queue;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The mail outbox in PostgreSQL (table {@code outbox}, migration {@code V5__outbox.sql}), shared by
 * every node of a cluster. {@link #add} commits before it returns. Delivery is under leases: {@link
 * #claimNext} locks one message with {@code FOR UPDATE SKIP LOCKED} (a claimer never waits for
 * another), gives it to this node until {@code now + leaseTime} (the database's clock with {@code
 * databaseClock}) and increments its fencing token; {@link #remove} and {@link #retryLater} name
 * the token in their {@code WHERE}, so a node whose lease lapsed and was claimed by another cannot
 * remove or rewrite the message. Every method is one transaction ({@link PgTransactions}).
 */
public final class PostgresOutboxStore {
  private static final String COLUMNS =
      "id, envelope_from, recipients, bounce, created, attempts, next_due, last_error";

  /** One stored message's state. */
  public record Row(
      long id,
      String envelopeFrom,
      List<String> recipients,
      boolean bounce,
      Instant created,
      int attempts,
      Instant next,
      String lastError) {
    public Row {
      recipients = List.copyOf(recipients);
    }
  }

  /**
   * A message claimed by this node.
   *
   * @param lapsedOwner the node whose lease on the message lapsed before it finished, or null
   */
  public record Lease(
      Row row, byte[] message, String owner, long token, Instant expiresAt, String lapsedOwner) {}

  private final PgTransactions tx;
  private final boolean databaseClock;
  private final String owner;
  private final Duration leaseTime;

  /**
   * @param tx the transactions of the job store's pool ({@link PostgresJobStore#transactions()})
   * @param databaseClock lease expiry by the database's clock ({@link
   *     PostgresJobStore#databaseClock()}); else by the {@code now} callers pass
   * @param owner this node's name, written as the lease owner
   * @param leaseTime how long a claim holds a message
   */
  public PostgresOutboxStore(
      PgTransactions tx, boolean databaseClock, String owner, Duration leaseTime) {
    this.tx = Objects.requireNonNull(tx);
    this.databaseClock = databaseClock;
    this.owner = Objects.requireNonNull(owner);
    this.leaseTime = Objects.requireNonNull(leaseTime);
    if (leaseTime.isNegative() || leaseTime.isZero()) {
      throw new IllegalArgumentException("the outbox lease time must be positive: " + leaseTime);
    }
  }

  /** This node's name as a lease owner. */
  public String owner() {
    return owner;
  }

  /** Stores a message, due at {@code now}, in one committed transaction; returns its id. */
  public long add(
      byte[] message, String envelopeFrom, List<String> recipients, boolean bounce, Instant now) {
    return tx.tx(
        "cannot store a mail in the outbox",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO outbox(message, envelope_from, recipients, bounce, created,"
                      + " next_due) VALUES (?,?,?,?,?,?) RETURNING id")) {
            ps.setBytes(1, message);
            ps.setString(2, envelopeFrom);
            ps.setArray(3, c.createArrayOf("text", recipients.toArray()));
            ps.setBoolean(4, bounce);
            ps.setLong(5, now.toEpochMilli());
            ps.setLong(6, now.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  /** Every stored message (leased or not), oldest first. */
  public List<Row> list() {
    return tx.tx(
        "cannot list the outbox",
        c -> {
          List<Row> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT " + COLUMNS + " FROM outbox ORDER BY id");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(row(rs));
            }
          }
          return out;
        });
  }

  /**
   * Claims the oldest message that is due at {@code now} (any, with {@code all}), not held under an
   * unexpired lease and not in {@code skip}.
   */
  public Optional<Lease> claimNext(Instant now, boolean all, Collection<Long> skip) {
    String dbNow = databaseClock ? PgTransactions.DB_NOW : "?";
    String sql =
        "WITH c AS (SELECT id, lease_owner AS lapsed FROM outbox WHERE (lease_expires IS NULL OR"
            + " lease_expires<="
            + dbNow
            + ") AND (? OR next_due<=?) AND NOT (id = ANY(?)) ORDER BY id LIMIT 1"
            + " FOR UPDATE SKIP LOCKED)"
            + " UPDATE outbox o SET lease_owner=?, lease_expires="
            + dbNow
            + "+?, lease_token=o.lease_token+1 FROM c WHERE o.id=c.id RETURNING o.id,"
            + " o.envelope_from, o.recipients, o.bounce, o.created, o.attempts, o.next_due,"
            + " o.last_error, o.message, o.lease_token, o.lease_expires, c.lapsed";
    return tx.tx(
        "cannot claim a mail of the outbox",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (!databaseClock) {
              ps.setLong(i++, now.toEpochMilli());
            }
            ps.setBoolean(i++, all);
            ps.setLong(i++, now.toEpochMilli());
            ps.setArray(i++, c.createArrayOf("bigint", skip.toArray()));
            ps.setString(i++, owner);
            if (!databaseClock) {
              ps.setLong(i++, now.toEpochMilli());
            }
            ps.setLong(i, leaseTime.toMillis());
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.<Lease>empty();
              }
              return Optional.of(
                  new Lease(
                      row(rs),
                      rs.getBytes(9),
                      owner,
                      rs.getLong(10),
                      Instant.ofEpochMilli(rs.getLong(11)),
                      rs.getString(12)));
            }
          }
        });
  }

  /** Removes a message under this node's lease; false when the lease is no longer current. */
  public boolean remove(long id, long token) {
    return tx.tx(
        "cannot remove mail " + id + " from the outbox",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM outbox WHERE id=? AND lease_token=? AND lease_owner=?")) {
            ps.setLong(1, id);
            ps.setLong(2, token);
            ps.setString(3, owner);
            return ps.executeUpdate() == 1;
          }
        });
  }

  /**
   * Writes a message's retry state and gives its lease up; false when the lease is no longer
   * current.
   */
  public boolean retryLater(
      long id, long token, List<String> recipients, int attempts, Instant next, String error) {
    return tx.tx(
        "cannot write the retry state of mail " + id,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE outbox SET recipients=?, attempts=?, next_due=?, last_error=?,"
                      + " lease_owner=NULL, lease_expires=NULL WHERE id=? AND lease_token=? AND"
                      + " lease_owner=?")) {
            ps.setArray(1, c.createArrayOf("text", recipients.toArray()));
            ps.setInt(2, attempts);
            ps.setLong(3, next.toEpochMilli());
            ps.setString(4, error == null ? "" : error);
            ps.setLong(5, id);
            ps.setLong(6, token);
            ps.setString(7, owner);
            return ps.executeUpdate() == 1;
          }
        });
  }

  /** Keeps a copy of a message that could not be delivered even to FaxMaster. */
  public void keepDead(Lease l, List<String> failed, String reason, Instant now) {
    tx.tx(
        "cannot keep dead mail " + l.row().id(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO outbox_dead(id, message, envelope_from, recipients, reason,"
                      + " created, buried) VALUES (?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET"
                      + " recipients=EXCLUDED.recipients, reason=EXCLUDED.reason,"
                      + " buried=EXCLUDED.buried")) {
            ps.setLong(1, l.row().id());
            ps.setBytes(2, l.message());
            ps.setString(3, l.row().envelopeFrom());
            ps.setArray(4, c.createArrayOf("text", failed.toArray()));
            ps.setString(5, reason == null ? "" : reason);
            ps.setLong(6, l.row().created().toEpochMilli());
            ps.setLong(7, now.toEpochMilli());
            ps.executeUpdate();
            return null;
          }
        });
  }

  /** The ids of the messages kept as dead, oldest first. */
  public List<Long> dead() {
    return tx.tx(
        "cannot list the dead mails",
        c -> {
          List<Long> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement("SELECT id FROM outbox_dead ORDER BY id");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(rs.getLong(1));
            }
          }
          return out;
        });
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(
        rs.getLong(1),
        rs.getString(2),
        strings(rs.getArray(3)),
        rs.getBoolean(4),
        Instant.ofEpochMilli(rs.getLong(5)),
        rs.getInt(6),
        Instant.ofEpochMilli(rs.getLong(7)),
        rs.getString(8));
  }

  private static List<String> strings(Array a) throws SQLException {
    Object[] v = (Object[]) a.getArray();
    return Arrays.stream(v).map(String::valueOf).toList();
  }
}
