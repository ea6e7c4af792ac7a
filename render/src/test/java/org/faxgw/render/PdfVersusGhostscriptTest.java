package org.faxgw.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.Resolution;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our PDF rendering against Ghostscript's ({@code gs -sDEVICE=pbmraw -r204x196}) on text PDFs the
 * test makes itself with groff -ms and ps2pdf: same page count, same geometry, and at least 90 % of
 * 16x16 blocks agree on ink / no ink.
 */
class PdfVersusGhostscriptTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"a4, A4, 204, 196", "letter, LETTER, 204, 196", "a4, A4, 204, 98"})
  void textPdfMatchesGhostscript(String paper, PageSize size, int xdpi, int ydpi) throws Exception {
    Path pdf = Tools.groffPdf(dir, "doc", paper, 24);
    Path pbm = dir.resolve("gs.pbm");
    Tools.ghostscript(dir, "pbmraw", xdpi + "x" + ydpi, pbm, pdf);
    List<Tools.Pbm> ref = Tools.readPbm(Files.readAllBytes(pbm));
    assertThat(ref).as("gs pages").hasSizeGreaterThanOrEqualTo(3);

    RenderOptions o =
        RenderOptions.defaults().withPageSize(size).withResolution(new Resolution(xdpi, ydpi));
    List<BilevelPage> ours = new FaxRenderer().render(pdf, "application/pdf", o);

    assertThat(ours).hasSize(ref.size());
    for (int i = 0; i < ours.size(); i++) {
      BilevelPage p = ours.get(i);
      Tools.Pbm g = ref.get(i);
      assertThat(p.width()).isEqualTo(PageSize.FAX_WIDTH_PX);
      assertThat(p.height()).as("page %d rows", i + 1).isEqualTo(g.height());
      assertThat(p.resolution()).isEqualTo(new Resolution(xdpi, ydpi));
      // gs's pbm page is the paper's own width (A4 1686, Letter 1734): centre it on 1728
      int shift = (PageSize.FAX_WIDTH_PX - g.width()) / 2;
      double agree = blockAgreement(p, g, shift);
      System.out.printf(
          "%s %dx%d page %d: blocks agreeing %.4f, ink blocks agreeing %.4f%n",
          size, xdpi, ydpi, i + 1, agree, inkBlockAgreement(p, g, shift));
      assertThat(inkBlockAgreement(p, g, shift))
          .as("page %d: share of inked 16x16 blocks inked on both", i + 1)
          .isGreaterThanOrEqualTo(0.85);
      assertThat(agree)
          .as("page %d: share of 16x16 blocks agreeing on ink", i + 1)
          .isGreaterThanOrEqualTo(0.90);
      assertThat(p.blackPixels()).as("page %d has ink", i + 1).isGreaterThan(10_000);
    }
    // The measure tells pages apart: our page 1 against gs's page 2 must not pass.
    int shift2 = (PageSize.FAX_WIDTH_PX - ref.get(1).width()) / 2;
    double wrong = inkBlockAgreement(ours.get(0), ref.get(1), shift2);
    System.out.printf("%s control (page 1 vs gs page 2): ink blocks agreeing %.4f%n", size, wrong);
    assertThat(wrong).as("control: different pages").isLessThan(0.85);
  }

  /** Like {@link #blockAgreement} over the blocks where either side has ink (margins left out). */
  static double inkBlockAgreement(BilevelPage p, Tools.Pbm g, int shift) {
    int[] c = count(p, g, shift);
    return (double) c[2] / Math.max(1, c[3]);
  }

  static double blockAgreement(BilevelPage p, Tools.Pbm g, int shift) {
    int[] c = count(p, g, shift);
    return (double) c[0] / c[1];
  }

  /** {agreeing blocks, blocks, agreeing blocks with ink, blocks with ink on either side}. */
  static int[] count(BilevelPage p, Tools.Pbm g, int shift) {
    int inkAgree = 0;
    int inkTotal = 0;
    int agree = 0;
    int total = 0;
    for (int by = 0; by + 16 <= p.height(); by += 16) {
      for (int bx = 0; bx + 16 <= p.width(); bx += 16) {
        boolean inkOurs = false;
        boolean inkGs = false;
        for (int y = by; y < by + 16; y++) {
          for (int x = bx; x < bx + 16; x++) {
            inkOurs |= p.pixel(x, y);
            int gx = x - shift;
            if (gx >= 0 && gx < g.width() && y < g.height()) {
              inkGs |= g.black(gx, y);
            }
          }
        }
        total++;
        if (inkOurs == inkGs) {
          agree++;
        }
        if (inkOurs || inkGs) {
          inkTotal++;
          if (inkOurs && inkGs) {
            inkAgree++;
          }
        }
      }
    }
    return new int[] {agree, total, inkAgree, inkTotal};
  }
}
