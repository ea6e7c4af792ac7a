package org.faxgw.t4;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A generated corpus of pages that exercise every coding mode (seeded, reproducible). */
final class TestPages {
  private TestPages() {}

  static final int[] WIDTHS = {1728, 2048, 2432};

  /**
   * One page of each kind at each width, at the given resolution and height. Rows are kept to at
   * most {@code width} runs (see {@link #libtiffSafe}); {@link #worstCase} has the width + 1 runs
   * T.4 allows.
   */
  static List<BilevelPage> corpus(Resolution res, int height) {
    List<BilevelPage> pages = new ArrayList<>();
    for (BilevelPage p : rawCorpus(res, height)) {
      pages.add(libtiffSafe(p));
    }
    return pages;
  }

  /**
   * libtiff 4.5 cannot decode an MH row of width + 1 runs (a zero white run, then single pixels
   * alternating to the end: "Fax3Decode1D: Buffer overflow"), though T.4 allows it; such rows get
   * their first pixel cleared so the interop tests exercise our code, not that limit.
   */
  static BilevelPage libtiffSafe(BilevelPage p) {
    byte[] b = p.rows();
    int[] ch = new int[RowCodec.changesCapacity(p.width())];
    for (int y = 0; y < p.height(); y++) {
      if (RowCodec.changes(b, y * p.stride(), p.width(), ch) >= p.width()) {
        b[y * p.stride()] &= 0x3F;
      }
    }
    return new BilevelPage(p.width(), p.height(), p.resolution(), b);
  }

  /** Every row alternates single pixels from a black first pixel: width + 1 runs per MH row. */
  static BilevelPage worstCase(int w, int h, Resolution res) {
    Painter p = new Painter(w, h);
    for (int y = 0; y < h; y++) {
      for (int x = y % 3 == 0 ? 0 : 1; x < w; x += 2) {
        p.set(x, y);
      }
    }
    return p.page(res);
  }

  static List<BilevelPage> rawCorpus(Resolution res, int height) {
    List<BilevelPage> pages = new ArrayList<>();
    long seed = 1;
    for (int w : WIDTHS) {
      pages.add(text(w, height, res, seed++));
      pages.add(dither(w, height, res, seed++));
      pages.add(BilevelPage.blank(w, height, res));
      pages.add(allBlack(w, height, res));
      pages.add(verticalStripes(w, height, res));
      pages.add(horizontalStripes(w, height, res));
      pages.add(randomRows(w, height, res, seed++));
      pages.add(checker(w, height, res));
      pages.add(edges(w, height, res, seed++));
      pages.add(longRuns(w, height, res, seed++));
    }
    return pages;
  }

  static BilevelPage allBlack(int w, int h, Resolution res) {
    byte[] b = new byte[BilevelPage.stride(w) * h];
    java.util.Arrays.fill(b, (byte) 0xFF);
    return new BilevelPage(w, h, res, b);
  }

  /** Text-like strokes: short horizontal and vertical strokes in lines of "glyphs". */
  static BilevelPage text(int w, int h, Resolution res, long seed) {
    Random r = new Random(seed);
    Painter p = new Painter(w, h);
    int lineHeight = res.yDpi() > 150 ? 40 : 20;
    for (int top = 60; top + lineHeight < h - 40; top += lineHeight + lineHeight / 2) {
      int x = 80;
      while (x < w - 120) {
        int gw = 8 + r.nextInt(14);
        if (r.nextInt(7) == 0) {
          x += gw; // space
          continue;
        }
        int strokes = 1 + r.nextInt(4);
        for (int s = 0; s < strokes; s++) {
          if (r.nextBoolean()) {
            int sx = x + r.nextInt(gw);
            p.rect(sx, top + r.nextInt(lineHeight / 3), 2 + r.nextInt(2), lineHeight / 2);
          } else {
            p.rect(x, top + r.nextInt(lineHeight - 3), gw - 2, 2 + r.nextInt(2));
          }
        }
        x += gw + 2 + r.nextInt(3);
      }
    }
    return p.page(res);
  }

