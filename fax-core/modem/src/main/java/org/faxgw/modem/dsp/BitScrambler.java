package org.faxgw.modem.dsp;

/**
 * A bit-serial self-synchronising scrambler and its descrambler (V.29 2.4, V.27ter 2.6, V.17 3.5):
 * the modems' transmitters and receivers drive any of them through this.
 */
public interface BitScrambler {
  /** Scrambles one data bit (bit 0 of {@code bit}); returns the line bit, 0 or 1. */
  int scramble(int bit);

  /** Descrambles one line bit (bit 0 of {@code bit}); returns the data bit, 0 or 1. */
  int descramble(int bit);
}
