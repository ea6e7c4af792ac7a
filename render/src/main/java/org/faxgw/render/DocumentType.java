package org.faxgw.render;

/** The formats {@link FaxRenderer} renders, told apart by their first bytes. */
public enum DocumentType {
  PDF("application/pdf"),
  POSTSCRIPT("application/postscript"),
  TIFF("image/tiff"),
  PNG("image/png"),
  JPEG("image/jpeg"),
  GIF("image/gif"),
  BMP("image/bmp"),
  TEXT("text/plain");

  private final String mediaType;

  DocumentType(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The usual MIME type. */
  public String mediaType() {
    return mediaType;
  }
}
