package org.faxgw.modem;

/**
 * ITU-T G.711 A-law and µ-law companding of 16-bit linear samples.
 *
 * <p>The decode tables are computed at class load from the G.711 segment definitions (Tables 1a/1b
 * for A-law, 2a/2b for µ-law), not pasted. Linear values use the 16-bit scale: A-law's 13-bit and
 * µ-law's 14-bit values of G.711 are shifted left by 3 and 2 bits. Encoding picks the segment and
 * step by the G.711 decision levels; the even-bit inversion of A-law (G.711 Table 1, note) and the
 * all-bit inversion of µ-law (G.711 Table 2, note) are applied to the transmitted octet.
 */
public final class G711 {
  private G711() {}

  // G.711 Table 1: "even bits inverted" on the line (bits 2, 4, 6, 8 counted from 1 = MSB), i.e.
  // XOR 0x55.
  private static final int ALAW_INVERT = 0x55;
  // G.711 Table 2: all bits of the µ-law character are inverted on the line.
  private static final int ULAW_INVERT = 0xFF;
  // G.711 µ-law: the segment end points are those of a biased magnitude, bias 33 on the 14-bit
  // scale = 132 on the 16-bit scale.
  private static final int ULAW_BIAS = 33 << 2;
  // Largest biased 14-bit µ-law magnitude: the top of segment 7 (8159 + 33 - 1).
  private static final int ULAW_MAX_BIASED = 8191;

  private static final short[] ALAW_TO_LINEAR = new short[256];
  private static final short[] ULAW_TO_LINEAR = new short[256];

  static {
    for (int code = 0; code < 256; code++) {
      ALAW_TO_LINEAR[code] = (short) alawDecodeFormula(code);
      ULAW_TO_LINEAR[code] = (short) ulawDecodeFormula(code);
    }
  }

  /** A-law decoding from the segment definition: segment 0 and 1 have step 2, then doubling. */
  private static int alawDecodeFormula(int code) {
    int c = code ^ ALAW_INVERT;
    int segment = (c >> 4) & 7;
    int step = c & 0x0F;
    // 13-bit scale: segment 0 spans 0..31 in steps of 2, reconstruction at the step's middle.
    int magnitude13;
    if (segment == 0) {
      magnitude13 = 2 * step + 1;
    } else {
      magnitude13 = ((2 * step + 33) << (segment - 1));
    }
    int linear = magnitude13 << 3;
    // Sign bit 1 = positive (G.711 Table 1: character signal bit 1 for positive values).
    return (c & 0x80) != 0 ? linear : -linear;
  }

  /** µ-law decoding: biased magnitude (2·step + 33)·2^segment − 33, 14-bit scale. */
  private static int ulawDecodeFormula(int code) {
    int c = code ^ ULAW_INVERT;
    int segment = (c >> 4) & 7;
    int step = c & 0x0F;
    int magnitude14 = ((2 * step + 33) << segment) - 33;
    int linear = magnitude14 << 2;
    // Sign bit 1 = negative after inversion of the line character (G.711 Table 2).
    return (c & 0x80) != 0 ? -linear : linear;
  }

  /** Decodes one A-law octet to a linear sample. */
  public static short alawToLinear(int alaw) {
    return ALAW_TO_LINEAR[alaw & 0xFF];
  }

  /** Decodes one µ-law octet to a linear sample. */
  public static short ulawToLinear(int ulaw) {
    return ULAW_TO_LINEAR[ulaw & 0xFF];
  }

  /** Encodes one linear sample to an A-law octet (0..255). */
  public static int linearToAlaw(int linear) {
    int sign;
    int magnitude;
    if (linear >= 0) {
      sign = 0x80;
      magnitude = linear >> 3; // 13-bit scale
    } else {
      sign = 0;
      magnitude = (-linear - 1) >> 3;
    }
    if (magnitude > 4095) {
      magnitude = 4095;
    }
    int code;
    if (magnitude < 32) {
      code = magnitude >> 1; // segment 0: step size 2
    } else {
      // segment s >= 1 covers 2^(s+4) .. 2^(s+5)-1 with step 2^s
      int segment = 31 - Integer.numberOfLeadingZeros(magnitude) - 4;
      code = (segment << 4) | ((magnitude >> segment) & 0x0F);
    }
    return (sign | code) ^ ALAW_INVERT;
  }

  /** Encodes one linear sample to a µ-law octet (0..255). */
  public static int linearToUlaw(int linear) {
    int sign;
    int magnitude;
    if (linear >= 0) {
      sign = 0;
      magnitude = linear;
    } else {
      sign = 0x80;
      magnitude = -linear;
    }
    // work on the 14-bit biased magnitude; segment s covers biased 2^(s+5) .. 2^(s+6)-1
    int biased = (magnitude + ULAW_BIAS) >> 2;
    if (biased > ULAW_MAX_BIASED) {
      biased = ULAW_MAX_BIASED;
    }
    int segment = 31 - Integer.numberOfLeadingZeros(biased) - 5;
    int step = (biased >> (segment + 1)) & 0x0F;
    return (sign | (segment << 4) | step) ^ ULAW_INVERT;
  }

  /** Encodes {@code len} samples to A-law octets. */
  public static void encodeAlaw(short[] in, int inOff, byte[] out, int outOff, int len) {
    for (int i = 0; i < len; i++) {
      out[outOff + i] = (byte) linearToAlaw(in[inOff + i]);
    }
  }

  /** Decodes {@code len} A-law octets. */
  public static void decodeAlaw(byte[] in, int inOff, short[] out, int outOff, int len) {
    for (int i = 0; i < len; i++) {
      out[outOff + i] = ALAW_TO_LINEAR[in[inOff + i] & 0xFF];
    }
  }

  /** Encodes {@code len} samples to µ-law octets. */
  public static void encodeUlaw(short[] in, int inOff, byte[] out, int outOff, int len) {
    for (int i = 0; i < len; i++) {
      out[outOff + i] = (byte) linearToUlaw(in[inOff + i]);
    }
  }

  /** Decodes {@code len} µ-law octets. */
  public static void decodeUlaw(byte[] in, int inOff, short[] out, int outOff, int len) {
    for (int i = 0; i < len; i++) {
      out[outOff + i] = ULAW_TO_LINEAR[in[inOff + i] & 0xFF];
    }
  }
}
