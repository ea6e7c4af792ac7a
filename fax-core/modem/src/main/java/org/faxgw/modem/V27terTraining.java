package org.faxgw.modem;

import org.faxgw.modem.dsp.V27terScrambler;

/**
 * What a V.27ter long training (V.27ter 2.5, Table 3) looks like from each of the 128 scrambler
 * seeds a transmitter may start segment 4 with: V.27ter fixes no initial state (spandsp uses 0x3C,
 * other modems differ), so the receiver recognises the seed from the phase reversals it sees.
 *
 * <p>Per seed: the conditioning pattern of segment 4 (1 = 180° reversal, every third output of the
 * scrambler fed with ones), the index of its first non-reversal, and per rate the phase steps of
 * segment 5 (scrambled ones) and the scrambler state after it, which is the descrambler state the
 * data need (register and guard counter). Generated from the scrambler; immutable.
 */
final class V27terTraining {
  /** Seeds are 7-bit register states (V.27ter 2.6: the scrambler has seven stages). */
  static final int SEEDS = 128;

  private static final V27terTraining INSTANCE = new V27terTraining();

  private final long[][] reversals = new long[SEEDS][];
  private final int[] firstNonReversal = new int[SEEDS];

  /** [rate index: 0 = 2400, 1 = 4800][seed][symbol of segment 5] phase step in 45° units. */
  private final int[][][] seg5Steps = new int[2][SEEDS][V27terSignal.SEG5_ONES];

  private final V27terScrambler[][] afterSeg5 = new V27terScrambler[2][SEEDS];

  private V27terTraining() {
    int words = (V27terSignal.SEG4_CONDITIONING + 63) / 64;
    for (int seed = 0; seed < SEEDS; seed++) {
      for (int r = 0; r < 2; r++) {
        V27terScrambler s = new V27terScrambler(seed);
        long[] rev = new long[words];
        int first = -1;
        for (int k = 0; k < V27terSignal.SEG4_CONDITIONING; k++) {
          int b = s.scramble(1);
          s.scramble(1);
          s.scramble(1);
          if (b != 0) {
            rev[k >> 6] |= 1L << (k & 63);
          } else if (first < 0) {
            first = k;
          }
        }
        for (int k = 0; k < V27terSignal.SEG5_ONES; k++) {
          if (r == 1) {
            int bits = (s.scramble(1) << 2) | (s.scramble(1) << 1) | s.scramble(1);
            seg5Steps[r][seed][k] = V27terSignal.PHASE_STEP_3BITS[bits];
          } else {
            int bits = (s.scramble(1) << 1) | s.scramble(1);
            seg5Steps[r][seed][k] = V27terSignal.PHASE_STEP_2BITS[bits];
          }
        }
        afterSeg5[r][seed] = s;
        reversals[seed] = rev;
        firstNonReversal[seed] = first < 0 ? V27terSignal.SEG4_CONDITIONING : first;
      }
    }
  }

  static V27terTraining get() {
    return INSTANCE;
  }

  /** True when symbol {@code k} of segment 4 from {@code seed} is a 180° reversal. */
  boolean reversal(int seed, int k) {
    return (reversals[seed][k >> 6] >>> (k & 63) & 1) != 0;
  }

  /** Index in segment 4 of the first symbol without a reversal. */
  int firstNonReversal(int seed) {
    return firstNonReversal[seed];
  }

  /** Phase step (45° units) of symbol {@code k} of segment 5. */
  int seg5Step(boolean rate4800, int seed, int k) {
    return seg5Steps[rate4800 ? 1 : 0][seed][k];
  }

  /** The scrambler after segment 5: the state the descrambler takes for the data. */
  V27terScrambler afterSeg5(boolean rate4800, int seed) {
    return afterSeg5[rate4800 ? 1 : 0][seed];
  }
}
