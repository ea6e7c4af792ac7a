package org.faxgw.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.Resolution;

/**
 * One fax page being drawn: an 8-bit grey raster {@link PageSize#FAX_WIDTH_PX} wide, white to start
 * with, turned into a {@link BilevelPage} by {@link Halftone}. One per thread, reused page after
 * page (a fine A4 page is 4 MB of grey).
 */
final class GrayCanvas {
  private static final ThreadLocal<GrayCanvas> PER_THREAD = new ThreadLocal<>();

  private final BufferedImage image;
  private final byte[] pixels;

  private GrayCanvas(int width, int height) {
    image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
  }

  /** This thread's canvas of that size, cleared to white. */
  static GrayCanvas forThread(int width, int height) {
    GrayCanvas c = PER_THREAD.get();
    if (c == null || c.image.getWidth() != width || c.image.getHeight() != height) {
      c = new GrayCanvas(width, height);
      PER_THREAD.set(c);
    }
    Arrays.fill(c.pixels, (byte) 0xFF);
    return c;
  }

  /** Drops this thread's canvas (after a document, so idle threads hold no page memory). */
  static void release() {
    PER_THREAD.remove();
  }

  BufferedImage image() {
    return image;
  }

  /**
   * A graphics context with the fax hints: no anti-aliasing of shapes or text (edges stay sharp,
   * nothing turns grey that the halftone would then dither), {@code interpolation} for images.
   */
  Graphics2D graphics(Object interpolation) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHints(hints(interpolation));
    g.setBackground(Color.WHITE);
    g.setColor(Color.BLACK);
    return g;
  }

  static RenderingHints hints(Object interpolation) {
    RenderingHints h =
        new RenderingHints(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    h.put(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
    h.put(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_SPEED);
    h.put(RenderingHints.KEY_INTERPOLATION, interpolation);
    h.put(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_NORMALIZE);
    h.put(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    return h;
  }

  BilevelPage toPage(Resolution r) {
    int stride = ((java.awt.image.ComponentSampleModel) image.getSampleModel()).getScanlineStride();
    return Halftone.toPage(pixels, 0, stride, image.getWidth(), image.getHeight(), r);
  }
}
