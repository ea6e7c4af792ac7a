package org.faxgw.t4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: every coding gives back the page it was given, for random sizes, contents, K, fill,
 * strip splits and chunkings of the line stream (seeded; a bounded number of cases).
 */
class RandomRoundTripTest {
  static final int CASES = 120;

  /** Rows built from random runs, each row a small edit of the one above or a fresh one. */
  static BilevelPage randomPage(Random r, int w, int h, Resolution res) {
    int stride = BilevelPage.stride(w);
    byte[] b = new byte[stride * h];
    boolean[] row = new boolean[w];
    for (int y = 0; y < h; y++) {
      int kind = r.nextInt(5);
      if (y == 0 || kind == 0) {
        int x = 0;
        boolean black = r.nextBoolean();
        int scale = 1 + r.nextInt(r.nextBoolean() ? 8 : 3000);
        while (x < w) {
          int run = 1 + r.nextInt(scale);
          for (int i = x; i < Math.min(w, x + run); i++) {
            row[i] = black;
          }
          x += run;
          black = !black;
        }
      } else if (kind <= 2) {
        // Shift edges by up to +-4 pixels here and there: vertical and pass modes.
        for (int i = 0; i < 1 + r.nextInt(6); i++) {
          int at = r.nextInt(w);
          int len = 1 + r.nextInt(Math.min(w - at, 5));
          boolean v = r.nextBoolean();
          for (int k = at; k < at + len; k++) {
            row[k] = v;
          }
        }
      } else if (kind == 3) {
        for (int i = 0; i < w; i++) {
          row[i] = false;
        }
      } // kind 4: the same row again
      for (int x = 0; x < w; x++) {
        if (row[x]) {
          b[y * stride + (x >>> 3)] |= (byte) (0x80 >>> (x & 7));
        }
      }
    }
    return new BilevelPage(w, h, res, b);
  }

  @Test
  void everyCodingRoundTripsRandomPages() throws Exception {
    Random r = new Random(20261127);
    int[] widths = {1, 2, 7, 8, 9, 63, 64, 65, 1728, 2048, 2432, 2623, 2624, 3456, 4864};
    for (int i = 0; i < CASES; i++) {
      int w = r.nextInt(3) == 0 ? 1 + r.nextInt(4864) : widths[r.nextInt(widths.length)];
      int h = 1 + r.nextInt(60);
      Resolution res = r.nextBoolean() ? Resolution.FINE : Resolution.NORMAL;
      BilevelPage p = randomPage(r, w, h, res);
      String what = "case " + i + " " + w + "x" + h;
      for (FaxCompression c : FaxCompression.values()) {
        // The line: random K and minimum row length, decoded strictly and tolerantly.
        int k = 1 + r.nextInt(8);
        T4EncodeOptions line =
            T4EncodeOptions.forLine(c, res, r.nextBoolean() ? 0 : r.nextInt(2000)).withK(k);
        byte[] coded = T4Encoder.encode(p, line);
        assertThat(T4Decoder.decode(coded, c, w, h, res, BitOrder.LSB_FIRST))
            .as("%s %s strict", what, c)
            .isEqualTo(p);
        assertThat(T4Decoder.decode(coded, c, w, -1, res, BitOrder.LSB_FIRST))
            .as("%s %s to RTC/EOFB", what, c)
            .isEqualTo(p);
        if (c != FaxCompression.MMR) {
          T4StreamDecoder d = new T4StreamDecoder(w, r.nextBoolean() ? c : null, res);
          int pos = 0;
          while (pos < coded.length) {
            int n = Math.min(coded.length - pos, r.nextInt(40));
            d.putBytes(coded, pos, n, BitOrder.LSB_FIRST);
            pos += n;
          }
          assertThat(d.isPageComplete()).as("%s %s RTC seen", what, c).isTrue();
          assertThat(d.page()).as("%s %s streamed", what, c).isEqualTo(p);
          assertThat(d.badRows()).isZero();
        }
        // TIFF with strips of a random number of rows.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FaxTiffWriter.write(List.of(p, p), c, k, 1 + r.nextInt(h + 2), out);
        assertThat(FaxTiffReader.read(out.toByteArray()))
            .as("%s %s tiff", what, c)
            .isEqualTo(new ArrayList<>(List.of(p, p)));
      }
    }
  }
}
