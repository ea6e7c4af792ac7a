package org.faxgw.gateway.config;

import java.time.Duration;
import org.faxgw.mail.RelayConfig;

/**
 * {@code egress.relay}: the SMTP relay that outgoing mail goes through.
 *
 * @param host relay host (required)
 * @param port default 25
 * @param starttls required, optional (default) or off
 * @param username SMTP AUTH user; none by default
 * @param passwordEnv environment variable holding the AUTH password
 * @param passwordFile file holding the AUTH password (first line)
 * @param connectTimeout default 30s
 * @param readTimeout default 60s; a relay that stops answering is a temporary failure after it
 */
public record RelaySection(
    String host,
    Integer port,
    String starttls,
    String username,
    String passwordEnv,
    String passwordFile,
    Duration connectTimeout,
    Duration readTimeout) {

  public RelaySection {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("egress.relay.host is required");
    }
    port = port == null ? 25 : port;
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("egress.relay.port must be 1-65535: " + port);
    }
    starttls = starttls == null ? "optional" : starttls;
    try {
      RelayConfig.StartTls.parse(starttls);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "egress.relay.starttls must be required, optional or off: " + starttls);
    }
    if (username != null && passwordEnv == null && passwordFile == null) {
      throw new IllegalArgumentException("egress.relay.username needs passwordEnv or passwordFile");
    }
    if (passwordEnv != null && passwordFile != null) {
      throw new IllegalArgumentException(
          "egress.relay: give passwordEnv or passwordFile, not both");
    }
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(30) : connectTimeout;
    readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
    if (connectTimeout.isZero()
        || connectTimeout.isNegative()
        || readTimeout.isZero()
        || readTimeout.isNegative()) {
      throw new IllegalArgumentException("egress.relay timeouts must be positive");
    }
  }

  public RelayConfig toConfig() {
    return new RelayConfig(
        host,
        port,
        RelayConfig.StartTls.parse(starttls),
        username,
        passwordEnv,
        passwordFile,
        connectTimeout,
        readTimeout);
  }
}
