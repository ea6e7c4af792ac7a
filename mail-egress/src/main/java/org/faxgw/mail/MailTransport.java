package org.faxgw.mail;

import java.util.List;

/**
 * Hands one stored message to its recipients. Implementations never throw for delivery problems:
 * they report them per recipient in the {@link DeliveryResult}.
 */
interface MailTransport {
  /**
   * @param message the whole RFC 5322 message, CRLF line ends
   * @param envelopeFrom the SMTP reverse path
   * @param recipients the SMTP forward paths
   */
  DeliveryResult deliver(byte[] message, String envelopeFrom, List<String> recipients);

  /** For logs: where this transport delivers. */
  String describe();
}
