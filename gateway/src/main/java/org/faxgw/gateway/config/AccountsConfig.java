package org.faxgw.gateway.config;

import java.nio.file.Path;

/**
 * The {@code accounts:} section: the one accounts store used by SMTP AUTH and the HylaFAX client
 * protocol, managed with {@code faxgw user}.
 *
 * @param file the accounts file (default {@code users.yaml} in the data folder); relative paths are
 *     resolved against the working directory
 */
public record AccountsConfig(String file) {
  public static AccountsConfig defaults() {
    return new AccountsConfig(null);
  }

  /** The file as an absolute path. */
  public Path path(Path dataDir) {
    return file == null
        ? dataDir.resolve("users.yaml")
        : Path.of(file).toAbsolutePath().normalize();
  }
}
