package org.faxgw.mail;

import java.util.List;
import java.util.Objects;

/**
 * The {@code routing} section: the FaxMaster address (default route, and copies of failed or
 * partial receptions) and the inbound rules, first match wins.
 */
public record RoutingConfig(String faxmaster, List<InboundRule> inbound) {
  public static final String DEFAULT_FAXMASTER = "faxmaster@localhost";

  public RoutingConfig {
    faxmaster = faxmaster == null || faxmaster.isBlank() ? DEFAULT_FAXMASTER : faxmaster.trim();
    inbound = List.copyOf(Objects.requireNonNullElse(inbound, List.of()));
  }

  /** No rules: everything goes to the default FaxMaster. */
  public static RoutingConfig defaults() {
    return new RoutingConfig(DEFAULT_FAXMASTER, List.of());
  }
}
