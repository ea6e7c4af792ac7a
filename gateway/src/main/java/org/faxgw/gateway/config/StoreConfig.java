package org.faxgw.gateway.config;

import java.util.Locale;

/**
 * The {@code store:} section: where jobs live.
 *
 * @param type {@code sqlite} (default: one file, {@code faxgw.db} under dataDir, for one node) or
 *     {@code postgresql} (one database shared by several gateway nodes)
 * @param postgresql how to reach PostgreSQL; required with {@code type: postgresql}, refused
 *     otherwise
 */
public record StoreConfig(String type, PostgresqlSection postgresql) {
  /** The embedded store. */
  public static final String SQLITE = "sqlite";

  /** The shared store. */
  public static final String POSTGRESQL = "postgresql";

  public StoreConfig {
    type = type == null ? SQLITE : type.toLowerCase(Locale.ROOT);
    if (!type.equals(SQLITE) && !type.equals(POSTGRESQL)) {
      throw new IllegalArgumentException(
          "store.type must be sqlite or postgresql, not '" + type + "'");
    }
    if (type.equals(POSTGRESQL) && postgresql == null) {
      throw new IllegalArgumentException(
          "store.type postgresql needs a store.postgresql section (url, user, password)");
    }
    if (type.equals(SQLITE) && postgresql != null) {
      throw new IllegalArgumentException(
          "store.postgresql is set but store.type is sqlite: set type: postgresql or remove it");
    }
  }

  public static StoreConfig defaults() {
    return new StoreConfig(null, null);
  }

  /** True for {@code type: postgresql}. */
  public boolean isPostgresql() {
    return type.equals(POSTGRESQL);
  }

  /**
   * {@code store.postgresql}.
   *
   * @param url the JDBC URL, {@code jdbc:postgresql://host:port/database}
   * @param user the database user
   * @param password its password; write {@code ${NAME}} to take it from the environment
   * @param poolSize most connections this node holds (default 10)
   * @param leaseClock whose clock dates job leases: {@code database} (default: one clock for all
   *     nodes) or {@code node}
   */
  public record PostgresqlSection(
      String url, String user, String password, Integer poolSize, String leaseClock) {
    public PostgresqlSection {
      if (url == null || !url.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException(
            "store.postgresql.url must be a JDBC URL jdbc:postgresql://host:port/database");
      }
      if (user == null || user.isBlank()) {
        throw new IllegalArgumentException("store.postgresql.user is required");
      }
      if (password == null) {
        throw new IllegalArgumentException(
            "store.postgresql.password is required (write ${NAME} to read it from the"
                + " environment)");
      }
      poolSize = poolSize == null ? 10 : poolSize;
      if (poolSize < 1 || poolSize > 1000) {
        throw new IllegalArgumentException("store.postgresql.poolSize must be 1..1000");
      }
      leaseClock = leaseClock == null ? "database" : leaseClock.toLowerCase(Locale.ROOT);
      if (!leaseClock.equals("database") && !leaseClock.equals("node")) {
        throw new IllegalArgumentException(
            "store.postgresql.leaseClock must be database or node, not '" + leaseClock + "'");
      }
    }

    /** The job store's connection settings. */
    public org.faxgw.queue.PostgresSettings settings() {
      return new org.faxgw.queue.PostgresSettings(
          url,
          user,
          password,
          poolSize,
          "node".equals(leaseClock)
              ? org.faxgw.queue.PostgresSettings.LeaseClock.CALLER
              : org.faxgw.queue.PostgresSettings.LeaseClock.DATABASE);
    }

    @Override
    public String toString() {
      return "PostgresqlSection[url=" + url + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
  }
}
