package org.faxgw.smtp;

/**
 * Told the reply code of each MAIL, RCPT and DATA the server answered with a decision: 250 when a
 * message was accepted (after it is durable), the 4xx/5xx code of every refusal (RFC 5321 4.2).
 * Called on the session's thread; must not block.
 */
@FunctionalInterface
public interface SmtpReplyListener {
  SmtpReplyListener NONE = code -> {};

  void replied(int code);
}
