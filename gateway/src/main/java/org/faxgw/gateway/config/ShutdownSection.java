package org.faxgw.gateway.config;

import java.time.Duration;

/**
 * The {@code shutdown:} section.
 *
 * @param drainTimeout on SIGTERM, how long calls in progress may take to finish before the process
 *     stops anyway (default {@code 5m}: a long fax); new mail gets 421 and new calls are rejected
 *     meanwhile
 */
public record ShutdownSection(Duration drainTimeout) {
  public ShutdownSection {
    drainTimeout = drainTimeout == null ? Duration.ofMinutes(5) : drainTimeout;
    if (drainTimeout.isNegative()) {
      throw new IllegalArgumentException("shutdown.drainTimeout cannot be negative");
    }
  }

  public static ShutdownSection defaults() {
    return new ShutdownSection(null);
  }
}
