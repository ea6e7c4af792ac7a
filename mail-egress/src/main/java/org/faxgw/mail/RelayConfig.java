package org.faxgw.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code egress.relay} section: the SMTP relay (smart host) that outgoing mail is handed to.
 *
 * @param host relay host name or address
 * @param port relay port (25 or 587 usually)
 * @param starttls whether to use STARTTLS (RFC 3207)
 * @param username SMTP AUTH user (RFC 4954), null for no AUTH
 * @param passwordEnv the environment variable that holds the password
 * @param passwordFile a file that holds the password (first line), when no variable is named
 * @param connectTimeout how long to wait for the TCP connection
 * @param readTimeout how long to wait for each reply (a hanging relay is a temporary failure)
 */
public record RelayConfig(
    String host,
    int port,
    StartTls starttls,
    String username,
    String passwordEnv,
    String passwordFile,
    Duration connectTimeout,
    Duration readTimeout) {

  /** RFC 3207 STARTTLS use. */
  public enum StartTls {
    /** Refuse to send in clear. */
    REQUIRED,
    /** Upgrade when the relay offers it. */
    OPTIONAL,
    /** Never upgrade. */
    OFF;

    public static StartTls parse(String s) {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
  }

  public RelayConfig {
    Objects.requireNonNull(host, "relay host");
    if (port == 0) {
      port = 25;
    }
    starttls = Objects.requireNonNullElse(starttls, StartTls.OPTIONAL);
    connectTimeout = Objects.requireNonNullElse(connectTimeout, Duration.ofSeconds(30));
    readTimeout = Objects.requireNonNullElse(readTimeout, Duration.ofSeconds(60));
  }

  /** A relay without AUTH or STARTTLS, for loopback MTAs and tests. */
  public static RelayConfig plain(String host, int port) {
    return new RelayConfig(host, port, StartTls.OFF, null, null, null, null, null);
  }

  /** Problems that make this section unusable, given the process environment. */
  public List<String> problems(Map<String, String> env) {
    List<String> p = new ArrayList<>();
    if (host.isBlank()) {
      p.add("egress.relay.host is empty");
    }
    if (port < 1 || port > 65535) {
      p.add("egress.relay.port out of range: " + port);
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      p.add("egress.relay.connectTimeout must be positive");
    }
    if (readTimeout.isNegative() || readTimeout.isZero()) {
      p.add("egress.relay.readTimeout must be positive");
    }
    if (username != null) {
      if (passwordEnv == null && passwordFile == null) {
        p.add("egress.relay.username is set but neither passwordEnv nor passwordFile");
      } else {
        try {
          password(env);
        } catch (IOException | IllegalStateException e) {
          p.add(e.getMessage());
        }
      }
    }
    return p;
  }

  /** The AUTH password from the named environment variable or file; null without AUTH. */
  public String password(Map<String, String> env) throws IOException {
    if (username == null) {
      return null;
    }
    if (passwordEnv != null) {
      String v = env.get(passwordEnv);
      if (v == null || v.isEmpty()) {
        throw new IllegalStateException(
            "egress.relay.passwordEnv: environment variable " + passwordEnv + " is not set");
      }
      return v;
    }
    try {
      String s = Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8);
      int nl = s.indexOf('\n');
      return (nl >= 0 ? s.substring(0, nl) : s).strip();
    } catch (IOException e) {
      throw new IOException("egress.relay.passwordFile " + passwordFile + ": " + e.getMessage(), e);
    }
  }
}
