package org.faxgw.queue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * SQLite schema version 2: the lease columns (owner, expiry, fencing token), the progress and facts
 * of the last call, and the destinations table. Written in Java because a data folder from before
 * migrations may already hold some of these columns (SQLite has no {@code ADD COLUMN IF NOT
 * EXISTS}): each is added only when missing.
 */
final class SqliteLeaseColumns implements JavaMigration {
  private static final String[][] ADDED_JOB_COLUMNS = {
    {"lease_owner", "TEXT"},
    {"lease_expires", "INTEGER"},
    {"lease_token", "INTEGER NOT NULL DEFAULT 0"},
    {"pages_sent", "INTEGER NOT NULL DEFAULT 0"},
    {"signal_rate", "INTEGER NOT NULL DEFAULT 0"},
    {"data_format", "TEXT NOT NULL DEFAULT ''"},
    {"ecm", "INTEGER NOT NULL DEFAULT 0"},
    {"remote_csi", "TEXT NOT NULL DEFAULT ''"},
    {"duration_ms", "INTEGER NOT NULL DEFAULT 0"},
    {"comm_id", "TEXT NOT NULL DEFAULT ''"},
    {"reason", "TEXT NOT NULL DEFAULT ''"},
  };

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("2");
  }

  @Override
  public String getDescription() {
    return "leases and progress";
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    try (Statement s = context.getConnection().createStatement()) {
      Set<String> have = new HashSet<>();
      try (ResultSet rs = s.executeQuery("PRAGMA table_info(jobs)")) {
        while (rs.next()) {
          have.add(rs.getString("name"));
        }
      }
      for (String[] col : ADDED_JOB_COLUMNS) {
        if (!have.contains(col[0])) {
          s.execute("ALTER TABLE jobs ADD COLUMN " + col[0] + " " + col[1]);
        }
      }
      s.execute(
          "CREATE TABLE IF NOT EXISTS destinations(number TEXT PRIMARY KEY,"
              + " rate_cap INTEGER NOT NULL, trouble_rate INTEGER NOT NULL,"
              + " trouble_count INTEGER NOT NULL)");
    }
  }
}
