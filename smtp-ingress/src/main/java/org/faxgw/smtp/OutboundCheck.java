package org.faxgw.smtp;

import java.util.Optional;
import org.faxgw.queue.FaxNumber;

/**
 * The gateway's outbound policy as the SMTP server asks it, once per recipient that {@link
 * RecipientPolicy} took.
 */
@FunctionalInterface
public interface OutboundCheck {
  /**
   * @param sender the envelope sender
   * @param number the recipient's number
   * @param accepted recipients already accepted in this transaction
   * @return empty to take the recipient, or the reply that refuses it (4xx or 5xx)
   */
  Optional<RecipientPolicy.Refuse> check(String sender, FaxNumber number, int accepted);

  /** Takes every recipient. */
  OutboundCheck NONE = (sender, number, accepted) -> Optional.empty();
}
