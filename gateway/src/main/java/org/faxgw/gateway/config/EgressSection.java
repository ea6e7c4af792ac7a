package org.faxgw.gateway.config;

import java.time.Duration;
import org.faxgw.mail.EgressConfig;

/**
 * The {@code egress:} section: how mail leaves the gateway.
 *
 * @param from the From of every mail (default {@code FaxMaster <faxmaster@localhost>})
 * @param relay the SMTP relay; without one, mail is delivered into Maildirs under {@code
 *     <dataDir>/mail/<address>/}
 * @param outboxLease with {@code store.type: postgresql}, how long a node holds an outbox mail it
 *     is delivering before another node may take it over (default 5m); at least twice the relay's
 *     connectTimeout + readTimeout, so that a slow but live delivery keeps its lease
 */
public record EgressSection(String from, RelaySection relay, Duration outboxLease) {
  /** The default of {@code egress.outboxLease}. */
  public static final Duration DEFAULT_OUTBOX_LEASE = Duration.ofMinutes(5);

  public EgressSection {
    from = from == null ? EgressConfig.DEFAULT_FROM : from;
    new EgressConfig(from, null); // IllegalArgumentException for a bad address
    outboxLease = outboxLease == null ? DEFAULT_OUTBOX_LEASE : outboxLease;
    if (outboxLease.isNegative() || outboxLease.isZero()) {
      throw new IllegalArgumentException("egress.outboxLease must be positive: " + outboxLease);
    }
    if (relay != null) {
      Duration slowest = relay.connectTimeout().plus(relay.readTimeout()).multipliedBy(2);
      if (outboxLease.compareTo(slowest) < 0) {
        throw new IllegalArgumentException(
            "egress.outboxLease ("
                + outboxLease.toSeconds()
                + "s) must be at least twice the relay's connectTimeout + readTimeout ("
                + slowest.toSeconds()
                + "s)");
      }
    }
  }

  public static EgressSection defaults() {
    return new EgressSection(null, null, null);
  }

  public EgressConfig toConfig() {
    return new EgressConfig(from, relay == null ? null : relay.toConfig());
  }
}
