package org.faxgw.modem.dsp;

/**
 * A real finite-impulse-response filter over a doubled circular history, so that each output is one
 * contiguous dot product. Taps are given oldest-last: {@code y[n] = Σ taps[k]·x[n−k]}.
 */
public final class FirFilter {
  private final double[] taps;
  private final double[] history;
  private int pos;

  public FirFilter(double[] taps) {
    this.taps = taps.clone();
    this.history = new double[2 * taps.length];
  }

  /** Pushes one input sample and returns the filter output. */
  public double filter(double x) {
    int n = taps.length;
    if (--pos < 0) {
      pos = n - 1;
    }
    history[pos] = x;
    history[pos + n] = x;
    double acc = 0;
    for (int k = 0; k < n; k++) {
      acc += taps[k] * history[pos + k];
    }
    return acc;
  }

  /** Clears the history. */
  public void reset() {
    java.util.Arrays.fill(history, 0.0);
    pos = 0;
  }

  public int length() {
    return taps.length;
  }
}