  /** Ordered-dither halftone of a smooth gradient (many short runs). */
  static BilevelPage dither(int w, int h, Resolution res, long seed) {
    int[][] bayer = {{0, 8, 2, 10}, {12, 4, 14, 6}, {3, 11, 1, 9}, {15, 7, 13, 5}};
    Painter p = new Painter(w, h);
    Random r = new Random(seed);
    double fx = 3 + r.nextInt(5);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double v = 0.5 + 0.5 * Math.sin(x / (w / fx)) * Math.cos(y / 97.0);
        if (v * 16 > bayer[y & 3][x & 3] + 0.5) {
          p.set(x, y);
        }
      }
    }
    return p.page(res);
  }

  static BilevelPage verticalStripes(int w, int h, Resolution res) {
    Painter p = new Painter(w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x += 2) {
        p.set(x, y);
      }
    }
    return p.page(res);
  }

  static BilevelPage horizontalStripes(int w, int h, Resolution res) {
    Painter p = new Painter(w, h);
    for (int y = 0; y < h; y += 2) {
      p.rect(0, y, w, 1);
    }
    return p.page(res);
  }

  static BilevelPage checker(int w, int h, Resolution res) {
    Painter p = new Painter(w, h);
    for (int y = 0; y < h; y++) {
      for (int x = (y & 1); x < w; x += 2) {
        p.set(x, y);
      }
    }
    return p.page(res);
  }

  static BilevelPage randomRows(int w, int h, Resolution res, long seed) {
    Random r = new Random(seed);
    byte[] b = new byte[BilevelPage.stride(w) * h];
    r.nextBytes(b);
    return new BilevelPage(w, h, res, b);
  }

  /** Black at the first and last column, runs that end exactly at the row end, lone pixels. */
  static BilevelPage edges(int w, int h, Resolution res, long seed) {
    Random r = new Random(seed);
    Painter p = new Painter(w, h);
    for (int y = 0; y < h; y++) {
      switch (y % 5) {
        case 0 -> p.set(0, y);
        case 1 -> p.set(w - 1, y);
        case 2 -> p.rect(w - 1 - r.nextInt(200), y, w, 1);
        case 3 -> p.rect(0, y, 1 + r.nextInt(300), 1);
        default -> {
          for (int i = 0; i < 20; i++) {
            p.set(r.nextInt(w), y);
          }
        }
      }
    }
    return p.page(res);
  }

  /** Runs of every length class: make-up codes, extended make-up codes, long black runs. */
  static BilevelPage longRuns(int w, int h, Resolution res, long seed) {
    Random r = new Random(seed);
    Painter p = new Painter(w, h);
    for (int y = 0; y < h; y++) {
      int x = 0;
      boolean black = r.nextBoolean();
      while (x < w) {
        int run = 1 + r.nextInt(y % 3 == 0 ? 2600 : 200);
        if (black) {
          p.rect(x, y, Math.min(run, w - x), 1);
        }
        x += run;
        black = !black;
      }
    }
    return p.page(res);
  }

  /** Pixel painter over a packed buffer. */
  static final class Painter {
    final int w;
    final int h;
    final byte[] b;

    Painter(int w, int h) {
      this.w = w;
      this.h = h;
      this.b = new byte[BilevelPage.stride(w) * h];
    }

    void set(int x, int y) {
      if (x >= 0 && x < w && y >= 0 && y < h) {
        b[y * BilevelPage.stride(w) + (x >>> 3)] |= (byte) (0x80 >>> (x & 7));
      }
    }

    void rect(int x0, int y0, int rw, int rh) {
      for (int y = y0; y < y0 + rh; y++) {
        for (int x = x0; x < x0 + rw; x++) {
          set(x, y);
        }
      }
    }

    BilevelPage page(Resolution res) {
      return new BilevelPage(w, h, res, b);
    }
  }
}
