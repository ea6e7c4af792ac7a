package org.faxgw.modem.v17;

/**
 * The self-synchronising scrambler and descrambler of V.17 2.1: generating polynomial 1 + x^-18 +
 * x^-23 (the same as V.32bis for the calling modem). One instance scrambles or descrambles, not
 * both. Belongs to one thread.
 */
public final class V17Scrambler {
  /**
   * V.17 training: the scrambler register at the start of segment 2, so that segment 2 begins with
   * the symbols C, D, C, D… (value as used by spandsp v17tx.c and v17rx.c, checked against the real
   * recordings by the tests).
   */
  public static final int TRAINING_SEED = 0x2ECDD5;

  private int register;

  public void reset(int seed) {
    register = seed & 0x7FFFFF;
  }

  /** Scrambles one data bit: D_s = D_i xor D_s·x^-18 xor D_s·x^-23. */
  public int scramble(int in) {
    int out = (in ^ (register >>> 17) ^ (register >>> 22)) & 1;
    register = ((register << 1) | out) & 0x7FFFFF;
    return out;
  }

  /** Descrambles one line bit: D_o = D_s xor D_s·x^-18 xor D_s·x^-23. */
  public int descramble(int in) {
    int out = (in ^ (register >>> 17) ^ (register >>> 22)) & 1;
    register = ((register << 1) | (in & 1)) & 0x7FFFFF;
    return out;
  }
}
