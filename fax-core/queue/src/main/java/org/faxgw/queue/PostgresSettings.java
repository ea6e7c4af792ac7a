package org.faxgw.queue;

import java.util.Objects;

/**
 * How to reach the PostgreSQL job database.
 *
 * @param jdbcUrl e.g. {@code jdbc:postgresql://db.example:5432/faxgw}
 * @param user the database user
 * @param password its password (from a secret, never logged)
 * @param poolSize the most connections this node holds (HikariCP {@code maximumPoolSize})
 * @param leaseClock whose clock dates leases
 */
public record PostgresSettings(
    String jdbcUrl, String user, String password, int poolSize, LeaseClock leaseClock) {

  /** Whose clock decides when a lease lapses. */
  public enum LeaseClock {
    /**
     * The database server's ({@code clock_timestamp()}): one clock for every node, so a node whose
     * clock is off cannot steal or keep a lease. The {@code now} given to the lease methods is
     * ignored.
     */
    DATABASE,
    /** The {@code now} the caller passes (one node, or tests with virtual time). */
    CALLER
  }

  public PostgresSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(leaseClock, "leaseClock");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1: " + poolSize);
    }
  }

  @Override
  public String toString() {
    return "PostgresSettings[" + jdbcUrl + ", user=" + user + ", poolSize=" + poolSize + "]";
  }
}
