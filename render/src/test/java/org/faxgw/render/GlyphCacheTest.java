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
    Tools.run(
        dir,
        "gs",
        "-q",
        "-dSAFER",
        "-dBATCH",
        "-dNOPAUSE",
        "-sDEVICE=pbmraw",
        "-r204x196",
        "-sOutputFile=" + pbm,
        pdf.toString());
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
}
