package org.faxgw.t4;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Row-level coding shared by every codec. A row is held as its <em>changing elements</em> (T.4
 * 4.2.1.2): the columns where the colour differs from the pixel to the left, starting from an
 * imaginary white pixel before the first column; even indices turn black, odd indices turn white.
 * Arrays carry three sentinels equal to the width after the last change, so the 2-D coder can read
 * b1 and b2 past the end (T.4 4.2.1.3.2: "imaginary changing element" after the last pixel).
 *
 * <p>One instance per codec: it holds the reason of the last decode error (no allocation on error).
 */
final class RowCodec {
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** Space for the changes of a row of {@code width} pixels plus sentinels. */
  static int changesCapacity(int width) {
    return width + 4;
  }

  /** Why the last decode returned -1. */
  String error;

  static final String E_CODE = "invalid run-length code";
  static final String E_EOL = "EOL inside a row";
  static final String E_LONG = "runs longer than the row";
  static final String E_MODE = "invalid 2-D mode code";
  static final String E_EXTENSION = "2-D extension code (uncompressed mode is not supported)";
  static final String E_VERTICAL = "vertical mode points outside the row";
  static final String E_PASS = "pass mode past the end of the reference row";
  static final String E_DATA = "data ends inside a row";

  // Packed pixels <-> changing elements.

  /**
   * The changing elements of the packed row at {@code src[off..]}, written to {@code out} followed
   * by three sentinels equal to {@code width}.
   *
   * @return the number of changes
   */
  static int changes(byte[] src, int off, int width, int[] out) {
    int n = 0;
    int stride = (width + 7) >>> 3;
    long prev = 0;
    int i = 0;
    for (; i + 8 <= stride; i += 8) {
      long w = (long) LONG_BE.get(src, off + i);
      long t = w ^ ((w >>> 1) | (prev << 63));
      prev = w & 1;
      while (t != 0) {
        int z = Long.numberOfLeadingZeros(t);
        out[n++] = (i << 3) + z;
        t &= ~(Long.MIN_VALUE >>> z);
      }
    }
    for (; i < stride; i++) {
      int b = src[off + i] & 0xFF;
      int t = b ^ ((b >>> 1) | ((int) prev << 7));
      prev = b & 1;
      while (t != 0) {
        int z = Integer.numberOfLeadingZeros(t) - 24;
        out[n++] = (i << 3) + z;
        t &= ~(0x80 >>> z);
      }
    }
    // Pixels past the width are white: a change at or after the width is not a change of the row.
    while (n > 0 && out[n - 1] >= width) {
      n--;
    }
    out[n] = out[n + 1] = out[n + 2] = width;
    return n;
  }

  /**
   * Sets the black runs described by {@code ch[0..n)} in a zeroed packed row at {@code dst[off]}.
   */
  static void fill(int[] ch, int n, int width, byte[] dst, int off) {
    for (int k = 0; k < n; k += 2) {
      int a = ch[k];
      int b = k + 1 < n ? ch[k + 1] : width;
      setBits(dst, off, a, b);
    }
  }

  /** Sets pixels {@code [a, b)} of the packed row at {@code dst[off]}. */
  static void setBits(byte[] dst, int off, int a, int b) {
    if (a >= b) {
      return;
    }
    int ia = a >>> 3;
    int ib = (b - 1) >>> 3;
    int headMask = 0xFF >>> (a & 7);
    int tailMask = (0xFF << (7 - ((b - 1) & 7))) & 0xFF;
    if (ia == ib) {
      dst[off + ia] |= (byte) (headMask & tailMask);
      return;
    }
    dst[off + ia] |= (byte) headMask;
    for (int i = ia + 1; i < ib; i++) {
      dst[off + i] = (byte) 0xFF;
    }
    dst[off + ib] |= (byte) tailMask;
  }

  /** Sets the sentinels of an all-white reference row (T.6 2.2.1: the first reference line). */
  static void whiteRow(int[] ch, int width) {
    ch[0] = ch[1] = ch[2] = width;
  }

