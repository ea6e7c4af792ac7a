package org.faxgw.gateway.config;

import org.faxgw.mail.EgressConfig;

/**
 * The {@code egress:} section: how mail leaves the gateway.
 *
 * @param from the From of every mail (default {@code FaxMaster <faxmaster@localhost>})
 * @param relay the SMTP relay; without one, mail is delivered into Maildirs under {@code
 *     <dataDir>/mail/<address>/}
 */
public record EgressSection(String from, RelaySection relay) {
  public EgressSection {
    from = from == null ? EgressConfig.DEFAULT_FROM : from;
    new EgressConfig(from, null); // IllegalArgumentException for a bad address
  }

  public static EgressSection defaults() {
    return new EgressSection(null, null);
  }

  public EgressConfig toConfig() {
    return new EgressConfig(from, relay == null ? null : relay.toConfig());
  }
}
