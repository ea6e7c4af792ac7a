package org.faxgw.modem.dsp;

/**
 * A self-synchronising scrambler/descrambler with generating polynomial 1 + x^−a + x^−b: V.29 and
 * V.17 use 1 + x^−18 + x^−23 (V.29 2.4, V.17 3.5), the V.29 training sequence and V.27ter use 1 +
 * x^−6 + x^−7 (V.27ter's extra guard is in {@link V27terScrambler}). Scrambling: out = in ⊕ out[−a]
 * ⊕ out[−b]; descrambling: out = in ⊕ in[−a] ⊕ in[−b].
 */
public final class Scrambler implements BitScrambler {
  private final int tapA;
  private final int tapB;
  private final long mask;
  private long register;

  /** 1 + x^−a + x^−b with a &lt; b ≤ 63, register initially 0. */
  public Scrambler(int a, int b) {
    this(a, b, 0);
  }

  /** As {@link #Scrambler(int, int)} with an initial register (bit 0 = the previous bit). */
  public Scrambler(int a, int b, long seed) {
    if (a < 1 || b <= a || b > 63) {
      throw new IllegalArgumentException("taps");
    }
    this.tapA = a - 1;
    this.tapB = b - 1;
    this.mask = (1L << b) - 1;
    this.register = seed & mask;
  }

  /** Scrambles one bit. */
  @Override
  public int scramble(int bit) {
    int out = (bit ^ (int) (register >>> tapA) ^ (int) (register >>> tapB)) & 1;
    register = ((register << 1) | out) & mask;
    return out;
  }

  /** Descrambles one bit. */
  @Override
  public int descramble(int bit) {
    bit &= 1;
    int out = (bit ^ (int) (register >>> tapA) ^ (int) (register >>> tapB)) & 1;
    register = ((register << 1) | bit) & mask;
    return out;
  }

  public long register() {
    return register;
  }

  public void setRegister(long value) {
    register = value & mask;
  }
}
