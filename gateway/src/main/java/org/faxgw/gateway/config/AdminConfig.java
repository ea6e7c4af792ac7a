package org.faxgw.gateway.config;

/**
 * The {@code admin:} section: the HTTP admin API that faxstat, sendfax and faxrm talk to.
 *
 * @param listen address to listen on (default {@code 127.0.0.1:4580}); keep it on loopback
 */
public record AdminConfig(HostPort listen) {
  public AdminConfig {
    listen = listen == null ? new HostPort("127.0.0.1", 4580) : listen;
  }

  public static AdminConfig defaults() {
    return new AdminConfig(null);
  }
}
