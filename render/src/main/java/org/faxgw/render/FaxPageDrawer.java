package org.faxgw.render;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.GeneralPath;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDVectorFont;
import org.apache.pdfbox.pdmodel.graphics.blend.BlendMode;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.pdmodel.graphics.state.PDGraphicsState;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.rendering.PageDrawer;
import org.apache.pdfbox.rendering.PageDrawerParameters;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;

/**
 * PDFBox's page drawer with three additions for fax rendering.
 *
 * <ul>
 *   <li>Every content operator checks the {@link Deadline}.
 *   <li>An image declaring more than the pixel limit is refused before it is decoded.
 *   <li><b>Glyph bitmap cache.</b> PDFBox fills every glyph as a transformed outline, which is most
 *       of the time spent on a text page. Here a glyph drawn with plain fill in an opaque solid
 *       colour is rasterised once per (font, code, colour, device matrix) into a small bitmap and
 *       then copied to the page at its origin rounded to the nearest pixel (at most half a pixel
 *       from where the outline fill would put it; anti-aliasing is off, so the pixels are otherwise
 *       the same). Anything else (stroked, clipping or invisible text, transparency, patterns,
 *       fonts that are not embedded, optional content) goes through PDFBox unchanged.
 * </ul>
 *
 * <p>One instance per page, confined to the thread rendering that page; the glyph cache it is given
 * belongs to one worker thread and one document.
 */
final class FaxPageDrawer extends PageDrawer {
  /** Glyphs larger than this on the page (in pixels) are not cached. */
  static final int MAX_CACHED_GLYPH_PX = 300;

  /** Entries kept per document and thread before the cache starts again. */
  static final int MAX_CACHED_GLYPHS = 20_000;

  private static final AffineTransform IDENTITY = new AffineTransform();

  private final Deadline deadline;
  private final long maxPixels;
  private final Map<GlyphKey, GlyphMask> glyphs;

  /**
   * @param glyphs the worker's cache for this document, or null to draw every glyph as an outline
   */
  FaxPageDrawer(
      PageDrawerParameters parameters,
      Deadline deadline,
      long maxPixels,
      Map<GlyphKey, GlyphMask> glyphs)
      throws IOException {
    super(parameters);
    this.deadline = deadline;
    this.maxPixels = maxPixels;
    this.glyphs = glyphs;
  }

  /** A new, empty glyph cache for one worker and one document. */
  static Map<GlyphKey, GlyphMask> newGlyphCache() {
    return new HashMap<>();
  }

  /** What a cached glyph bitmap depends on; the matrix is quantised to 1e-6. */
  record GlyphKey(PDFont font, int code, int rgb, long m00, long m01, long m10, long m11) {
    @Override
    public boolean equals(Object o) {
      return o instanceof GlyphKey k
          && k.font == font
          && k.code == code
          && k.rgb == rgb
          && k.m00 == m00
          && k.m01 == m01
          && k.m10 == m10
          && k.m11 == m11;
    }

    @Override
    public int hashCode() {
      int h = System.identityHashCode(font);
      h = 31 * h + code;
      h = 31 * h + rgb;
      h = 31 * h + Long.hashCode(m00);
      h = 31 * h + Long.hashCode(m01);
      h = 31 * h + Long.hashCode(m10);
      return 31 * h + Long.hashCode(m11);
    }
  }

  /** A rasterised glyph: its bitmap and the offset of its top-left pixel from the glyph origin. */
  record GlyphMask(BufferedImage image, int dx, int dy, boolean uncacheable) {
    static final GlyphMask EMPTY = new GlyphMask(null, 0, 0, false);
    static final GlyphMask TOO_LARGE = new GlyphMask(null, 0, 0, true);
  }

