package org.faxgw.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.Resolution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostScriptAndPdfTest {
  @TempDir Path dir;

  private final FaxRenderer renderer = new FaxRenderer();

  @Test
  void postScriptRendersLikeGhostscriptsOwnPbm() throws Exception {
    Path ps = Tools.groffPs(dir, "doc", "a4", 20);
    Path pbm = dir.resolve("ref.pbm");
    Tools.ghostscript(dir, "pbmraw", "204x196", pbm, ps);
    List<Tools.Pbm> ref = Tools.readPbm(Files.readAllBytes(pbm));
    List<BilevelPage> pages =
        renderer.render(ps, "application/postscript", RenderOptions.defaults());
    assertThat(pages).hasSize(ref.size()).hasSizeGreaterThanOrEqualTo(3);
    for (int i = 0; i < pages.size(); i++) {
      BilevelPage p = pages.get(i);
      assertThat(p.width()).isEqualTo(1728);
      assertThat(p.height()).isEqualTo(2292);
      assertThat(p.blackPixels()).isGreaterThan(10_000);
      int shift = (1728 - ref.get(i).width()) / 2;
      assertThat(PdfVersusGhostscriptTest.inkBlockAgreement(p, ref.get(i), shift))
          .isGreaterThan(0.97);
    }
    // the margins stay white, the text block has ink
    assertThat(Pages.ink(pages.get(0), 0, 0, 1728, 100)).isZero();
    assertThat(Pages.ink(pages.get(0), 0, 0, 60, 2292)).isZero();
  }

  @Test
  void postScriptOnLetterAndNormal() throws Exception {
    Path ps = Tools.groffPs(dir, "doc", "letter", 6);
    List<BilevelPage> pages =
        renderer.render(
            ps,
            null,
            RenderOptions.defaults()
                .withPageSize(PageSize.LETTER)
                .withResolution(Resolution.NORMAL));
    assertThat(pages)
        .isNotEmpty()
        .allSatisfy(
            p -> {
              assertThat(p.width()).isEqualTo(1728);
              assertThat(p.height()).isEqualTo(1078);
              assertThat(p.resolution()).isEqualTo(Resolution.NORMAL);
            });
  }

  /** A landscape A4 page with a filled bar along its top edge. */
  static byte[] landscapePdf(int rotate) throws Exception {
    try (PDDocument doc = new PDDocument()) {
      PDRectangle land = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
      PDPage page = new PDPage(rotate == 0 ? land : PDRectangle.A4);
      page.setRotation(rotate);
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        if (rotate == 0) {
          // bar along the top of the landscape page: y from 495 to 575 (of 595), x 100..742
          cs.addRect(100, 495, 642, 80);
        } else {
          // portrait media shown rotated 90 clockwise: its left edge (x small) is the shown top
          cs.addRect(20, 100, 80, 642);
        }
        cs.fill();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  @Test
  void landscapePageIsTurnedTopToTheLeft() throws Exception {
    BilevelPage p = renderer.render(landscapePdf(0), null, RenderOptions.defaults()).get(0);
    assertThat(p.width()).isEqualTo(1728);
    assertThat(p.height()).isEqualTo(2292);
    // the bar is now a vertical stripe near the left edge of the portrait page
    double leftStripe = Pages.ink(p, 21 + 60, 400, 21 + 260, 1900);
    double rightHalf = Pages.ink(p, 900, 0, 1728, 2292);
    assertThat(leftStripe).isGreaterThan(0.95);
    assertThat(rightHalf).isZero();
  }

  @Test
  void rotatedPortraitMediaShownLandscapeIsTurnedTheSameWay() throws Exception {
    BilevelPage turned = renderer.render(landscapePdf(0), null, RenderOptions.defaults()).get(0);
    BilevelPage rotated = renderer.render(landscapePdf(90), null, RenderOptions.defaults()).get(0);
    assertThat(Pages.ink(rotated, 21 + 60, 400, 21 + 260, 1900)).isGreaterThan(0.95);
    assertThat(Pages.ink(rotated, 900, 0, 1728, 2292)).isZero();
    assertThat(rotated.blackPixels())
        .isCloseTo(turned.blackPixels(), org.assertj.core.data.Percentage.withPercentage(3));
  }

  @Test
  void truePhysicalSizeAndCentred() throws Exception {
    // a 100 x 100 mm black square on an A4 page, 50 mm from the left and from the top
    byte[] pdf;
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      float mm = 72f / 25.4f;
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.addRect(50 * mm, (297 - 150) * mm, 100 * mm, 100 * mm);
        cs.fill();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      pdf = out.toByteArray();
    }
    BilevelPage p = renderer.render(pdf, null, RenderOptions.defaults()).get(0);
    // 100 mm = 803.1 pixels across (204 dpi), 771.7 rows (196 dpi)
    assertThat(p.blackPixels())
        .isCloseTo(803L * 772, org.assertj.core.data.Percentage.withPercentage(1));
    // left edge at 20 (centring 1686 on 1728) + 50 mm = 20 + 401.6
    assertThat(p.pixel(20 + 400, 386 + 300)).isFalse();
    assertThat(p.pixel(20 + 404, 386 + 300)).isTrue();
    assertThat(p.pixel(20 + 401 + 800, 386 + 300)).isTrue();
    assertThat(p.pixel(20 + 401 + 806, 386 + 300)).isFalse();
  }

  @Test
  void photoInPdfIsDitheredTextStaysCrisp() throws Exception {
    BufferedImage photo = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = photo.createGraphics();
    for (int x = 0; x < 300; x++) {
      int v = x * 255 / 299; // horizontal ramp black to white
      g.setColor(new Color(v, v, v));
      g.fillRect(x, 0, 1, 300);
    }
    g.dispose();
    byte[] pdf;
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      PDImageXObject img = LosslessFactory.createFromImage(doc, photo);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.drawImage(img, 100, 400, 300, 300);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      pdf = out.toByteArray();
    }
    BilevelPage p = renderer.render(pdf, null, RenderOptions.defaults()).get(0);
    // image spans x 100..400 pt -> 283..1133 px (+20 centring); rows (842-700)..(842-400) pt
    int x0 = 20 + 284;
    int y0 = (int) ((842 - 700) * 196 / 72.0) + 2;
    int w = 846;
    int h = 810;
    double darkEnd = Pages.ink(p, x0, y0, x0 + w / 10, y0 + h);
    double middle = Pages.ink(p, x0 + w * 45 / 100, y0, x0 + w * 55 / 100, y0 + h);
    double lightEnd = Pages.ink(p, x0 + w * 90 / 100, y0, x0 + w - 4, y0 + h);
    assertThat(darkEnd).isGreaterThan(0.85);
    assertThat(middle).isBetween(0.3, 0.7);
    assertThat(lightEnd).isLessThan(0.05);
  }
}
