package org.faxgw.gateway.policy;

import java.util.Optional;
import org.faxgw.queue.FaxNumber;
import org.faxgw.smtp.OutboundCheck;
import org.faxgw.smtp.RecipientPolicy;

/** The outbound gate as the SMTP server's per-recipient check. */
public final class SmtpOutboundCheck implements OutboundCheck {
  private final OutboundGate gate;

  public SmtpOutboundCheck(OutboundGate gate) {
    this.gate = gate;
  }

  @Override
  public Optional<RecipientPolicy.Refuse> check(String sender, FaxNumber number, int accepted) {
    Decision d = gate.atRecipient(sender, number.e164(), accepted);
    if (d instanceof Decision.Reject r) {
      return Optional.of(new RecipientPolicy.Refuse(r.code(), r.text()));
    }
    if (d instanceof Decision.Defer r) {
      return Optional.of(new RecipientPolicy.Refuse(r.code(), r.text()));
    }
    return Optional.empty();
  }
}
