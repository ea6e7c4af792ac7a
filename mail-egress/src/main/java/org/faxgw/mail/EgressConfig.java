package org.faxgw.mail;

import java.util.Objects;

/**
 * The {@code egress} section.
 *
 * @param from the From of every mail the gateway writes
 * @param relay the SMTP relay, or null to deliver into Maildirs under the data directory
 */
public record EgressConfig(String from, RelayConfig relay) {
  public static final String DEFAULT_FROM = "FaxMaster <faxmaster@localhost>";

  public EgressConfig {
    from = from == null || from.isBlank() ? DEFAULT_FROM : from.trim();
    try {
      new jakarta.mail.internet.InternetAddress(from, true);
    } catch (jakarta.mail.internet.AddressException e) {
      throw new IllegalArgumentException("egress.from is not a mail address: " + from);
    }
  }

  public static EgressConfig defaults() {
    return new EgressConfig(DEFAULT_FROM, null);
  }

  /** The bare address of {@link #from()}, for the SMTP envelope. */
  public String envelopeFrom() {
    try {
      return new jakarta.mail.internet.InternetAddress(from, false).getAddress();
    } catch (jakarta.mail.internet.AddressException e) {
      return Objects.requireNonNull(from);
    }
  }
}
