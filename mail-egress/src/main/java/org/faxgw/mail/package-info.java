/**
 * Mail leaving the gateway: received faxes with a HylaFAX-style summary ({@link
 * org.faxgw.mail.FaxSummary}, {@link org.faxgw.mail.ReceivedFaxMail}), inbound routing per DID,
 * caller ID and TSI ({@link org.faxgw.mail.InboundRouting}), sender notifications for outbound jobs
 * ({@link org.faxgw.mail.JobNotificationMail}), delivery through an SMTP relay (RFC 5321, STARTTLS
 * RFC 3207, AUTH RFC 4954) or into a Maildir (maildir(5)), and a durable outbox with retry and
 * bounces to FaxMaster ({@link org.faxgw.mail.Outbox}). Messages are RFC 5322 / MIME (RFC
 * 2045-2049), built with Jakarta Mail.
 */
package org.faxgw.mail;
