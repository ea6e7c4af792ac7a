package org.faxgw.render.received;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.faxgw.fixtures.RecordedCalls;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxTiffReader;
import org.faxgw.t4.Resolution;
import org.faxgw.testkit.ExternalTool;
import org.faxgw.testkit.Pixels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The PDF of received pages checked with poppler (pdfinfo, pdfimages) against libtiff's decode of
 * the same TIFF (tiffcp -c none): page count, page size in points, and every pixel.
 */
class ReceivedPdfWriterIT {
  @TempDir Path tmp;

  static String run(Path dir, String... cmd) throws IOException, InterruptedException {
    return ExternalTool.runOk(dir, cmd);
  }

  /** A TIFF HylaFAX wrote on receipt of a recorded call (the fixtures module), by its name. */
  private static byte[] resource(String name) {
    for (String call : RecordedCalls.ALL) {
      if (RecordedCalls.receivedTiffName(call).equals(name)) {
        return RecordedCalls.receivedTiff(call);
      }
    }
    throw new IllegalArgumentException("no recorded call received " + name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fax000000011.tif", "fax000000016.tif"})
  void pdfHoldsTheTiffPagesPixelForPixelAtTheirSize(String name) throws Exception {
    byte[] tiff = resource(name);
    Path src = tmp.resolve(name);
    Files.write(src, tiff);
    // libtiff's decode of the received file
    run(tmp, "tiffcp", "-c", "none", src.toString(), tmp.resolve("plain.tif").toString());
    List<BilevelPage> reference = FaxTiffReader.read(Files.readAllBytes(tmp.resolve("plain.tif")));

    // our decode, our PDF
    List<BilevelPage> pages = FaxTiffReader.read(tiff);
    byte[] pdf = new ReceivedPdfWriter().write(pages, ReceivedPdfWriter.Info.untitled());
    Path pdfFile = tmp.resolve("out.pdf");
    Files.write(pdfFile, pdf);

    String info = run(tmp, "pdfinfo", "-f", "1", "-l", "1000", pdfFile.toString());
    assertThat(info).containsPattern("(?m)^Pages:\\s+" + reference.size() + "$");
    for (int i = 0; i < reference.size(); i++) {
      BilevelPage r = reference.get(i);
      Matcher m =
          Pattern.compile("(?m)^Page\\s+" + (i + 1) + " size:\\s+([0-9.]+) x ([0-9.]+) pts")
              .matcher(info);
      assertThat(m.find()).as(info).isTrue();
      assertThat(Double.parseDouble(m.group(1)))
          .isCloseTo(
              r.width() * 72.0 / r.resolution().xDpi(), org.assertj.core.data.Offset.offset(0.01));
      assertThat(Double.parseDouble(m.group(2)))
          .isCloseTo(
              r.height() * 72.0 / r.resolution().yDpi(), org.assertj.core.data.Offset.offset(0.01));
    }
    // A4 at normal resolution stays A4: 1146 rows / 98 dpi = 11.69 in, not squashed to half.
    assertThat(info).containsPattern("Page\\s+1 size:\\s+609\\.88\\d* x 841\\.9[56]\\d* pts");

    String list = run(tmp, "pdfimages", "-list", pdfFile.toString());
    assertThat(list.lines().filter(l -> l.contains(" ccitt ")).count()).isEqualTo(reference.size());

    run(tmp, "pdfimages", "-png", pdfFile.toString(), tmp.resolve("img").toString());
    for (int i = 0; i < reference.size(); i++) {
      BufferedImage img = ImageIO.read(tmp.resolve(String.format("img-%03d.png", i)).toFile());
      assertSamePixels(reference.get(i), img, "page " + (i + 1));
    }
  }

  static void assertSamePixels(BilevelPage ref, BufferedImage img, String what) {
    Pixels.assertSame(ref.width(), ref.height(), ref::pixel, ref.blackPixels(), img, what);
  }

  @Test
  void finePagesAndOddWidthsKeepTheirGeometry() throws Exception {
    byte[] bits = new byte[BilevelPage.stride(1001) * 300];
    for (int y = 0; y < 300; y++) {
      for (int x = y; x < 1001; x += 7) {
        bits[y * BilevelPage.stride(1001) + (x >>> 3)] |= (byte) (0x80 >>> (x & 7));
      }
    }
    List<BilevelPage> pages = new ArrayList<>();
    pages.add(new BilevelPage(1001, 300, Resolution.FINE, bits));
    pages.add(BilevelPage.blank(1728, 2292, Resolution.FINE));
    Path pdfFile = tmp.resolve("fine.pdf");
    Files.write(pdfFile, new ReceivedPdfWriter().write(pages, ReceivedPdfWriter.Info.untitled()));
    String info = run(tmp, "pdfinfo", "-f", "1", "-l", "2", pdfFile.toString());
    assertThat(info).containsPattern("Page\\s+2 size:\\s+609\\.88\\d* x 841\\.9[56]\\d* pts");
    run(tmp, "pdfimages", "-png", pdfFile.toString(), tmp.resolve("img").toString());
    assertSamePixels(pages.get(0), ImageIO.read(tmp.resolve("img-000.png").toFile()), "odd page");
  }
}
