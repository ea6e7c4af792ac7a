/**
 * Mail leaving the gateway. Its one entry point is {@link org.faxgw.mail.MailEgress} (as {@code
 * FaxRenderer} is render's): received faxes mailed with a HylaFAX-style summary, sender
 * notifications for outbound jobs, delivery through an SMTP relay (RFC 5321, STARTTLS RFC 3207,
 * AUTH RFC 4954) or into a Maildir (maildir(5)), and a durable outbox with retry and bounces to
 * FaxMaster. The public types beside it are values: the configuration ({@link
 * org.faxgw.mail.EgressConfig}, {@link org.faxgw.mail.RoutingConfig} and its rules), inbound
 * routing per DID, caller ID and TSI ({@link org.faxgw.mail.InboundRouting}, {@link
 * org.faxgw.mail.RouteDecision}), what goes in ({@link org.faxgw.mail.ReceivedFax}, {@link
 * org.faxgw.mail.JobNotice}, {@link org.faxgw.mail.OutgoingMail}) and a stored mail read back
 * ({@link org.faxgw.mail.StoredMail}); the outbox's storage is the interface {@link
 * org.faxgw.mail.OutboxStore} (a folder here; PostgreSQL with leases adapted by the gateway); the
 * outbox's delivery logic, its worker, the transports and the mail builders are package-private.
 * Messages are RFC 5322 / MIME (RFC 2045-2049), built with Jakarta Mail; files are written with
 * {@code org.faxgw.durable.DurableFiles}.
 */
package org.faxgw.mail;
