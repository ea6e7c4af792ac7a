package org.faxgw.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.faxgw.t4.BilevelPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The glyph bitmap cache draws text as well as PDFBox's own outline filling: measured against
 * Ghostscript's rendering of the same PDF, it agrees at least as well, with about the same ink.
 */
class GlyphCacheTest {
  @TempDir Path dir;

  @Test
  void cachedGlyphsAgreeWithGhostscriptAtLeastAsWellAsOutlines() throws Exception {
    Path pdf = Tools.groffPdf(dir, "doc", "a4", 12);
    Path pbm = dir.resolve("gs.pbm");
    Tools.ghostscript(dir, "pbmraw", "204x196", pbm, pdf);
    List<Tools.Pbm> ref = Tools.readPbm(Files.readAllBytes(pbm));
    FaxRenderer renderer = new FaxRenderer(1);
    List<BilevelPage> cached = renderer.render(pdf, null, RenderOptions.defaults());
    List<BilevelPage> outlines;
    PdfRenderer.glyphCacheEnabled = false;
    try {
      outlines = renderer.render(pdf, null, RenderOptions.defaults());
    } finally {
      PdfRenderer.glyphCacheEnabled = true;
    }
    assertThat(cached).hasSameSizeAs(outlines).hasSameSizeAs(ref);
    for (int i = 0; i < cached.size(); i++) {
      BilevelPage a = cached.get(i);
      BilevelPage b = outlines.get(i);
      Tools.Pbm g = ref.get(i);
      int shift = (PageSize.FAX_WIDTH_PX - g.width()) / 2;
      double agreeCached = PdfVersusGhostscriptTest.inkBlockAgreement(a, g, shift);
      double agreeOutlines = PdfVersusGhostscriptTest.inkBlockAgreement(b, g, shift);
      System.out.printf(
          "page %d: ink cached %d, outlines %d; gs ink-block agreement %.4f vs" + " %.4f%n",
          i + 1, a.blackPixels(), b.blackPixels(), agreeCached, agreeOutlines);
      assertThat(agreeCached)
          .as("page %d", i + 1)
          .isGreaterThan(0.9)
          .isGreaterThanOrEqualTo(agreeOutlines - 0.01);
      assertThat((double) a.blackPixels() / b.blackPixels())
          .as("page %d ink ratio", i + 1)
          .isBetween(0.92, 1.08);
    }
  }

  @Test
  void whiteAndColouredTextInAnEmbeddedFontDrawLikeOutlines() throws Exception {
    byte[] pdf;
    try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument();
        java.io.InputStream font =
            TextRenderer.class.getResourceAsStream("fonts/DejaVuSansMono.ttf")) {
      org.apache.pdfbox.pdmodel.PDPage page =
          new org.apache.pdfbox.pdmodel.PDPage(org.apache.pdfbox.pdmodel.common.PDRectangle.A4);
      doc.addPage(page);
      org.apache.pdfbox.pdmodel.font.PDType0Font f =
          org.apache.pdfbox.pdmodel.font.PDType0Font.load(doc, font);
      try (org.apache.pdfbox.pdmodel.PDPageContentStream cs =
          new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
        cs.addRect(50, 600, 495, 100);
        cs.fill();
        cs.beginText();
        cs.setNonStrokingColor(java.awt.Color.WHITE);
        cs.setFont(f, 28);
        cs.newLineAtOffset(70, 635);
        cs.showText("WHITE ON BLACK Привет");
        cs.endText();
        cs.beginText();
        cs.setNonStrokingColor(java.awt.Color.RED);
        cs.setFont(f, 28);
        cs.newLineAtOffset(70, 400);
        cs.showText("RED TEXT Ωβγ");
        cs.endText();
      }
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      doc.save(out);
      pdf = out.toByteArray();
    }
    FaxRenderer renderer = new FaxRenderer(1);
    BilevelPage cached = renderer.render(pdf, null, RenderOptions.defaults()).get(0);
    BilevelPage outlines;
    PdfRenderer.glyphCacheEnabled = false;
    try {
      outlines = renderer.render(pdf, null, RenderOptions.defaults()).get(0);
    } finally {
      PdfRenderer.glyphCacheEnabled = true;
    }
    // the black bar: 50..545 pt across, 142..242 pt from the top
    int x0 = 20 + (int) (60 * 204 / 72.0);
    int x1 = 20 + (int) (530 * 204 / 72.0);
    int y0 = (int) (150 * 196 / 72.0);
    int y1 = (int) (235 * 196 / 72.0);
    double barCached = Pages.ink(cached, x0, y0, x1, y1);
    double barOutlines = Pages.ink(outlines, x0, y0, x1, y1);
    assertThat(barOutlines).as("white text shows in the bar").isLessThan(0.95);
    assertThat(barCached).isCloseTo(barOutlines, org.assertj.core.data.Offset.offset(0.02));
    // red text: 400 pt from the bottom = 442 pt from the top; a dark mid-tone, dithered
    int ry0 = (int) (420 * 196 / 72.0);
    int ry1 = (int) (450 * 196 / 72.0);
    long redCached = (long) (Pages.ink(cached, x0, ry0, x1, ry1) * 1e6);
    long redOutlines = (long) (Pages.ink(outlines, x0, ry0, x1, ry1) * 1e6);
    assertThat(redOutlines).isPositive();
    assertThat((double) redCached / redOutlines).isBetween(0.9, 1.1);
  }
}
