package org.faxgw.modem;

/**
 * A table-driven sine/cosine oscillator on a 32-bit phase accumulator (a direct digital
 * synthesiser), for the V.21 and tone classes of this package. The 4096-entry table is computed
 * from {@link Math#sin}; the top 12 bits of the phase index it (spurious products below −66 dBc).
 */
final class Oscillator {
  static final int TABLE_BITS = 12;
  static final int TABLE_SIZE = 1 << TABLE_BITS;
  private static final int SHIFT = 32 - TABLE_BITS;
  private static final int QUARTER = 1 << 30;

  /** sin(2π i / TABLE_SIZE) as float. */
  static final float[] SIN = new float[TABLE_SIZE];

  /** round(sin · 2^14) for integer correlators. */
  static final int[] SIN_Q14 = new int[TABLE_SIZE];

  static {
    for (int i = 0; i < TABLE_SIZE; i++) {
      double s = Math.sin(2.0 * Math.PI * i / TABLE_SIZE);
      SIN[i] = (float) s;
      SIN_Q14[i] = (int) Math.round(s * 16384.0);
    }
  }

  private Oscillator() {}

  /** Phase increment per 8 kHz sample for {@code hz}. */
  static int step(double hz) {
    return (int) Math.round(hz / 8000.0 * 4294967296.0);
  }

  static float sin(int phase) {
    return SIN[phase >>> SHIFT];
  }

  static float cos(int phase) {
    return SIN[(phase + QUARTER) >>> SHIFT];
  }

  static int sinQ14(int phase) {
    return SIN_Q14[phase >>> SHIFT];
  }

  static int cosQ14(int phase) {
    return SIN_Q14[(phase + QUARTER) >>> SHIFT];
  }
}
