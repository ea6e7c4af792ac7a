package org.faxgw.render;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import org.faxgw.t4.BilevelPage;

/**
 * Plain text to fax pages, like a line printer: DejaVu Sans Mono 10 pt on a 12 pt line, {@value
 * #COLUMNS} columns centred on the paper, {@value #MARGIN_PT} pt top and bottom margins (64 lines
 * on A4, 60 on Letter). Long lines wrap at the last space that fits, or hard at the column limit;
 * tabs stop every 8 columns; a form feed starts a new page; other control characters are dropped.
 *
 * <p>The font is bundled (see {@code fonts/PROVENANCE.md}) so Latin, Greek and Cyrillic render real
 * glyphs whatever fonts the machine has.
 */
final class TextRenderer {
  static final int COLUMNS = 80;
  static final float FONT_PT = 10f;
  static final float LINE_PT = 12f;
  static final float MARGIN_PT = 36f;
  static final int TAB = 8;

  /** Text files larger than this are refused before decoding (far beyond any page limit). */
  static final int MAX_TEXT_BYTES = 16 << 20;

  private static final String FONT_RESOURCE = "fonts/DejaVuSansMono.ttf";
  private static volatile Font baseFont;

  private TextRenderer() {}

  static Font font() {
    Font f = baseFont;
    if (f == null) {
      synchronized (TextRenderer.class) {
        f = baseFont;
        if (f == null) {
          try (InputStream in = TextRenderer.class.getResourceAsStream(FONT_RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("bundled font missing: " + FONT_RESOURCE);
            }
            f = Font.createFont(Font.TRUETYPE_FONT, in);
          } catch (IOException | FontFormatException e) {
            throw new IllegalStateException("bundled font unreadable: " + FONT_RESOURCE, e);
          }
          baseFont = f;
        }
      }
    }
    return f;
  }

  /**
   * Decodes text bytes: a byte-order mark wins; then the declared charset; with none, UTF-8 if the
   * bytes are valid UTF-8, else Windows-1252.
   */
  static String decode(DocumentSource src, String declaredCharset)
      throws IOException, RenderException {
    if (src.length() > MAX_TEXT_BYTES) {
      throw new RenderException(
          RenderException.Reason.TOO_LARGE,
          "text document of "
              + src.length()
              + " bytes is larger than the limit of "
              + MAX_TEXT_BYTES
              + " bytes");
    }
    byte[] b;
    try (InputStream in = src.open()) {
      b = in.readNBytes(MAX_TEXT_BYTES);
    }
    return decode(b, declaredCharset);
  }

  static String decode(byte[] b, String declaredCharset) {
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      return new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
      return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
      return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
    }
    Charset declared = charset(declaredCharset);
    if (declared != null && !declared.equals(StandardCharsets.US_ASCII)) {
      return new String(b, declared);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(b, Charset.forName("windows-1252"));
    }
  }

  private static Charset charset(String name) {
    if (name == null) {
      return null;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return null;
    }
  }

  /** Lays out lines: wraps, expands tabs, splits pages at form feeds (a "\f" line). */
  static List<List<String>> paginate(String text, int linesPerPage) {
    List<List<String>> pages = new ArrayList<>();
    List<String> page = new ArrayList<>();
    String norm = text.replace("\r\n", "\n").replace('\r', '\n');
    // A final newline ends the last line; it does not start another one.
    if (norm.endsWith("\n")) {
      norm = norm.substring(0, norm.length() - 1);
    }
    for (String raw : norm.split("\n", -1)) {
      String[] parts = raw.split("\f", -1);
      for (int pi = 0; pi < parts.length; pi++) {
        if (pi > 0) {
          pages.add(page);
          page = new ArrayList<>();
        }
        if (pi > 0 && pi == parts.length - 1 && parts[pi].isEmpty()) {
          continue; // "...\f" at the end of a line: the page break only
        }
        for (String line : wrap(expand(parts[pi]))) {
          if (page.size() == linesPerPage) {
            pages.add(page);
            page = new ArrayList<>();
          }
          page.add(line);
        }
      }
    }
    pages.add(page);
    return pages;
  }

  /** Tabs to spaces (stops every {@value #TAB} columns); other control characters dropped. */
  static String expand(String line) {
    StringBuilder sb = new StringBuilder(line.length());
    int col = 0;
    for (int i = 0; i < line.length(); ) {
      int cp = line.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\t') {
        do {
          sb.append(' ');
          col++;
        } while (col % TAB != 0);
      } else if (Character.isISOControl(cp)) {
        continue;
      } else {
        sb.appendCodePoint(cp);
        col++;
      }
    }
    return sb.toString();
  }

  /**
   * Splits a line into pieces of at most {@value #COLUMNS} code points, at spaces when possible.
   */
  static List<String> wrap(String line) {
    List<String> out = new ArrayList<>();
    int[] cps = line.codePoints().toArray();
    int start = 0;
    while (cps.length - start > COLUMNS) {
      int cut = start + COLUMNS;
      int space = -1;
      for (int i = cut; i > start + COLUMNS / 2; i--) {
        if (cps[i] == ' ') {
          space = i;
          break;
        }
      }
      if (space > 0) {
        out.add(new String(cps, start, space - start).stripTrailing());
        start = space + 1;
      } else {
        out.add(new String(cps, start, cut - start));
        start = cut;
      }
    }
    out.add(new String(cps, start, cps.length - start));
    return out;
  }

  static int linesPerPage(RenderOptions o) {
    return (int) Math.floor((o.pageSize().heightPt() - 2 * MARGIN_PT) / LINE_PT);
  }

  static List<BilevelPage> render(String text, RenderOptions o, Deadline deadline)
      throws RenderException {
    if (text.isBlank()) {
      throw new RenderException(RenderException.Reason.EMPTY, "empty text: nothing to fax");
    }
    List<List<String>> pages = paginate(text, linesPerPage(o));
    if (pages.size() > o.maxPages()) {
      throw new RenderException(
          RenderException.Reason.TOO_LARGE,
          "text makes " + pages.size() + " pages; at most " + o.maxPages() + " are accepted");
    }
    Font font = font().deriveFont(FONT_PT);
    double sx = o.resolution().xDpi() / 72.0;
    double sy = o.resolution().yDpi() / 72.0;
    int height = o.pageHeightPx();
    List<BilevelPage> out = new ArrayList<>(pages.size());
    try {
      for (List<String> lines : pages) {
        deadline.check();
        GrayCanvas canvas = GrayCanvas.forThread(PageSize.FAX_WIDTH_PX, height);
        Graphics2D g = canvas.graphics(RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        try {
          g.scale(sx, sy);
          g.setFont(font);
          float advance = (float) font.getStringBounds("M", g.getFontRenderContext()).getWidth();
          float widthPt = (float) (PageSize.FAX_WIDTH_PX / sx);
          float left = Math.max(0f, (widthPt - COLUMNS * advance) / 2);
          float heightPt = (float) (height / sy);
          float top = (heightPt - (float) o.pageSize().heightPt()) / 2 + MARGIN_PT;
          float ascent = font.getLineMetrics("M", g.getFontRenderContext()).getAscent();
          float y = top + ascent;
          for (String line : lines) {
            if (!line.isEmpty()) {
              g.drawString(line, left, y);
            }
            y += LINE_PT;
          }
        } finally {
          g.dispose();
        }
        out.add(canvas.toPage(o.resolution()));
      }
    } finally {
      GrayCanvas.release();
    }
    return out;
  }
}
