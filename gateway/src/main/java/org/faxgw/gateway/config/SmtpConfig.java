package org.faxgw.gateway.config;

import java.time.Duration;
import java.util.List;
import org.faxgw.smtp.IpNetwork;

/**
 * The {@code smtp:} section: the mail front door.
 *
 * @param listen address to listen on (default {@code 127.0.0.1:2525})
 * @param hostName name in the greeting and in Received headers (default {@code faxgw.local})
 * @param domains mail domains whose recipients are fax numbers (default {@code [fax.local]})
 * @param maxMessageBytes largest message accepted (default {@code 25MiB})
 * @param maxRecipients most recipients in one message (default {@code 50})
 * @param maxConnections most simultaneous SMTP connections (default {@code 100})
 * @param connectionTimeout idle time before a connection is dropped (default {@code 60s})
 * @param permittedNetworks clients here may send without AUTH (default loopback)
 * @param tls STARTTLS keystore; AUTH is offered only after STARTTLS
 * @param users accounts for AUTH PLAIN/LOGIN with hashed passwords (default none)
 * @param mime limits applied while parsing a message
 */
public record SmtpConfig(
    HostPort listen,
    String hostName,
    List<String> domains,
    DataSize maxMessageBytes,
    Integer maxRecipients,
    Integer maxConnections,
    Duration connectionTimeout,
    List<IpNetwork> permittedNetworks,
    TlsConfig tls,
    List<SmtpUser> users,
    MimeConfig mime) {

  public SmtpConfig {
    listen = listen == null ? new HostPort("127.0.0.1", 2525) : listen;
    hostName = hostName == null ? "faxgw.local" : hostName;
    domains = domains == null ? List.of("fax.local") : List.copyOf(domains);
    maxMessageBytes = maxMessageBytes == null ? DataSize.parse("25MiB") : maxMessageBytes;
    maxRecipients = maxRecipients == null ? 50 : maxRecipients;
    maxConnections = maxConnections == null ? 100 : maxConnections;
    connectionTimeout = connectionTimeout == null ? Duration.ofSeconds(60) : connectionTimeout;
    permittedNetworks =
        permittedNetworks == null
            ? List.of(IpNetwork.parse("127.0.0.0/8"), IpNetwork.parse("::1/128"))
            : List.copyOf(permittedNetworks);
    tls = tls == null ? TlsConfig.defaults() : tls;
    users = users == null ? List.of() : List.copyOf(users);
    mime = mime == null ? MimeConfig.defaults() : mime;
    if (domains.isEmpty()) {
      throw new IllegalArgumentException("smtp.domains must name at least one fax domain");
    }
    if (maxMessageBytes.bytes() < 1024 || maxMessageBytes.bytes() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("smtp.maxMessageBytes must be between 1KiB and 2GiB");
    }
    if (maxRecipients < 1) {
      throw new IllegalArgumentException("smtp.maxRecipients must be at least 1");
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("smtp.maxConnections must be at least 1");
    }
    if (!users.isEmpty() && tls.keystore() == null) {
      throw new IllegalArgumentException(
          "smtp.users needs smtp.tls.keystore: AUTH is offered only after STARTTLS");
    }
  }

  public static SmtpConfig defaults() {
    return new SmtpConfig(null, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * The {@code smtp.tls:} section.
   *
   * @param keystore PKCS12 keystore with the server key and certificate (default none: no STARTTLS)
   * @param keystorePassword its password (default empty; use {@code ${ENV_NAME}})
   */
  public record TlsConfig(String keystore, String keystorePassword) {
    public TlsConfig {
      keystorePassword = keystorePassword == null ? "" : keystorePassword;
    }

    public static TlsConfig defaults() {
      return new TlsConfig(null, null);
    }
  }

  /**
   * One AUTH account.
   *
   * @param name the user name
   * @param password a SHA-512 crypt hash ({@code openssl passwd -6}), never the clear password
   */
  public record SmtpUser(String name, String password) {
    public SmtpUser {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("smtp.users: name is missing");
      }
      if (password == null || !password.startsWith("$6$")) {
        throw new IllegalArgumentException(
            "smtp.users: password of "
                + name
                + " must be a SHA-512 crypt hash ($6$...), made with: openssl passwd -6");
      }
    }
  }

  /**
   * The {@code smtp.mime:} section: limits while parsing a message (Mime4j, never permissive).
   *
   * @param maxHeaderCount most header fields in one entity (default 200)
   * @param maxHeaderBytes longest header field (default 64KiB)
   * @param maxLineBytes longest line (default 64KiB)
   * @param maxDepth deepest nesting of multiparts and attached messages (default 10)
   * @param maxParts most body parts in one message (default 100)
   */
  public record MimeConfig(
      Integer maxHeaderCount,
      DataSize maxHeaderBytes,
      DataSize maxLineBytes,
      Integer maxDepth,
      Integer maxParts) {
    public MimeConfig {
      maxHeaderCount = maxHeaderCount == null ? 200 : maxHeaderCount;
      maxHeaderBytes = maxHeaderBytes == null ? DataSize.parse("64KiB") : maxHeaderBytes;
      maxLineBytes = maxLineBytes == null ? DataSize.parse("64KiB") : maxLineBytes;
      maxDepth = maxDepth == null ? 10 : maxDepth;
      maxParts = maxParts == null ? 100 : maxParts;
      if (maxHeaderCount < 1 || maxDepth < 1 || maxParts < 1) {
        throw new IllegalArgumentException("smtp.mime limits must be at least 1");
      }
    }

    public static MimeConfig defaults() {
      return new MimeConfig(null, null, null, null, null);
    }
  }
}
