package org.faxgw.modem;

/**
 * The V.27ter signal space and training sequence, generated from the recommendation: carrier 1800
 * Hz (V.27ter 2.1); eight absolute phases at multiples of 45° of equal amplitude; phase changes for
 * tribits (V.27ter 2.2, Table 1, Gray-coded: 001 → 0°, 000 → 45°, 010 → 90°, 011 → 135°, 111 →
 * 180°, 110 → 225°, 100 → 270°, 101 → 315°) and dibits (Table 2: 00 → 0°, 01 → 90°, 11 → 180°, 10 →
 * 270°); and the long training sequence of V.27ter 2.5 (Table 3).
 */
final class V27terSignal {
  static final double CARRIER_HZ = 1800.0;

  /** Amplitude of every point (so that the mean symbol power is 2). */
  static final double AMPLITUDE = Math.sqrt(2.0);

  /** V.27ter 2.5 segment 3 (long sequence): continuous 180° phase reversals. */
  static final int SEG3_REVERSALS = 50;

  /** V.27ter 2.5 segment 4 (long sequence): equalizer conditioning pattern. */
  static final int SEG4_CONDITIONING = 1074;

  /** V.27ter 2.5 segment 5: continuous scrambled data ones. */
  static final int SEG5_ONES = 8;

  /** No shutdown is defined; like spandsp, send 32 symbols of scrambled ones after the data. */
  static final int SHUTDOWN_ONES = 32;

  /**
   * Initial scrambler state at the start of segment 4 of our transmitter (the value spandsp uses;
   * V.27ter fixes none, and the receiver recognises any, {@link V27terTraining}).
   */
  static final int SCRAMBLER_SEED = 0x3C;

  static final int[] PHASE_STEP_3BITS = new int[8];
  static final int[] BITS_FOR_STEP_3 = new int[8];
  static final int[] PHASE_STEP_2BITS = {0, 2, 6, 4};
  static final int[] BITS_FOR_STEP_2 = new int[8];

  static {
    int[] gray = {0b001, 0b000, 0b010, 0b011, 0b111, 0b110, 0b100, 0b101};
    for (int step = 0; step < 8; step++) {
      PHASE_STEP_3BITS[gray[step]] = step;
      BITS_FOR_STEP_3[step] = gray[step];
    }
    java.util.Arrays.fill(BITS_FOR_STEP_2, 0);
    for (int b = 0; b < 4; b++) {
      BITS_FOR_STEP_2[PHASE_STEP_2BITS[b]] = b;
    }
  }

  private V27terSignal() {}

  /** Segment 1 (unmodulated carrier, 185–200 ms): 200 ms worth of symbols. */
  static int seg1Symbols(int baud) {
    return baud / 5;
  }

  /** Segment 2 (no transmitted energy): 20 ms worth of symbols. */
  static int seg2Symbols(int baud) {
    return baud / 50;
  }

  static double re(int phase) {
    return AMPLITUDE * Math.cos(phase * Math.PI / 4);
  }

  static double im(int phase) {
    return AMPLITUDE * Math.sin(phase * Math.PI / 4);
  }
}
