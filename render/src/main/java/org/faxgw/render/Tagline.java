package org.faxgw.render;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.List;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.Resolution;

/**
 * Images a tagline at the top of a fax page (HylaFAX's TagLineFormat): the fields in equal columns
 * across the page width, set in the bundled DejaVu Sans Mono. The band the tagline takes ({@link
 * #bandRows}) is cleared first; the rows below it are the page's own, unchanged. Pure, thread-safe.
 */
public final class Tagline {
  /** Type size of the tagline. */
  static final float FONT_PT = 8f;

  /** Height of the band, in points (the line plus a little space under it). */
  static final float BAND_PT = 11f;

  /** Left margin of each column, in points. */
  static final float MARGIN_PT = 6f;

  private Tagline() {}

  /** Rows of the band at a resolution: 30 at fine (196 lpi), 15 at normal (98 lpi). */
  public static int bandRows(Resolution r) {
    return (int) Math.ceil(BAND_PT * r.yDpi() / 72.0);
  }

  /** {@code page} with {@code fields} imaged in its top {@link #bandRows} rows. */
  public static BilevelPage stamp(BilevelPage page, List<String> fields) {
    if (fields.isEmpty() || page.height() == 0) {
      return page;
    }
    int width = page.width();
    int band = Math.min(page.height(), bandRows(page.resolution()));
    BufferedImage img = new BufferedImage(width, band, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    try {
      g.setColor(java.awt.Color.WHITE);
      g.fillRect(0, 0, width, band);
      g.setColor(java.awt.Color.BLACK);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
      double sx = page.resolution().xDpi() / 72.0;
      double sy = page.resolution().yDpi() / 72.0;
      g.scale(sx, sy);
      Font font = TextRenderer.font().deriveFont(FONT_PT);
      g.setFont(font);
      float columnPt = (float) (width / sx) / fields.size();
      float ascent = font.getLineMetrics("M", g.getFontRenderContext()).getAscent();
      float y = (BAND_PT - FONT_PT) / 2 + ascent;
      for (int i = 0; i < fields.size(); i++) {
        String f = fields.get(i);
        if (f == null || f.isEmpty()) {
          continue;
        }
        float x = i * columnPt + MARGIN_PT;
        Shape clip = new java.awt.geom.Rectangle2D.Float(i * columnPt, 0, columnPt, BAND_PT);
        g.setClip(clip);
        g.drawString(f, x, y);
      }
    } finally {
      g.dispose();
    }
    byte[] gray = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    byte[] rows = page.rows();
    int stride = page.stride();
    for (int r = 0; r < band; r++) {
      int base = r * stride;
      java.util.Arrays.fill(rows, base, base + stride, (byte) 0);
      for (int x = 0; x < width; x++) {
        if ((gray[r * width + x] & 0xFF) < 128) {
          rows[base + (x >> 3)] |= (byte) (0x80 >>> (x & 7));
        }
      }
    }
    return new BilevelPage(width, page.height(), page.resolution(), rows);
  }
}
