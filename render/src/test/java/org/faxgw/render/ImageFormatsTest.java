package org.faxgw.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.Resolution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Images of every supported format render to fax pages of the right geometry with the content where
 * it belongs: a black square stays black, a mid-grey patch is dithered to about half ink, white
 * stays white.
 */
class ImageFormatsTest {
  @TempDir Path dir;

  private final FaxRenderer renderer = new FaxRenderer();

  /**
   * 800 x 1100: white, a black square at 10-40 % of width and height, a grey-128 patch at 60-90 %.
   */
  static BufferedImage testImage(int type) {
    int w = 800;
    int h = 1100;
    BufferedImage img = new BufferedImage(w, h, type);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.BLACK);
    g.fillRect(w / 10, h / 10, w * 3 / 10, h * 3 / 10);
    g.setColor(new Color(128, 128, 128));
    g.fillRect(w * 6 / 10, h * 6 / 10, w * 3 / 10, h * 3 / 10);
    if (type == BufferedImage.TYPE_INT_RGB) {
      // a red bar in the top right: red's luma (77) is a dark mid-tone
      g.setColor(Color.RED);
      g.fillRect(w * 6 / 10, h / 10, w * 3 / 10, h / 10);
    }
    g.dispose();
    return img;
  }

  static byte[] encode(BufferedImage img, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(img, format, out)).as("a writer for " + format).isTrue();
    return out.toByteArray();
  }

  /** Checks content placement on a page fitted from the 800 x 1100 test image (A4, fine). */
  static void assertTestImage(BilevelPage p) {
    assertThat(p.width()).isEqualTo(1728);
    assertThat(p.height()).isEqualTo(2292);
    // fitted: 1686 wide (A4 paper width) centred, 2228 rows from the top
    int x0 = 21;
    int w = 1686;
    int h = 2228;
    double black = Pages.ink(p, x0 + w * 15 / 100, h * 15 / 100, x0 + w * 35 / 100, h * 35 / 100);
    double grey = Pages.ink(p, x0 + w * 65 / 100, h * 65 / 100, x0 + w * 85 / 100, h * 85 / 100);
    double white = Pages.ink(p, x0 + w * 5 / 100, h * 55 / 100, x0 + w * 50 / 100, h * 95 / 100);
    double below = Pages.ink(p, 0, h + 4, 1728, 2292);
    assertThat(black).as("black square").isGreaterThan(0.99);
    assertThat(grey)
        .as("grey-128 patch dithered to about (208-128)/160 = 50 %")
        .isBetween(0.40, 0.60);
    assertThat(white).as("white area").isLessThan(0.001);
    assertThat(below).as("below the fitted image").isLessThan(0.001);
  }

  @ParameterizedTest
  @CsvSource({"png, 5", "jpeg, 5", "gif, 13", "bmp, 5", "png, 10", "tiff, 10", "tiff, 5"})
  void formatRendersToFaxPage(String format, int type) throws Exception {
    // type 5 = TYPE_3BYTE_BGR, 10 = TYPE_BYTE_GRAY, 13 = TYPE_BYTE_INDEXED
    BufferedImage img = testImage(type);
    byte[] bytes = encode(img, format);
    List<BilevelPage> pages = renderer.render(bytes, null, RenderOptions.defaults());
    assertThat(pages).hasSize(1);
    assertTestImage(pages.get(0));
    assertThat(FaxRenderer.detect(bytes, null).name()).isEqualTo(format.toUpperCase());
  }

  @Test
  void colourTiffRedIsDarkMidTone() throws Exception {
    byte[] bytes = encode(testImage(BufferedImage.TYPE_INT_RGB), "tiff");
    BilevelPage p = renderer.render(bytes, "image/tiff", RenderOptions.defaults()).get(0);
    assertTestImage(p);
    // red bar at 60-90 % x, 10-20 % y: luma 76 -> (208-76)/160 = 82 % ink
    int x0 = 21;
    double red =
        Pages.ink(p, x0 + 1686 * 65 / 100, 2228 * 12 / 100, x0 + 1686 * 85 / 100, 2228 * 18 / 100);
    assertThat(red).isBetween(0.70, 0.92);
  }

  @Test
  void multiPageTiffGivesEveryPage() throws Exception {
    Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("tiff");
    ImageWriter w = it.next();
    ByteArrayOutputStream bout = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bout)) {
      w.setOutput(out);
      w.prepareWriteSequence(null);
      for (int i = 0; i < 3; i++) {
        w.writeToSequence(new IIOImage(testImage(BufferedImage.TYPE_BYTE_GRAY), null, null), null);
      }
      w.endWriteSequence();
    }
    List<BilevelPage> pages =
        renderer.render(bout.toByteArray(), "image/tiff", RenderOptions.defaults());
    assertThat(pages).hasSize(3);
    pages.forEach(ImageFormatsTest::assertTestImage);
  }

  @Test
  void ccittTiffFromGhostscriptIsCopiedPixelForPixel() throws Exception {
    Path ps = Tools.groffPs(dir, "doc", "a4", 10);
    Path g4 = dir.resolve("g4.tif");
    Path pbm = dir.resolve("ref.pbm");
    Tools.ghostscript(dir, "tiffg4", "204x196", g4, ps, "-sPAPERSIZE=a4", "-dFIXEDMEDIA");
    Tools.ghostscript(dir, "pbmraw", "204x196", pbm, ps, "-sPAPERSIZE=a4", "-dFIXEDMEDIA");
    List<Tools.Pbm> ref = Tools.readPbm(Files.readAllBytes(pbm));
    List<BilevelPage> pages = renderer.render(g4, "image/tiff", RenderOptions.defaults());
    assertThat(pages).hasSize(ref.size());
    for (int i = 0; i < pages.size(); i++) {
      BilevelPage p = pages.get(i);
      Tools.Pbm r = ref.get(i);
      assertThat(p.width()).isEqualTo(1728);
      assertThat(p.height()).isEqualTo(r.height());
      assertThat(p.blackPixels()).isGreaterThan(10_000);
      // gs's tiffg4 pads the 1686-pixel A4 line to 1728; find its offset, then every pixel agrees
      long diff = Long.MAX_VALUE;
      for (int shift = 0; shift <= 42; shift++) {
        diff = Math.min(diff, differingPixels(p, r, shift));
      }
      assertThat(diff).as("page %d differing pixels", i + 1).isZero();
    }
  }

  @Test
  void normalResolutionFaxTiffIsStretchedToFine() throws Exception {
    Path ps = Tools.groffPs(dir, "doc", "a4", 4);
    Path g3 = dir.resolve("g3.tif");
    Tools.ghostscript(dir, "tiffg3", "204x98", g3, ps, "-sPAPERSIZE=a4", "-dFIXEDMEDIA");
    List<BilevelPage> normal =
        renderer.render(g3, null, RenderOptions.defaults().withResolution(Resolution.NORMAL));
    List<BilevelPage> fine = renderer.render(g3, null, RenderOptions.defaults());
    assertThat(fine).hasSameSizeAs(normal);
    BilevelPage n = normal.get(0);
    BilevelPage f = fine.get(0);
    assertThat(n.height()).isEqualTo(1146);
    assertThat(f.height()).isEqualTo(2292);
    // each normal row appears twice in the fine page
    long diff = 0;
    for (int y = 0; y < 1145; y++) {
      for (int x = 0; x < 1728; x++) {
        if (n.pixel(x, y) != f.pixel(x, 2 * y) || n.pixel(x, y) != f.pixel(x, 2 * y + 1)) {
          diff++;
        }
      }
    }
    assertThat(diff).isLessThan(1728L * 1145 / 100);
  }

  @Test
  void largeButAllowedImageRendersInASmallHeap() throws Exception {
    // 6000 x 8000 = 48 MP grey, under the 50 MP limit; decoded subsampled, so it fits in -Xmx256m
    BufferedImage img = new BufferedImage(6000, 8000, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 6000, 8000);
    g.setColor(Color.BLACK);
    g.fillRect(600, 800, 1800, 2400);
    g.dispose();
    byte[] png = encode(img, "png");
    img = null;
    BilevelPage p = renderer.render(png, "image/png", RenderOptions.defaults()).get(0);
    assertThat(p.width()).isEqualTo(1728);
    assertThat(Pages.inkRel(p, 0.15, 0.15, 0.35, 0.35)).isGreaterThan(0.99);
    assertThat(Pages.inkRel(p, 0.6, 0.6, 0.9, 0.9)).isLessThan(0.001);
  }

  @Test
  void pngWithTransparencyShowsWhite() throws Exception {
    BufferedImage img = new BufferedImage(400, 400, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.BLACK);
    g.fillRect(0, 0, 200, 400);
    g.dispose(); // right half stays fully transparent (black with alpha 0)
    BilevelPage p = renderer.render(encode(img, "png"), null, RenderOptions.defaults()).get(0);
    // fitted to 1686 wide, square: rows 0..1620 at fine
    assertThat(Pages.ink(p, 100, 100, 800, 1500)).isGreaterThan(0.99);
    assertThat(Pages.ink(p, 900, 100, 1650, 1500)).isLessThan(0.001);
  }

  @Test
  void jpegWithWriterParamsStillDecodes() throws Exception {
    ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = w.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.5f);
    ByteArrayOutputStream bout = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bout)) {
      w.setOutput(out);
      w.write(null, new IIOImage(testImage(BufferedImage.TYPE_3BYTE_BGR), null, null), param);
    }
    assertTestImage(
        renderer.render(bout.toByteArray(), "image/jpeg", RenderOptions.defaults()).get(0));
  }

  private static long differingPixels(BilevelPage p, Tools.Pbm r, int shift) {
    long diff = 0;
    for (int y = 0; y < p.height(); y++) {
      for (int x = 0; x < p.width(); x++) {
        int rx = x - shift;
        boolean rb = rx >= 0 && rx < r.width() && r.black(rx, y);
        if (rb != p.pixel(x, y)) {
          diff++;
        }
      }
      if (diff > 0) {
        return diff;
      }
    }
    return diff;
  }
}
