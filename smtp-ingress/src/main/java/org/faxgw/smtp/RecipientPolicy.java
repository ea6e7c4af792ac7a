package org.faxgw.smtp;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.faxgw.queue.DialingRules;
import org.faxgw.queue.FaxNumber;

/**
 * Decides on one RCPT TO (RFC 5321 4.1.1.3): a fax number at one of our fax domains, or a refusal
 * with its RFC 3463 enhanced code. Never relays: any other domain is refused.
 */
public final class RecipientPolicy {
  private final List<String> domains;
  private final Supplier<DialingRules> rules;
  private final int maxRecipients;

  public RecipientPolicy(List<String> domains, DialingRules rules, int maxRecipients) {
    this(domains, () -> rules, maxRecipients);
  }

  /**
   * @param rules the dialing rules in force, asked for each recipient (a reload may replace them)
   */
  public RecipientPolicy(List<String> domains, Supplier<DialingRules> rules, int maxRecipients) {
    this.domains = domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
    this.rules = rules;
    this.maxRecipients = maxRecipients;
  }

  /** The outcome for one recipient. */
  public sealed interface Result {}

  /** Take it: a fax to this number. */
  public record Accept(FaxNumber number) implements Result {}

  /** Refuse it with this reply. */
  public record Refuse(int code, String text) implements Result {}

  /**
   * @param address the address from RCPT TO, without angle brackets
   * @param accepted recipients already accepted in this transaction
   */
  public Result check(String address, int accepted) {
    if (accepted >= maxRecipients) {
      // RFC 5321 4.5.3.1.10 and RFC 3463 4.5.3: too many recipients
      return new Refuse(452, "4.5.3 Too many recipients (at most " + maxRecipients + ")");
    }
    int at = address == null ? -1 : address.lastIndexOf('@');
    if (at <= 0 || at == address.length() - 1) {
      return new Refuse(550, "5.1.3 Bad recipient address syntax: " + address);
    }
    String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
    if (domain.endsWith(".")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    if (!domains.contains(domain)) {
      // RFC 3463 5.7.1: delivery not authorized; we are not a relay
      return new Refuse(
          550, "5.7.1 Relaying denied: only mail to <number>@" + domains.get(0) + " is taken");
    }
    String local = address.substring(0, at);
    if (local.length() >= 2 && local.startsWith("\"") && local.endsWith("\"")) {
      local = local.substring(1, local.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    Optional<FaxNumber> n = rules.get().canonical(local);
    if (n.isEmpty()) {
      // RFC 3463 5.1.3: bad destination mailbox address syntax
      return new Refuse(550, "5.1.3 Not a fax number: " + local);
    }
    return new Accept(n.get());
  }
}
