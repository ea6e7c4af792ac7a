package org.faxgw.mail;

import java.util.List;

/**
 * A finished message and its SMTP envelope, ready for the outbox.
 *
 * @param message the RFC 5322 message, CRLF line ends
 * @param envelopeFrom reverse path
 * @param recipients forward paths (To and Cc)
 * @param bounce true for a failure report to FaxMaster (never bounced again)
 */
public record OutgoingMail(
    byte[] message, String envelopeFrom, List<String> recipients, boolean bounce) {
  public OutgoingMail {
    recipients = List.copyOf(recipients);
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("a mail needs recipients");
    }
  }
}
