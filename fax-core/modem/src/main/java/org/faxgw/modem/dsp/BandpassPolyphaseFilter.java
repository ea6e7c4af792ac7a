package org.faxgw.modem.dsp;

/**
 * Receive pulse shaping, fractional-delay interpolation and the first half of the mix to baseband,
 * in one polyphase bank of complex taps: the root-raised-cosine receive filter is shifted up to the
 * carrier (so its output is an analytic band-pass signal) and evaluated at {@code phases}
 * fractional sampling offsets, from which the symbol-timing loop picks one per output.
 *
 * <p>For input x[n], carrier ω and baseband pulse r, the output at the instant t = n − frac (n the
 * newest sample) is
 *
 * <pre>
 * Σ_k x[n−k]·r(k − D − frac)·e^{jωk}   =   e^{jωn} · (baseband signal at t)
 * </pre>
 *
 * so multiplying by the conjugate of an oscillator's phase at sample n ({@link #mixDown}) gives the
 * baseband sample exactly, however frac changes. Coefficients come from {@link
 * RaisedCosine#rootRaisedCosine}, scaled to unit DC gain at baseband.
 */
public final class BandpassPolyphaseFilter {
  private final int taps;
  private final int phases;
  private final double[][] coefRe;
  private final double[][] coefIm;
  private final double[] history;
  private int pos;
  private double re;
  private double im;

  /**
   * @param carrierHz carrier the filter is centred on
   * @param baud symbol rate
   * @param beta roll-off of the root-raised-cosine
   * @param taps filter length in input samples
   * @param phases number of fractional offsets per input sample
   * @param sampleRate input sample rate
   */
  public BandpassPolyphaseFilter(
      double carrierHz, double baud, double beta, int taps, int phases, double sampleRate) {
    this.taps = taps;
    this.phases = phases;
    coefRe = new double[phases + 1][taps];
    coefIm = new double[phases + 1][taps];
    double centre = (taps - 1) / 2.0;
    double samplesPerSymbol = sampleRate / baud;
    double gain = 0;
    for (int k = 0; k < taps; k++) {
      gain += RaisedCosine.rootRaisedCosine((k - centre) / samplesPerSymbol, beta);
    }
    double w = 2.0 * Math.PI * carrierHz / sampleRate;
    for (int p = 0; p <= phases; p++) {
      double frac = (double) p / phases;
      for (int k = 0; k < taps; k++) {
        double r =
            RaisedCosine.rootRaisedCosine((k - centre - frac) / samplesPerSymbol, beta) / gain;
        coefRe[p][k] = r * Math.cos(w * k);
        coefIm[p][k] = r * Math.sin(w * k);
      }
    }
    history = new double[2 * taps];
  }

  /** Pushes the newest input sample. */
  public void put(double x) {
    if (--pos < 0) {
      pos = taps - 1;
    }
    history[pos] = x;
    history[pos + taps] = x;
  }

  /**
   * Computes the band-pass analytic output at {@code frac} ∈ [0, 1] input samples before the newest
   * one.
   */
  public void compute(double frac) {
    int p = (int) (frac * phases + 0.5);
    if (p > phases) {
      p = phases;
    } else if (p < 0) {
      p = 0;
    }
    double[] cr = coefRe[p];
    double[] ci = coefIm[p];
    double[] h = history;
    // four partial sums per component break the chain of dependent additions
    double r0 = 0;
    double r1 = 0;
    double r2 = 0;
    double r3 = 0;
    double i0 = 0;
    double i1 = 0;
    double i2 = 0;
    double i3 = 0;
    int base = pos;
    int k = 0;
    for (; k + 3 < taps; k += 4) {
      double x0 = h[base + k];
      double x1 = h[base + k + 1];
      double x2 = h[base + k + 2];
      double x3 = h[base + k + 3];
      r0 += cr[k] * x0;
      i0 += ci[k] * x0;
      r1 += cr[k + 1] * x1;
      i1 += ci[k + 1] * x1;
      r2 += cr[k + 2] * x2;
      i2 += ci[k + 2] * x2;
      r3 += cr[k + 3] * x3;
      i3 += ci[k + 3] * x3;
    }
    for (; k < taps; k++) {
      double x = h[base + k];
      r0 += cr[k] * x;
      i0 += ci[k] * x;
    }
    re = (r0 + r1) + (r2 + r3);
    im = (i0 + i1) + (i2 + i3);
  }

  /**
   * Multiplies the last output by e^{−jφ} where (cos φ, sin φ) is an oscillator's phase at the
   * newest sample, giving the baseband sample.
   */
  public void mixDown(double cos, double sin) {
    double r = re * cos + im * sin;
    double i = im * cos - re * sin;
    re = r;
    im = i;
  }

  public double re() {
    return re;
  }

  public double im() {
    return im;
  }

  /** Group delay of the filter in input samples. */
  public double delaySamples() {
    return (taps - 1) / 2.0;
  }

  /** Clears the history. */
  public void reset() {
    java.util.Arrays.fill(history, 0.0);
    pos = 0;
  }
}