  @Override
  protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
    deadline.check();
    super.processOperator(operator, operands);
  }

  @Override
  public void drawImage(PDImage image) throws IOException {
    long px = (long) image.getWidth() * image.getHeight();
    if (px > maxPixels) {
      throw new PdfRenderer.ImageTooLarge(
          "PDF image of "
              + image.getWidth()
              + " x "
              + image.getHeight()
              + " pixels is larger than the limit of "
              + maxPixels
              + " pixels");
    }
    super.drawImage(image);
  }

  @Override
  protected void showFontGlyph(
      Matrix textRenderingMatrix, PDFont font, int code, Vector displacement) throws IOException {
    if (glyphs == null || !(font instanceof PDVectorFont vector) || !font.isEmbedded()) {
      super.showFontGlyph(textRenderingMatrix, font, code, displacement);
      return;
    }
    PDGraphicsState state = getGraphicsState();
    if (state.getTextState().getRenderingMode() != RenderingMode.FILL
        || state.getNonStrokeAlphaConstant() != 1.0
        || state.getSoftMask() != null
        || state.getBlendMode() != BlendMode.NORMAL) {
      super.showFontGlyph(textRenderingMatrix, font, code, displacement);
      return;
    }
    Paint paint = getNonStrokingPaint();
    if (!(paint instanceof Color colour) || colour.getAlpha() != 255) {
      super.showFontGlyph(textRenderingMatrix, font, code, displacement);
      return;
    }
    Graphics2D g = getGraphics();
    AffineTransform device = g.getTransform();
    device.concatenate(textRenderingMatrix.createAffineTransform());
    device.concatenate(font.getFontMatrix().createAffineTransform());
    GlyphKey key =
        new GlyphKey(
            font,
            code,
            colour.getRGB(),
            Math.round(device.getScaleX() * 1e6),
            Math.round(device.getShearX() * 1e6),
            Math.round(device.getShearY() * 1e6),
            Math.round(device.getScaleY() * 1e6));
    GlyphMask mask = glyphs.get(key);
    if (mask == null) {
      mask = rasterise(vector.getNormalizedPath(code), key, colour);
      if (glyphs.size() >= MAX_CACHED_GLYPHS) {
        glyphs.clear();
      }
      glyphs.put(key, mask);
    }
    if (mask.uncacheable()) {
      super.showFontGlyph(textRenderingMatrix, font, code, displacement);
      return;
    }
    if (mask.image() == null) {
      return; // a blank glyph (space)
    }
    g.setComposite(AlphaComposite.SrcOver);
    setClip();
    AffineTransform saved = g.getTransform();
    g.setTransform(IDENTITY);
    g.drawImage(
        mask.image(),
        (int) Math.round(device.getTranslateX()) + mask.dx(),
        (int) Math.round(device.getTranslateY()) + mask.dy(),
        null);
    g.setTransform(saved);
  }

  private static GlyphMask rasterise(GeneralPath path, GlyphKey key, Color colour) {
    if (path == null) {
      return GlyphMask.EMPTY;
    }
    AffineTransform linear =
        new AffineTransform(
            key.m00() / 1e6, key.m10() / 1e6, key.m01() / 1e6, key.m11() / 1e6, 0, 0);
    Shape shape = linear.createTransformedShape(path);
    Rectangle2D b = shape.getBounds2D();
    if (b.isEmpty()) {
      return GlyphMask.EMPTY;
    }
    if (b.getWidth() > MAX_CACHED_GLYPH_PX || b.getHeight() > MAX_CACHED_GLYPH_PX) {
      return GlyphMask.TOO_LARGE;
    }
    int x0 = (int) Math.floor(b.getMinX());
    int y0 = (int) Math.floor(b.getMinY());
    int w = (int) Math.ceil(b.getMaxX()) - x0 + 1;
    int h = (int) Math.ceil(b.getMaxY()) - y0 + 1;
    // Two colours, index 0 fully transparent: Java2D copies such "bitmask" images to the page
    // with its fast transparent-over loops.
    IndexColorModel palette =
        new IndexColorModel(
            8,
            2,
            // index 0 is the glyph colour inverted, so the fill never picks it (white text too)
            new byte[] {(byte) (255 - colour.getRed()), (byte) colour.getRed()},
            new byte[] {(byte) (255 - colour.getGreen()), (byte) colour.getGreen()},
            new byte[] {(byte) (255 - colour.getBlue()), (byte) colour.getBlue()},
            0);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, palette);
    Graphics2D mg = img.createGraphics();
    try {
      mg.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
      mg.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_NORMALIZE);
      mg.setColor(colour);
      mg.translate(-x0, -y0);
      mg.fill(shape);
    } finally {
      mg.dispose();
    }
    return new GlyphMask(img, x0, y0, false);
  }
}
