/**
 * The SMTP front door: SubEthaSMTP server, recipient and sender policy (RFC 5321 replies with RFC
 * 3463 enhanced codes), MIME parsing with Apache James Mime4j under explicit limits, durable
 * spooling before 250.
 */
package org.faxgw.smtp;
