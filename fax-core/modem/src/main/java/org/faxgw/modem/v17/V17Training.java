package org.faxgw.modem.v17;

import org.faxgw.modem.dsp.Scrambler;

/**
 * The V.17 3.3 training sequence (Table 3/V.17) as the transmitter sends it and the receiver
 * expects it, in symbols at 2400 baud: segment 1 alternations ABAB…, segment 2 the scrambled CDBA…
 * sequence, segment 3 the bridge (long training only), segment 4 scrambled binary ones in the data
 * constellation. The training points are indexed A=0, B=1, C=2, D=3 as in {@link
 * V17Constellation#TRAINING_RE}.
 */
public final class V17Training {
  /**
   * V.17 training: the data scrambler's register (1 + x^-18 + x^-23, bit 0 the latest bit) at the
   * start of segment 2, so that segment 2 begins with the symbols C, D, C, D… (value as used by
   * spandsp v17tx.c and v17rx.c; checked against real recordings by the tests).
   */
  public static final long TRAINING_SEED = 0x2ECDD5;

  /** A V.17 data scrambler, 1 + x^-18 + x^-23 (V.17 2.1). */
  public static Scrambler newScrambler() {
    return new Scrambler(18, 23);
  }

  /** Segment 1: 256 symbols of A B A B… (V.17 Table 3). */
  public static final int SEGMENT_1 = 256;

  /** Segment 2 of the long training: 2976 symbols of scrambled CDBA. */
  public static final int SEGMENT_2_LONG = 2976;

  /** Segment 2 of the short training: 38 symbols. */
  public static final int SEGMENT_2_SHORT = 38;

  /** Segment 3 (long training only): 64 symbols of bridge. */
  public static final int SEGMENT_3 = 64;

  /** Segment 4: 48 symbols of scrambled binary ones through the trellis encoder. */
  public static final int SEGMENT_4 = 48;

  /** The 16-bit pattern sent, scrambled, in segment 3 (as in spandsp v17tx.c). */
  public static final int BRIDGE_WORD = 0x8880;

  /** Training point sent in segment 2 for the scrambled dibit (first bit << 1 | second bit). */
  private static final int[] CDBA_POINT = {2, 3, 1, 0};

  /** Step in quarter turns of the training point in segment 3, per scrambled dibit. */
  private static final int[] BRIDGE_STEP = {1, 0, 2, 3};

  private V17Training() {}

  /**
   * The training point of segment 2 for the next two scrambler outputs (the scrambler is fed ones).
   */
  public static int segment2Point(Scrambler scrambler) {
    int b = scrambler.scramble(1) << 1;
    b |= scrambler.scramble(1);
    return CDBA_POINT[b];
  }

  /** The training point of bridge symbol {@code k} (0…63), given the previous training point. */
  public static int bridgePoint(Scrambler scrambler, int k, int previousPoint) {
    int shift = (k & 7) << 1;
    int b = scrambler.scramble(BRIDGE_WORD >> shift) << 1;
    b |= scrambler.scramble(BRIDGE_WORD >> (shift + 1));
    return (previousPoint + BRIDGE_STEP[b]) & 3;
  }
}
