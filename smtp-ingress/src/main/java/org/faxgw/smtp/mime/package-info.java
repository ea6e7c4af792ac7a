/**
 * Mail to fax documents: a streaming Mime4j parse (RFC 2045-2049) under explicit limits (header
 * count and length, line length, nesting depth, number of parts; never a permissive configuration),
 * bodies decoded straight into the spool, multipart/alternative resolved to its plain part (else
 * HTML turned into text), message/rfc822 parts faxed as their body, subjects and charsets decoded
 * (RFC 2047, RFC 2231 via Mime4j), and the X-Fax-* per-message headers.
 */
package org.faxgw.smtp.mime;
