package org.faxgw.smtp.mime;

/**
 * A part of a mail that will be faxed, decoded and spooled.
 *
 * @param path spool-relative path of the decoded content
 * @param contentType the type to render it as ({@code text/plain; charset=utf-8} for text)
 * @param name the sender's file name, or a made-up one
 * @param text true for text (a mail body, an HTML part turned into text)
 */
public record FaxPart(String path, String contentType, String name, boolean text) {}
