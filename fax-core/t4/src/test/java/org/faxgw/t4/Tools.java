package org.faxgw.t4;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.faxgw.testkit.ExternalTool;

/** Runs the libtiff tools and reads uncompressed TIFFs with the JDK's own TIFF reader. */
final class Tools {
  private Tools() {}

  record Result(int exit, String stdout, String stderr) {}

  static Result run(Path dir, String... cmd) throws IOException, InterruptedException {
    ExternalTool.Result r = ExternalTool.run(dir, cmd);
    return new Result(r.exit(), r.stdout(), r.stderr());
  }

  /** Runs a command that must exit 0 and print nothing on stderr. */
  static Result runClean(Path dir, String... cmd) throws IOException, InterruptedException {
    Result r = run(dir, cmd);
    assertThat(r.exit()).as("exit of %s; stderr: %s", String.join(" ", cmd), r.stderr()).isZero();
    assertThat(r.stderr()).as("stderr of %s", String.join(" ", cmd)).isEmpty();
    return r;
  }

  /**
   * Reads every page of an uncompressed bilevel TIFF through javax.imageio (independent of our
   * reader): black where the colour model maps the sample to black.
   */
  static List<BilevelPage> readWithImageIo(Path file, List<Resolution> res) throws IOException {
    List<BilevelPage> pages = new ArrayList<>();
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("tiff").next();
      reader.setInput(in);
      int n = reader.getNumImages(true);
      for (int i = 0; i < n; i++) {
        BufferedImage img = reader.read(i);
        Raster r = img.getRaster();
        int w = img.getWidth();
        int h = img.getHeight();
        boolean oneIsBlack = (img.getColorModel().getRGB(1) & 0xFFFFFF) == 0;
        byte[] bits = new byte[BilevelPage.stride(w) * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
          r.getSamples(0, y, w, 1, 0, row);
          for (int x = 0; x < w; x++) {
            if ((row[x] == 1) == oneIsBlack) {
              bits[y * BilevelPage.stride(w) + (x >>> 3)] |= (byte) (0x80 >>> (x & 7));
            }
          }
        }
        pages.add(new BilevelPage(w, h, res.get(i), bits));
      }
      reader.dispose();
    }
    return pages;
  }

  /** First differing row of two pages, or -1. */
  static int firstDifferentRow(BilevelPage a, BilevelPage b) {
    byte[] ra = new byte[a.stride()];
    byte[] rb = new byte[b.stride()];
    for (int y = 0; y < Math.min(a.height(), b.height()); y++) {
      a.rowInto(y, ra, 0);
      b.rowInto(y, rb, 0);
      if (!java.util.Arrays.equals(ra, rb)) {
        return y;
      }
    }
    return a.height() == b.height() ? -1 : Math.min(a.height(), b.height());
  }

  static void assertSamePages(List<BilevelPage> actual, List<BilevelPage> expected, String what) {
    assertThat(actual).as(what + ": page count").hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      BilevelPage a = actual.get(i);
      BilevelPage e = expected.get(i);
      assertThat(a.width()).as("%s page %d width", what, i).isEqualTo(e.width());
      assertThat(a.height()).as("%s page %d height", what, i).isEqualTo(e.height());
      assertThat(firstDifferentRow(a, e))
          .as("%s page %d: first differing row", what, i)
          .isEqualTo(-1);
    }
  }
}
