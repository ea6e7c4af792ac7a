package org.faxgw.smtp;

import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.faxgw.smtp.mime.MimeLimits;

/**
 * Settings of the SMTP front door.
 *
 * @param bindHost address to listen on
 * @param port port to listen on (0 = any free port)
 * @param hostName name in the greeting
 * @param domains fax domains, lower case
 * @param maxMessageBytes largest message (552 5.3.4 beyond)
 * @param maxRecipients most recipients (452 4.5.3 beyond)
 * @param maxConnections most connections at once
 * @param connectionTimeout idle time before a connection is dropped
 * @param permittedNetworks clients here need no AUTH
 * @param tls for STARTTLS, or null for none
 * @param authenticator checks AUTH credentials after STARTTLS, or null for no AUTH
 * @param mime parse limits
 */
public record SmtpIngressConfig(
    String bindHost,
    int port,
    String hostName,
    List<String> domains,
    int maxMessageBytes,
    int maxRecipients,
    int maxConnections,
    Duration connectionTimeout,
    List<IpNetwork> permittedNetworks,
    SSLContext tls,
    SmtpAuthenticator authenticator,
    MimeLimits mime) {

  public SmtpIngressConfig {
    domains = domains.stream().map(d -> d.toLowerCase(java.util.Locale.ROOT)).toList();
    permittedNetworks = List.copyOf(permittedNetworks);
  }
}
