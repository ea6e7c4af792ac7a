package org.faxgw.t30.spandsp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.FaxTiffReader;
import org.faxgw.t4.FaxTiffWriter;
import org.faxgw.t4.Resolution;

/**
 * Seeded text-like A4 pages (1728 pixels wide): lines of "words" of small black strokes and a
 * frame, so that every coding has runs of many lengths to carry, and documents written as G3 TIFF
 * for spandsp to send.
 */
public final class TestDocuments {
  private TestDocuments() {}

  /** A4 width at 8 dots/mm (T.4 2.2). */
  public static final int WIDTH = 1728;

  /** {@code count} pages, page {@code i} from seed {@code seed + i}. */
  public static List<BilevelPage> pages(int count, Resolution res, long seed) {
    List<BilevelPage> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(page(res, seed + i));
    }
    return list;
  }

  /** One A4 page: 297 mm at 3.85 or 7.7 lines/mm. */
  public static BilevelPage page(Resolution res, long seed) {
    int height = res.yDpi() >= 196 ? 2287 : 1143;
    int stride = BilevelPage.stride(WIDTH);
    byte[] bits = new byte[stride * height];
    Random r = new Random(seed);
    int scale = res.yDpi() >= 196 ? 2 : 1;
    // frame
    for (int x = 40; x < WIDTH - 40; x++) {
      for (int t = 0; t < 3 * scale; t++) {
        set(bits, stride, x, 60 * scale + t);
        set(bits, stride, x, height - 60 * scale - t);
      }
    }
    for (int y = 60 * scale; y < height - 60 * scale; y++) {
      for (int t = 0; t < 4; t++) {
        set(bits, stride, 40 + t, y);
        set(bits, stride, WIDTH - 44 + t, y);
      }
    }
    // lines of words: glyphs of 8-14 px wide strokes, 12 rows tall at normal resolution
    int lineHeight = 24 * scale;
    for (int top = 100 * scale; top + lineHeight < height - 80 * scale; top += lineHeight) {
      if (r.nextInt(6) == 0) {
        continue; // paragraph gap
      }
      int x = 80 + r.nextInt(20);
      int end = WIDTH - 80 - r.nextInt(400);
      while (x < end) {
        int word = 2 + r.nextInt(8);
        for (int g = 0; g < word && x < end; g++) {
          long glyph = r.nextLong();
          int w = 8 + r.nextInt(6);
          for (int gy = 0; gy < 12 * scale; gy++) {
            for (int gx = 0; gx < w; gx++) {
              if (((glyph >>> ((gy / scale) * 5 + gx * 3 / w)) & 1) != 0) {
                set(bits, stride, x + gx, top + gy);
              }
            }
          }
          x += w + 2;
        }
        x += 12 + r.nextInt(8);
      }
    }
    return new BilevelPage(WIDTH, height, res, bits);
  }

  private static void set(byte[] bits, int stride, int x, int y) {
    // bit 7 of byte 0 is the first pixel of a row, 1 = black (BilevelPage convention)
    bits[y * stride + (x >> 3)] |= (byte) (0x80 >>> (x & 7));
  }

  /** Writes {@code pages} as a G3 TIFF (MH) for spandsp to send. */
  public static Path writeTiff(Path file, List<BilevelPage> pages) throws IOException {
    Files.write(file, FaxTiffWriter.write(pages, FaxCompression.MH));
    return file;
  }

  /** Reads a TIFF spandsp received. */
  public static List<BilevelPage> readTiff(Path file) throws IOException {
    return FaxTiffReader.read(Files.readAllBytes(file));
  }
}
