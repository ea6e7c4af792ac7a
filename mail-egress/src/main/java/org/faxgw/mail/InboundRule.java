package org.faxgw.mail;

import java.util.List;
import java.util.Objects;

/**
 * One {@code routing.inbound} entry as written in the config file. Null match fields match
 * anything; a rule with none matches every fax.
 *
 * @param line the config file line the rule starts on (for error messages), 0 when unknown
 * @param did match on the called number
 * @param callerId match on the caller's number
 * @param tsi match on the remote station's TSI
 * @param to recipients
 * @param cc copy recipients
 * @param format attachment format, null for the default (pdf)
 * @param subject subject template, null for the default
 * @param reject drop faxes that match (logged, nobody mailed)
 */
public record InboundRule(
    int line,
    String did,
    String callerId,
    String tsi,
    List<String> to,
    List<String> cc,
    AttachmentFormat format,
    String subject,
    boolean reject) {

  public InboundRule {
    to = List.copyOf(Objects.requireNonNullElse(to, List.of()));
    cc = List.copyOf(Objects.requireNonNullElse(cc, List.of()));
  }

  /** "line 12" or "rule 3" for messages. */
  String where(int index) {
    return line > 0 ? "line " + line : "rule " + (index + 1);
  }
}
