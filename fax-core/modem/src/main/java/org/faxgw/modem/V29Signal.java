package org.faxgw.modem;

/**
 * The V.29 signal space, generated from the recommendation's rules rather than tabulated: carrier
 * 1700 Hz, 2400 baud (V.29 2.1); absolute phase in steps of 45°; relative amplitude (V.29 2.3 Table
 * 2) 3 or 5 at 0°, 90°, 180°, 270° and √2 or 3√2 at the odd multiples of 45°, chosen by bit Q1 at
 * 9600 bit/s (7200 and 4800 bit/s use the low amplitudes only); phase changes (V.29 2.3 Table 1)
 * coded Gray-wise by Q2 Q3 Q4; and the training signal elements A, B, C, D of V.29 3.
 */
final class V29Signal {
  static final double CARRIER_HZ = 1700.0;
  static final int BAUD = 2400;

  // V.29 3 (Table 3): training segment lengths in symbol intervals.
  static final int SEG1_SILENCE = 48;
  static final int SEG2_ABAB = 128;
  static final int SEG3_CDCD = 384;
  static final int SEG4_ONES = 48;

  /** No shutdown is defined; like spandsp, send 32 symbols of scrambled ones after the data. */
  static final int SHUTDOWN_ONES = 32;

  /** V.29 3: the CDCD pattern comes from 1 + x^−6 + x^−7 with initial state 0101010. */
  static final int TRAINING_SEED = 0x2A;

  private V29Signal() {}

  /** Phase change in 45° steps for Q2 Q3 Q4 (Q2 the most significant), V.29 Table 1. */
  static final int[] PHASE_STEP_3BITS = new int[8];

  /** Q2 Q3 Q4 for a phase change in 45° steps (the inverse of {@link #PHASE_STEP_3BITS}). */
  static final int[] BITS_FOR_STEP_3 = new int[8];

  /** 4800 bit/s: phase change in 45° steps for Q2 Q3 (V.29 2.3: 0°, 90°, 270°, 180°). */
  static final int[] PHASE_STEP_2BITS = {0, 2, 6, 4};

  static final int[] BITS_FOR_STEP_2 = new int[8];

  static {
    // V.29 Table 1: Q2Q3Q4 = 001 → 0°, 000 → 45°, 010 → 90°, 011 → 135°, 111 → 180°, 110 → 225°,
    // 100 → 270°, 101 → 315°: the Gray sequence 001,000,010,011,111,110,100,101 around the circle.
    int[] gray = {0b001, 0b000, 0b010, 0b011, 0b111, 0b110, 0b100, 0b101};
    for (int step = 0; step < 8; step++) {
      PHASE_STEP_3BITS[gray[step]] = step;
      BITS_FOR_STEP_3[step] = gray[step];
    }
    java.util.Arrays.fill(BITS_FOR_STEP_2, -1);
    for (int b = 0; b < 4; b++) {
      BITS_FOR_STEP_2[PHASE_STEP_2BITS[b]] = b;
    }
  }

  /** Real part of the point at absolute phase {@code phase}×45° with amplitude bit {@code q1}. */
  static double re(int phase, int q1) {
    return Math.rint(amplitude(phase, q1) * Math.cos(phase * Math.PI / 4));
  }

  /** Imaginary part of that point. */
  static double im(int phase, int q1) {
    return Math.rint(amplitude(phase, q1) * Math.sin(phase * Math.PI / 4));
  }

  /** V.29 Table 2 relative amplitude. */
  static double amplitude(int phase, int q1) {
    boolean odd = (phase & 1) != 0;
    if (odd) {
      return q1 == 0 ? Math.sqrt(2) : 3 * Math.sqrt(2);
    }
    return q1 == 0 ? 3 : 5;
  }

  /** Mean power of the data constellation at a rate. */
  static double dataPower(int bitRate) {
    return switch (bitRate) {
      case 9600 -> (9 + 25 + 2 + 18) / 4.0;
      case 7200 -> (9 + 2) / 2.0;
      default -> 9.0;
    };
  }

  // Training points (V.29 3, Table 3): {phase, q1} per rate.
  /** A: 180°, low amplitude, at every rate. */
  static int pointA() {
    return 4;
  }

  /** B: 315° (9600: high amplitude; 7200: low) or 270° low at 4800. */
  static int phaseB(int bitRate) {
    return bitRate == 4800 ? 6 : 7;
  }

  static int ampB(int bitRate) {
    return bitRate == 9600 ? 1 : 0;
  }

  /** C: 0°, low amplitude, at every rate. */
  static int pointC() {
    return 0;
  }

  /** D: 135° (9600: high; 7200: low) or 90° low at 4800. */
  static int phaseD(int bitRate) {
    return bitRate == 4800 ? 2 : 3;
  }

  static int ampD(int bitRate) {
    return bitRate == 9600 ? 1 : 0;
  }

  /** One step of the training-pattern generator 1 + x^−6 + x^−7; returns {next state, bit}. */
  static int trainingStep(int state) {
    int bit = state & 1;
    int next = state >>> 1;
    next |= ((bit ^ next) & 1) << 6;
    return (next << 1) | bit;
  }
}
