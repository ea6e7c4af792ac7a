package org.faxgw.gateway.config;

import java.time.Duration;

/**
 * The {@code admin:} section: the HTTP server of the REST API ({@code /api/v1}), the web console,
 * {@code /metrics} and the loopback-only command API ({@code /v1}) that faxstat, sendfax and faxrm
 * talk to.
 *
 * @param listen address to listen on (default {@code 127.0.0.1:4580}); loopback unless TLS is on
 * @param tls the PEM key and certificate: when both are set the server speaks HTTPS only
 * @param sessionTimeout a console session ends after this long without a request (default {@code
 *     8h})
 * @param maxLoginFailures failed logins from one address after which it must wait (default 20)
 * @param loginLockout how long it waits, counted from its last failure (default {@code 15m})
 * @param threads most HTTP worker threads (default 16)
 */
public record AdminConfig(
    HostPort listen,
    TlsFiles tls,
    Duration sessionTimeout,
    Integer maxLoginFailures,
    Duration loginLockout,
    Integer threads) {
  public AdminConfig {
    listen = listen == null ? new HostPort("127.0.0.1", 4580) : listen;
    tls = tls == null ? TlsFiles.NONE : tls;
    sessionTimeout = sessionTimeout == null ? Duration.ofHours(8) : sessionTimeout;
    maxLoginFailures = maxLoginFailures == null ? 20 : maxLoginFailures;
    loginLockout = loginLockout == null ? Duration.ofMinutes(15) : loginLockout;
    threads = threads == null ? 16 : threads;
    if (maxLoginFailures < 1) {
      throw new IllegalArgumentException("admin.maxLoginFailures must be >= 1");
    }
    if (threads < 4 || threads > 1000) {
      throw new IllegalArgumentException("admin.threads must be 4..1000");
    }
    if (sessionTimeout.isNegative() || sessionTimeout.isZero()) {
      throw new IllegalArgumentException("admin.sessionTimeout must be positive");
    }
  }

  public static AdminConfig defaults() {
    return new AdminConfig(null, null, null, null, null, null);
  }

  /**
   * {@code admin.tls}: PEM files.
   *
   * @param key the private key, PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}, as {@code openssl req
   *     -newkey ... -nodes} writes it)
   * @param certificate the certificate chain, server certificate first
   */
  public record TlsFiles(String key, String certificate) {
    public static final TlsFiles NONE = new TlsFiles(null, null);

    public TlsFiles {
      key = key == null || key.isBlank() ? null : key;
      certificate = certificate == null || certificate.isBlank() ? null : certificate;
      if ((key == null) != (certificate == null)) {
        throw new IllegalArgumentException("admin.tls needs both key and certificate");
      }
    }

    public boolean enabled() {
      return key != null;
    }
  }
}
