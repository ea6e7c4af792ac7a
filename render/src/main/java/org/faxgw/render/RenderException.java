package org.faxgw.render;

/**
 * A document could not be turned into fax pages. {@link #getMessage()} is one line meant for the
 * sender (for example "encrypted PDF: remove the password and send again"); {@link #getCause()}
 * holds the technical detail, if any. {@link #reason()} says which limit or defect it was.
 */
public final class RenderException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Why a render failed, for callers that react differently (all are permanent for the document).
   */
  public enum Reason {
    /** Zero bytes. */
    EMPTY,
    /** Content is none of the supported formats, or contradicts the declared type. */
    UNSUPPORTED,
    /** The file is truncated or damaged. */
    DAMAGED,
    /** Password-protected. */
    ENCRYPTED,
    /** Too many pages, pixels or a page too large. */
    TOO_LARGE,
    /** The time limit ran out. */
    TIME_LIMIT,
    /** A tool the renderer needs (Ghostscript) is missing or failed. */
    TOOL,
  }

  private final Reason reason;

  public RenderException(Reason reason, String message) {
    super(oneLine(message));
    this.reason = reason;
  }

  public RenderException(Reason reason, String message, Throwable cause) {
    super(oneLine(message), cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  private static String oneLine(String s) {
    String t = s == null ? "render failed" : s.replaceAll("[\\r\\n\\t]+", " ").strip();
    return t.length() > 300 ? t.substring(0, 297) + "..." : t;
  }
}
