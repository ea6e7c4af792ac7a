package org.faxgw.render;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.Resolution;

/**
 * Grey to black and white, the one rule every renderer uses.
 *
 * <p><b>The rule.</b> Grey values (0 black .. 255 white) at or below {@value #BLACK_AT_OR_BELOW}
 * become black and at or above {@value #WHITE_AT_OR_ABOVE} white, always: text, lines and paper
 * stay crisp, and a tinted or slightly grey scan background turns white. Values in between are
 * ordered-dithered with an 8x8 Bayer matrix whose 64 thresholds are spread evenly over that band,
 * so a mid-tone {@code v} gets a fraction {@code (208 - v) / 160} of black pixels in a regular
 * pattern: photos stay recognisable, and the result depends on the pixel alone (pages and bands can
 * be processed in parallel, and the same input always gives the same page). Ordered dithering was
 * chosen over error diffusion because its regular patterns code shorter in T.4 and do not smear
 * into nearby text.
 */
final class Halftone {
  /** Grey at or below this is always black. */
  static final int BLACK_AT_OR_BELOW = 48;

  /** Grey at or above this is always white. */
  static final int WHITE_AT_OR_ABOVE = 208;

  /** Reads eight grey bytes at once. */
  private static final VarHandle EIGHT =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** Thresholds by (y mod 8) * 8 + (x mod 8): a pixel is black when its grey is below. */
  private static final int[] THRESHOLD = thresholds();

  private Halftone() {}

  /** The 8x8 Bayer index matrix, built by the recursion M(2n) = [4M, 4M+2; 4M+3, 4M+1]. */
  static int[] bayer8() {
    int[] m = {0};
    int n = 1;
    while (n < 8) {
      int[] next = new int[4 * n * n];
      int size = 2 * n;
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          int v = 4 * m[y * n + x];
          next[y * size + x] = v;
          next[y * size + x + n] = v + 2;
          next[(y + n) * size + x] = v + 3;
          next[(y + n) * size + x + n] = v + 1;
        }
      }
      m = next;
      n = size;
    }
    return m;
  }

  private static int[] thresholds() {
    int[] b = bayer8();
    int[] t = new int[64];
    int span = WHITE_AT_OR_ABOVE - BLACK_AT_OR_BELOW;
    for (int i = 0; i < 64; i++) {
      // centre of the i-th of 64 equal steps in (48, 208): 49 .. 206
      t[i] = BLACK_AT_OR_BELOW + 1 + (2 * b[i] * (span - 1) + (span - 1)) / 128;
    }
    return t;
  }

  /** Is grey {@code v} at column x, row y black? */
  static boolean black(int v, int x, int y) {
    return v < THRESHOLD[(y & 7) << 3 | (x & 7)];
  }

  /**
   * Converts an 8-bit grey raster to a packed page of the same size.
   *
   * @param gray row-major grey bytes, {@code grayStride} bytes per row
   */
  static BilevelPage toPage(
      byte[] gray, int grayOffset, int grayStride, int width, int height, Resolution r) {
    int stride = BilevelPage.stride(width);
    byte[] out = new byte[stride * height];
    for (int y = 0; y < height; y++) {
      int trow = (y & 7) << 3;
      int t0 = THRESHOLD[trow];
      int t1 = THRESHOLD[trow + 1];
      int t2 = THRESHOLD[trow + 2];
      int t3 = THRESHOLD[trow + 3];
      int t4 = THRESHOLD[trow + 4];
      int t5 = THRESHOLD[trow + 5];
      int t6 = THRESHOLD[trow + 6];
      int t7 = THRESHOLD[trow + 7];
      int in = grayOffset + y * grayStride;
      int o = y * stride;
      int x = 0;
      for (; x + 8 <= width; x += 8, in += 8) {
        long eight = (long) EIGHT.get(gray, in);
        if (eight == -1L) {
          continue; // eight white pixels: the common case on paper
        }
        if (eight == 0L) {
          out[o + (x >>> 3)] = (byte) 0xFF; // eight black pixels
          continue;
        }
        // branch-free: (v - t) is negative exactly when the pixel is black
        int bits =
            (((gray[in] & 0xFF) - t0) >>> 31) << 7
                | (((gray[in + 1] & 0xFF) - t1) >>> 31) << 6
                | (((gray[in + 2] & 0xFF) - t2) >>> 31) << 5
                | (((gray[in + 3] & 0xFF) - t3) >>> 31) << 4
                | (((gray[in + 4] & 0xFF) - t4) >>> 31) << 3
                | (((gray[in + 5] & 0xFF) - t5) >>> 31) << 2
                | (((gray[in + 6] & 0xFF) - t6) >>> 31) << 1
                | (((gray[in + 7] & 0xFF) - t7) >>> 31);
        out[o + (x >>> 3)] = (byte) bits;
      }
      for (; x < width; x++, in++) {
        if ((gray[in] & 0xFF) < THRESHOLD[trow + (x & 7)]) {
          out[o + (x >>> 3)] |= (byte) (0x80 >>> (x & 7));
        }
      }
    }
    return new BilevelPage(width, height, r, out);
  }
}
