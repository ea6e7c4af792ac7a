package org.faxgw.render;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Tells a document's format from its first bytes (the "magic numbers" of each format's own
 * specification), with the declared MIME type only as a hint for content that has no magic number
 * (plain text). A declared type that contradicts the content is ignored when the content is a known
 * format, and refused when it is not.
 */
final class ContentSniffer {
  /** How many leading bytes {@link #detect} wants to see. */
  static final int HEAD_BYTES = 1024;

  private ContentSniffer() {}

  /**
   * @param head the first bytes of the document (up to {@link #HEAD_BYTES}; fewer if it is shorter)
   * @param total the document's length in bytes
   * @param declared the declared MIME type, parameters allowed, or null
   */
  static DocumentType detect(byte[] head, long total, String declared) throws RenderException {
    if (total == 0) {
      throw new RenderException(RenderException.Reason.EMPTY, "empty document: nothing to fax");
    }
    DocumentType magic = byMagic(head);
    if (magic != null) {
      return magic;
    }
    String base = baseType(declared);
    boolean textLike = looksLikeText(head);
    if (textLike
        && (base == null || base.startsWith("text/") || base.equals("application/octet-stream"))) {
      return DocumentType.TEXT;
    }
    if (base == null || base.equals("application/octet-stream")) {
      throw new RenderException(
          RenderException.Reason.UNSUPPORTED,
          "unknown document format: send PDF, PostScript, TIFF, PNG, JPEG, GIF, BMP or plain text");
    }
    throw new RenderException(
        RenderException.Reason.UNSUPPORTED,
        "document declared as "
            + base
            + " is not one: its content is no PDF, PostScript, TIFF, PNG, JPEG, GIF, BMP"
            + (textLike ? "" : " or plain text"));
  }

  /** The format whose signature starts the content, or null. */
  static DocumentType byMagic(byte[] h) {
    // PNG spec 5.2: 89 50 4E 47 0D 0A 1A 0A
    if (startsWith(h, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return DocumentType.PNG;
    }
    // JPEG (T.81 B.1.1.3): SOI = FF D8, followed by a marker FF xx
    if (startsWith(h, 0xFF, 0xD8, 0xFF)) {
      return DocumentType.JPEG;
    }
    // GIF89a spec 17: "GIF87a" / "GIF89a"
    if (startsWith(h, 'G', 'I', 'F', '8') && h.length >= 6 && (h[4] == '7' || h[4] == '9')) {
      return DocumentType.GIF;
    }
    // TIFF 6.0 section 2: "II" 42 or "MM" 42; BigTIFF uses 43
    if (startsWith(h, 'I', 'I', 42, 0)
        || startsWith(h, 'M', 'M', 0, 42)
        || startsWith(h, 'I', 'I', 43, 0)
        || startsWith(h, 'M', 'M', 0, 43)) {
      return DocumentType.TIFF;
    }
    // BMP: "BM", then the file size and two reserved words; check the DIB header size is a known
    // one
    if (startsWith(h, 'B', 'M') && h.length >= 18) {
      int dib = (h[14] & 0xFF) | (h[15] & 0xFF) << 8 | (h[16] & 0xFF) << 16 | (h[17] & 0xFF) << 24;
      if (dib == 12
          || dib == 16
          || dib == 40
          || dib == 52
          || dib == 56
          || dib == 64
          || dib == 108
          || dib == 124) {
        return DocumentType.BMP;
      }
    }
    // PostScript DSC: "%!"; DOS EPS binary header C5 D0 D3 C6; a leading ^D from some drivers
    if (startsWith(h, '%', '!')
        || startsWith(h, 0x04, '%', '!')
        || startsWith(h, 0xC5, 0xD0, 0xD3, 0xC6)) {
      return DocumentType.POSTSCRIPT;
    }
    // ISO 32000-1 7.5.2: the header "%PDF-1.n"; readers accept it within the first 1024 bytes
    if (indexOf(h, "%PDF-".getBytes(StandardCharsets.US_ASCII)) >= 0) {
      return DocumentType.PDF;
    }
    // PJL-wrapped PostScript: "\e%-12345X@PJL ... ENTER LANGUAGE=POSTSCRIPT"
    if (startsWith(h, 0x1B, '%', '-', '1', '2', '3', '4', '5', 'X')
        && indexOf(h, "LANGUAGE=POSTSCRIPT".getBytes(StandardCharsets.US_ASCII)) >= 0) {
      return DocumentType.POSTSCRIPT;
    }
    return null;
  }

  /** "text/plain; charset=x" gives "text/plain"; null or blank gives null. */
  static String baseType(String declared) {
    if (declared == null || declared.isBlank()) {
      return null;
    }
    int semi = declared.indexOf(';');
    String b = (semi >= 0 ? declared.substring(0, semi) : declared).strip();
    return b.isEmpty() ? null : b.toLowerCase(Locale.ROOT);
  }

  /** The charset parameter of a MIME type, unquoted, or null. */
  static String charsetParam(String declared) {
    if (declared == null) {
      return null;
    }
    for (String part : declared.split(";")) {
      String p = part.strip();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) {
        String v = p.substring(8).strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        return v.isEmpty() ? null : v;
      }
    }
    return null;
  }

  /**
   * True for content that reads as text: a UTF-16 byte-order mark, or no NUL bytes and at most 1 in
   * 50 bytes a C0 control other than TAB, LF, FF, CR and ESC.
   */
  static boolean looksLikeText(byte[] h) {
    if (startsWith(h, 0xFE, 0xFF) || startsWith(h, 0xFF, 0xFE)) {
      return true;
    }
    int controls = 0;
    for (byte b : h) {
      int c = b & 0xFF;
      if (c == 0) {
        return false;
      }
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r' && c != 0x1B) {
        controls++;
      }
    }
    return controls * 50 <= h.length;
  }

  private static boolean startsWith(byte[] h, int... sig) {
    if (h.length < sig.length) {
      return false;
    }
    for (int i = 0; i < sig.length; i++) {
      if ((h[i] & 0xFF) != (sig[i] & 0xFF)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] h, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= h.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (h[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