  // Encoding.

  /** T.4 4.1: a run of {@code run} pixels of {@code black ? black : white} with make-up codes. */
  static void putRun(BitWriter w, int black, int run) {
    int[] termCode = black != 0 ? T4Codes.BLACK_TERM_CODE : T4Codes.WHITE_TERM_CODE;
    int[] termLen = black != 0 ? T4Codes.BLACK_TERM_LEN : T4Codes.WHITE_TERM_LEN;
    if (run >= 64) {
      int[] mkCode = black != 0 ? T4Codes.BLACK_MAKEUP_CODE : T4Codes.WHITE_MAKEUP_CODE;
      int[] mkLen = black != 0 ? T4Codes.BLACK_MAKEUP_LEN : T4Codes.WHITE_MAKEUP_LEN;
      // T.4 4.1.2: runs of 2624 and more are coded with make-up codes of 2560 first.
      while (run >= 2624) {
        w.put(mkCode[40], mkLen[40]);
        run -= 2560;
      }
      if (run >= 64) {
        int m = run >>> 6;
        w.put(mkCode[m], mkLen[m]);
        run &= 63;
      }
    }
    w.put(termCode[run], termLen[run]);
  }

  /** T.4 4.1.1: one-dimensional coding of a row given by its changes. */
  static void encode1D(BitWriter w, int[] ch, int n, int width) {
    int a0 = 0;
    int color = 0;
    for (int k = 0; ; k++) {
      int a1 = k < n ? ch[k] : width;
      putRun(w, color, a1 - a0);
      if (a1 >= width) {
        return;
      }
      a0 = a1;
      color ^= 1;
    }
  }

  /**
   * T.4 4.2.1.3 / T.6 2.2: two-dimensional coding of {@code cur} against {@code ref} (both with
   * sentinels).
   */
  static void encode2D(BitWriter w, int[] ref, int[] cur, int width) {
    int a0 = -1;
    int color = 0;
    int ai = 0;
    int bi = 0;
    while (true) {
      while (cur[ai] <= a0) {
        ai++;
      }
      int a1 = cur[ai];
      if (bi > 0) {
        bi--;
      }
      while (ref[bi] <= a0) {
        bi++;
      }
      if ((bi & 1) != color) {
        bi++;
      }
      int b1 = ref[bi];
      int b2 = ref[bi + 1];
      if (b2 < a1) {
        // T.4 4.2.1.3.2 a): pass mode.
        w.put(T4Codes.MODE_CODE[T4Codes.MODE_PASS], T4Codes.MODE_LEN[T4Codes.MODE_PASS]);
        a0 = b2;
        continue;
      }
      int d = a1 - b1;
      if (d >= -3 && d <= 3) {
        // T.4 4.2.1.3.2 b) 1): vertical mode.
        int m = T4Codes.VERTICAL_MODE[d + 3];
        w.put(T4Codes.MODE_CODE[m], T4Codes.MODE_LEN[m]);
        a0 = a1;
        color ^= 1;
        ai++;
      } else {
        // T.4 4.2.1.3.2 b) 2): horizontal mode, H + M(a0a1) + M(a1a2).
        int a2 = cur[ai + 1];
        w.put(
            T4Codes.MODE_CODE[T4Codes.MODE_HORIZONTAL], T4Codes.MODE_LEN[T4Codes.MODE_HORIZONTAL]);
        putRun(w, color, a1 - Math.max(a0, 0));
        putRun(w, color ^ 1, a2 - a1);
        a0 = a2;
        ai += 2;
      }
      if (a0 >= width) {
        return;
      }
    }
  }

  // Decoding. Each returns the number of changes written to out (plus sentinels), or -1 with
  // {@link #error} set.

  // The decoders below keep the bit window of the BitReader in locals (acc: bits left-aligned,
  // nbits: how many) and refill before each code: at least 32 bits, more than any code needs.

