package org.faxgw.modem.dsp;

/**
 * A sine table for 32-bit phase accumulators: {@value #SIZE} entries over one turn, generated at
 * class load from {@link Math#sin}. A phase is an {@code int} where 2<sup>32</sup> is one turn (so
 * it wraps for free); the top {@value #BITS} bits index the table.
 */
public final class SineTable {
  /** log2 of the table size. */
  public static final int BITS = 12;

  /** Entries per turn. */
  public static final int SIZE = 1 << BITS;

  private static final int SHIFT = 32 - BITS;
  private static final int QUARTER = SIZE / 4;
  private static final double[] SIN = new double[SIZE];

  static {
    for (int i = 0; i < SIZE; i++) {
      SIN[i] = Math.sin(2.0 * Math.PI * i / SIZE);
    }
  }

  private SineTable() {}

  /** sin of a 32-bit phase. */
  public static double sin(int phase) {
    return SIN[phase >>> SHIFT];
  }

  /** cos of a 32-bit phase. */
  public static double cos(int phase) {
    return SIN[((phase >>> SHIFT) + QUARTER) & (SIZE - 1)];
  }

  /** The 32-bit phase of an angle in radians (wrapping). */
  public static int phaseOf(double radians) {
    return (int) (long) Math.rint(radians / (2.0 * Math.PI) * 4294967296.0);
  }

  /** The angle in radians, in [−π, π), of a 32-bit phase. */
  public static double radiansOf(int phase) {
    return phase * (2.0 * Math.PI / 4294967296.0);
  }

  /** Phase increment per sample of a frequency. */
  public static int rateOf(double hz, double sampleRate) {
    return phaseOf(2.0 * Math.PI * hz / sampleRate);
  }
}
