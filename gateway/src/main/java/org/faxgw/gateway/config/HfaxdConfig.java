package org.faxgw.gateway.config;

import java.time.Duration;

/**
 * The {@code hfaxd:} section: the HylaFAX client protocol (hfaxd's port 4559) for sendfax, faxstat,
 * faxrm, faxalter and the desktop clients. Off unless {@code listen} is set: a HylaFAX server on
 * the same machine usually holds port 4559 already.
 *
 * @param listen address to listen on, e.g. {@code 127.0.0.1:4559} (default none: off)
 * @param idleTimeout idle time before a connection is closed (default {@code 900s}, hfaxd's)
 * @param maxIdleTimeout the largest value IDLE may set (default {@code 7200s})
 * @param dataTimeout longest wait for a data connection or its next bytes (default {@code 60s})
 * @param maxUpload largest file one STOR/STOT may upload (default {@code 25MiB})
 * @param maxConnections most connections at once (default {@code 50})
 * @param maxLoginFailures failed logins after which a client address must wait (default 5)
 * @param loginLockout how long it waits (default {@code 60s})
 * @param recvqVisibleTo who lists and fetches received faxes (recvq) and their session logs: {@code
 *     admin} (default: only users with the admin role) or {@code all} (every logged-in user, as a
 *     HylaFAX recvq readable by all)
 */
public record HfaxdConfig(
    HostPort listen,
    Duration idleTimeout,
    Duration maxIdleTimeout,
    Duration dataTimeout,
    DataSize maxUpload,
    Integer maxConnections,
    Integer maxLoginFailures,
    Duration loginLockout,
    String recvqVisibleTo) {
  public HfaxdConfig {
    idleTimeout = idleTimeout == null ? Duration.ofSeconds(900) : idleTimeout;
    maxIdleTimeout = maxIdleTimeout == null ? Duration.ofSeconds(7200) : maxIdleTimeout;
    dataTimeout = dataTimeout == null ? Duration.ofSeconds(60) : dataTimeout;
    maxUpload = maxUpload == null ? DataSize.parse("25MiB") : maxUpload;
    maxConnections = maxConnections == null ? 50 : maxConnections;
    maxLoginFailures = maxLoginFailures == null ? 5 : maxLoginFailures;
    loginLockout = loginLockout == null ? Duration.ofSeconds(60) : loginLockout;
    recvqVisibleTo = recvqVisibleTo == null ? "admin" : recvqVisibleTo;
    if (!recvqVisibleTo.equals("admin") && !recvqVisibleTo.equals("all")) {
      throw new IllegalArgumentException("hfaxd.recvqVisibleTo must be admin or all");
    }
    if (maxConnections < 1 || maxLoginFailures < 1) {
      throw new IllegalArgumentException("hfaxd.maxConnections and maxLoginFailures must be >= 1");
    }
  }

  public static HfaxdConfig defaults() {
    return new HfaxdConfig(null, null, null, null, null, null, null, null, null);
  }
}