  /** T.4 4.1.1: decodes one 1-D row. */
  int decode1D(BitReader r, int[] out, int width) {
    final int[] white = T4Codes.WHITE_DECODE;
    final int[] black = T4Codes.BLACK_DECODE;
    final byte[] buf = r.buf;
    final int end = r.end;
    long acc = r.acc;
    int nbits = r.nbits;
    int next = r.next;
    int a0 = 0;
    int n = 0;
    int color = 0;
    while (true) {
      // One run: make-up codes add up until a terminating code.
      final int[] table = color == 0 ? white : black;
      final int shift = color == 0 ? 64 - T4Codes.WHITE_PEEK : 64 - T4Codes.BLACK_PEEK;
      int run = 0;
      while (true) {
        if (nbits < 32) {
          if (next + 8 <= end) {
            acc |= (long) BitReader.LONG_BE.get(buf, next) >>> nbits;
            int take = (63 - nbits) >>> 3;
            next += take;
            nbits += take << 3;
          } else {
            r.acc = acc;
            r.nbits = nbits;
            r.next = next;
            r.refill();
            acc = r.acc;
            nbits = r.nbits;
            next = r.next;
          }
        }
        int e = table[(int) (acc >>> shift)];
        if (e < 0) {
          error = e == T4Codes.DECODE_EOL ? E_EOL : E_CODE;
          return fail(r, acc, nbits, next);
        }
        int len = e & 31;
        acc <<= len;
        nbits -= len;
        int v = e >>> 5;
        run += v;
        if (v < 64) {
          break;
        }
        if (run > width) {
          error = E_LONG;
          return fail(r, acc, nbits, next);
        }
      }
      a0 += run;
      if (a0 >= width) {
        break;
      }
      if (run == 0 && n > 0) {
        n--; // a zero-length run cancels the previous change
      } else {
        out[n++] = a0;
      }
      color ^= 1;
    }
    sync(r, acc, nbits, next);
    if (a0 > width) {
      error = E_LONG;
      return -1;
    }
    if (r.overrun()) {
      error = E_DATA;
      return -1;
    }
    out[n] = out[n + 1] = out[n + 2] = width;
    return n;
  }

  private static int fail(BitReader r, long acc, int nbits, int next) {
    sync(r, acc, nbits, next);
    return -1;
  }

  /** Hands the window back to the reader, refilled to its invariant (at least 32 bits). */
  private static void sync(BitReader r, long acc, int nbits, int next) {
    r.acc = acc;
    r.nbits = nbits;
    r.next = next;
    if (nbits < 32) {
      r.refill();
    }
  }

