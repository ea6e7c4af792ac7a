package org.faxgw.modem.dsp;

/**
 * The V.27ter scrambler/descrambler (V.27ter 2.6): self-synchronising 1 + x^−6 + x^−7 plus the
 * guard against repeating patterns. A counter is advanced on every line bit that equals at least
 * one of the line bits 8, 9 or 12 positions earlier (the stream looks periodic) and cleared when it
 * differs from all three; when it has reached 33 the next output bit is inverted and the counter
 * cleared. The descrambler mirrors this on the received line bits, so both inversions cancel. (This
 * reading of the guard is the one spandsp implements, which matters for interoperation.)
 */
public final class V27terScrambler implements BitScrambler {
  /**
   * V.27ter 2.6: the guard acts after 33 bits that repeat with period 1, 2, 3, 4, 6, 8, 9 or 12.
   */
  public static final int GUARD_COUNT = 33;

  private int register;
  private int count;

  /** Register initially {@code seed} (bit 0 = previous line bit). */
  public V27terScrambler(int seed) {
    this.register = seed;
  }

  /** Scrambles one data bit into a line bit. */
  @Override
  public int scramble(int bit) {
    int out = (bit ^ (register >>> 5) ^ (register >>> 6)) & 1;
    out = guard(out);
    register = (register << 1) | out;
    return out;
  }

  /** Descrambles one line bit into a data bit. */
  @Override
  public int descramble(int lineBit) {
    lineBit &= 1;
    int out = (lineBit ^ (register >>> 5) ^ (register >>> 6)) & 1;
    out = guardRx(lineBit, out);
    register = (register << 1) | lineBit;
    return out;
  }

  private int guard(int lineBit) {
    if (count >= GUARD_COUNT) {
      count = 0;
      return lineBit ^ 1;
    }
    advanceCount(lineBit);
    return lineBit;
  }

  private int guardRx(int lineBit, int out) {
    if (count >= GUARD_COUNT) {
      count = 0;
      return out ^ 1;
    }
    advanceCount(lineBit);
    return out;
  }

  private void advanceCount(int lineBit) {
    int differsFromAll =
        ((register >>> 7) ^ lineBit)
            & ((register >>> 8) ^ lineBit)
            & ((register >>> 11) ^ lineBit)
            & 1;
    count = differsFromAll != 0 ? 0 : count + 1;
  }

  /** Takes over the register and the guard counter of {@code other}. */
  public void copyFrom(V27terScrambler other) {
    register = other.register;
    count = other.count;
  }

  /** Sets the register to {@code seed} and clears the guard counter. */
  public void reset(int seed) {
    register = seed;
    count = 0;
  }

  /** Clears the guard counter (the register is kept). */
  public void clearGuard() {
    count = 0;
  }

  public int register() {
    return register;
  }
}
