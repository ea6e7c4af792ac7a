package org.faxgw.queue;

/**
 * One document of a job, in sending order.
 *
 * @param kind {@link #COVER} (the mail body as a cover page) or {@link #DOCUMENT}
 * @param path the spooled file, relative to the spool root
 * @param contentType the declared MIME type, or null
 * @param name the file name the sender gave, or a made-up one
 */
public record JobDocument(String kind, String path, String contentType, String name) {
  public static final String COVER = "cover";
  public static final String DOCUMENT = "document";

  public JobDocument {
    if (!COVER.equals(kind) && !DOCUMENT.equals(kind)) {
      throw new IllegalArgumentException("document kind must be cover or document: " + kind);
    }
    if (path == null || path.isBlank() || path.startsWith("/") || path.contains("..")) {
      throw new IllegalArgumentException("bad spool path " + path);
    }
  }
}
