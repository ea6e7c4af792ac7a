package org.faxgw.queue;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One unit of work in one PostgreSQL transaction on a pooled connection of its own (the pool runs
 * with auto-commit off): committed when the work returns, rolled back when it throws. A SQL failure
 * comes out as a {@link JobStoreException} that starts with {@code what}. Every PostgreSQL store of
 * this module (jobs, shared files, the outbox, the cluster directory) works through this.
 */
public final class PgTransactions {
  /** The database server's clock as epoch milliseconds, for lease expiry in SQL. */
  public static final String DB_NOW = "(extract(epoch from clock_timestamp())*1000)::bigint";

  /** One unit of work. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final DataSource pool;

  public PgTransactions(DataSource pool) {
    this.pool = pool;
  }

  /** Runs {@code work} in one transaction. */
  public <T> T tx(String what, Work<T> work) {
    try (Connection c = pool.getConnection()) {
      try {
        T r = work.run(c);
        c.commit();
        return r;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException ignored) {
          // the original failure is what matters
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new JobStoreException(what + ": " + e.getMessage(), e);
    }
  }
}
