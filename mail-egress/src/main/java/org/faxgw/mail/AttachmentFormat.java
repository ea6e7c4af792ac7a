package org.faxgw.mail;

import java.util.Locale;

/** What a received fax is attached as. */
public enum AttachmentFormat {
  PDF,
  TIFF,
  BOTH;

  public boolean wantsPdf() {
    return this != TIFF;
  }

  public boolean wantsTiff() {
    return this != PDF;
  }

  /** Parses {@code pdf}, {@code tiff} ({@code tif}) or {@code both}. */
  public static AttachmentFormat parse(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "pdf" -> PDF;
      case "tif", "tiff" -> TIFF;
      case "both" -> BOTH;
      default -> throw new IllegalArgumentException("format must be pdf, tiff or both: " + s);
    };
  }
}
