package org.faxgw.smtp.mime;

/**
 * Limits for parsing one message.
 *
 * @param maxHeaderCount most header fields in one entity
 * @param maxHeaderBytes longest header field
 * @param maxLineBytes longest line
 * @param maxDepth deepest nesting of multiparts and attached messages
 * @param maxParts most body parts
 * @param maxHtmlBytes largest HTML part turned into text
 */
public record MimeLimits(
    int maxHeaderCount,
    int maxHeaderBytes,
    int maxLineBytes,
    int maxDepth,
    int maxParts,
    int maxHtmlBytes) {
  public static MimeLimits defaults() {
    return new MimeLimits(200, 64 * 1024, 64 * 1024, 10, 100, 2 * 1024 * 1024);
  }
}
