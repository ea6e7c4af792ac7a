package org.faxgw.gateway.config;

import java.util.ArrayList;
import java.util.List;
import org.faxgw.mail.ConfigException;
import org.faxgw.mail.InboundRouting;
import org.faxgw.mail.RoutingConfig;

/**
 * The {@code routing:} section: FaxMaster's address (default route; copies of failed or partial
 * receptions) and the inbound rules, first match wins.
 *
 * @param faxmaster default {@code faxmaster@localhost}
 * @param inbound the rules, default none (everything to FaxMaster)
 */
public record RoutingSection(String faxmaster, List<InboundRuleSection> inbound) {
  public RoutingSection {
    faxmaster = faxmaster == null ? RoutingConfig.DEFAULT_FAXMASTER : faxmaster;
    inbound = inbound == null ? List.of() : List.copyOf(inbound);
    try {
      compile(faxmaster, inbound);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(String.join("; ", e.problems()));
    }
  }

  public static RoutingSection defaults() {
    return new RoutingSection(null, null);
  }

  /** The plain routing config; rules are named "rule N" (1-based) in logs. */
  public RoutingConfig toConfig() {
    List<org.faxgw.mail.InboundRule> rules = new ArrayList<>();
    for (InboundRuleSection r : inbound) {
      rules.add(r.toRule(0));
    }
    return new RoutingConfig(faxmaster, rules);
  }

  /** The compiled policy. */
  public InboundRouting routing() {
    try {
      return InboundRouting.compile(toConfig());
    } catch (ConfigException e) {
      throw new IllegalStateException("routing was validated when bound: " + e.getMessage(), e);
    }
  }

  private static void compile(String faxmaster, List<InboundRuleSection> inbound)
      throws ConfigException {
    List<org.faxgw.mail.InboundRule> rules = new ArrayList<>();
    for (InboundRuleSection r : inbound) {
      rules.add(r.toRule(0));
    }
    InboundRouting.compile(new RoutingConfig(faxmaster, rules));
  }
}
