/**
 * Mail leaving the gateway: received faxes with a HylaFAX-style summary, sender notifications,
 * delivery through an SMTP relay or into a Maildir, and a durable outbox (Jakarta Mail).
 */
package org.faxgw.mail;