  /** T.4 4.2.1.3 / T.6 2.2: decodes one 2-D row against {@code ref} (with sentinels). */
  int decode2D(BitReader r, int[] ref, int[] out, int width) {
    final int[] modes = T4Codes.MODE_DECODE;
    final int[] runs = T4Codes.RUN_DECODE;
    final byte[] buf = r.buf;
    final int end = r.end;
    long acc = r.acc;
    int nbits = r.nbits;
    int next = r.next;
    int a0 = -1;
    int color = 0;
    // bi: index of b1 in ref; its parity always equals the colour (even = changes to black).
    int bi = 0;
    int n = 0;
    while (a0 < width) {
      while (ref[bi] <= a0) {
        bi += 2;
      }
      int b1 = ref[bi];
      if (nbits < 32) {
        if (next + 8 <= end) {
          acc |= (long) BitReader.LONG_BE.get(buf, next) >>> nbits;
          int take = (63 - nbits) >>> 3;
          next += take;
          nbits += take << 3;
        } else {
          r.acc = acc;
          r.nbits = nbits;
          r.next = next;
          r.refill();
          acc = r.acc;
          nbits = r.nbits;
          next = r.next;
        }
      }
      int e = modes[(int) (acc >>> (64 - T4Codes.MODE_PEEK))];
      if (e == 0) {
        int p12 = (int) (acc >>> 52);
        error = p12 == T4Codes.EOL || p12 == 0 ? E_EOL : E_MODE;
        return fail(r, acc, nbits, next);
      }
      int len = e & 7;
      acc <<= len;
      nbits -= len;
      int mode = e >>> 3;
      if (mode >= T4Codes.MODE_V0) {
        if (mode == T4Codes.MODE_EXTENSION) {
          error = E_EXTENSION;
          return fail(r, acc, nbits, next);
        }
        int a1 = b1 + VERTICAL_DELTA[mode];
        if (a1 <= a0 || a1 > width) {
          error = E_VERTICAL;
          return fail(r, acc, nbits, next);
        }
        if (a1 < width) {
          out[n++] = a1; // a1 > a0 >= every change so far: never a duplicate
        }
        a0 = a1;
        color ^= 1;
        // The next b1 has the other parity and lies after a1: it is at bi - 1 or later (b1 - 3
        // <= a1 and ref[bi - 2] <= the old a0 < a1).
        bi = bi > 0 ? bi - 1 : bi + 1;
      } else if (mode == T4Codes.MODE_PASS) {
        if (b1 >= width) {
          error = E_PASS;
          return fail(r, acc, nbits, next);
        }
        a0 = ref[bi + 1];
        bi += 2;
      } else {
        // Horizontal mode: M(a0a1) in the current colour, M(a1a2) in the other.
        int pos = a0 < 0 ? 0 : a0;
        int c = color;
        for (int k = 0; k < 2; k++) {
          final int base = c << 13;
          int run = 0;
          while (true) {
            if (nbits < 32) {
              if (next + 8 <= end) {
                acc |= (long) BitReader.LONG_BE.get(buf, next) >>> nbits;
                int take = (63 - nbits) >>> 3;
                next += take;
                nbits += take << 3;
              } else {
                r.acc = acc;
                r.nbits = nbits;
                r.next = next;
                r.refill();
                acc = r.acc;
                nbits = r.nbits;
                next = r.next;
              }
            }
            int re = runs[base | (int) (acc >>> 51)];
            if (re < 0) {
              error = re == T4Codes.DECODE_EOL ? E_EOL : E_CODE;
              return fail(r, acc, nbits, next);
            }
            int rl = re & 31;
            acc <<= rl;
            nbits -= rl;
            int v = re >>> 5;
            run += v;
            if (v < 64) {
              break;
            }
            if (run > width) {
              error = E_LONG;
              return fail(r, acc, nbits, next);
            }
          }
          pos += run;
          if (pos > width) {
            error = E_LONG;
            return fail(r, acc, nbits, next);
          }
          n = addChange(out, n, pos, width);
          c ^= 1;
        }
        a0 = pos;
      }
    }
    sync(r, acc, nbits, next);
    if (r.overrun()) {
      error = E_DATA;
      return -1;
    }
    out[n] = out[n + 1] = out[n + 2] = width;
    return n;
  }

  /** a1 - b1 for each vertical mode, indexed by mode number. */
  private static final int[] VERTICAL_DELTA = new int[10];

  static {
    VERTICAL_DELTA[T4Codes.MODE_V0] = 0;
    VERTICAL_DELTA[T4Codes.MODE_VR1] = 1;
    VERTICAL_DELTA[T4Codes.MODE_VR2] = 2;
    VERTICAL_DELTA[T4Codes.MODE_VR3] = 3;
    VERTICAL_DELTA[T4Codes.MODE_VL1] = -1;
    VERTICAL_DELTA[T4Codes.MODE_VL2] = -2;
    VERTICAL_DELTA[T4Codes.MODE_VL3] = -3;
  }

  private static int addChange(int[] out, int n, int p, int width) {
    if (p >= width) {
      return n;
    }
    if (n > 0 && out[n - 1] == p) {
      return n - 1; // two changes at one column cancel
    }
    out[n] = p;
    return n + 1;
  }
}
