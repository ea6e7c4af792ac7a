package org.faxgw.modem.dsp;

/**
 * Transmit pulse shaping at baseband: complex symbols filtered by a root-raised-cosine pulse and
 * resampled to the output rate in one polyphase step, with no separate resampler.
 *
 * <p>The symbol stream is thought of as zero-stuffed to {@code upsample} samples per symbol (an
 * intermediate rate), of which every {@code decimate}-th is an output sample; e.g. V.29 at 2400
 * baud into 8 kHz uses 10 phases per symbol (24 kHz) and takes every 3rd: {@code upsample = 10,
 * decimate = 3}; V.27ter 4800 (1600 baud) uses 5 and 1; V.27ter 2400 (1200 baud) 20 and 3. Only the
 * taps that fall on output instants are evaluated. The coefficients come from {@link
 * RaisedCosine#rootRaisedCosine} at construction, scaled so that symbols of unit mean power give a
 * baseband signal of unit mean power.
 *
 * <p>Use: per output sample call {@link #next()}; if it returns true, {@link #push} one symbol;
 * then read {@link #re()} and {@link #im()} after {@link #compute()}.
 */
public final class PulseShaper {
  private final int upsample;
  private final int decimate;
  private final int span;

  /** coefficients[p][i] = h(p + i·upsample): the tap applied to the i-th newest symbol. */
  private final double[][] coefficients;

  private final double[] symRe;
  private final double[] symIm;
  private int symPos;
  private int phase;
  private double re;
  private double im;

  /**
   * @param upsample intermediate samples per symbol
   * @param decimate intermediate samples per output sample ({@code decimate <= upsample})
   * @param beta roll-off
   * @param spanSymbols length of the pulse in symbols
   */
  public PulseShaper(int upsample, int decimate, double beta, int spanSymbols) {
    if (decimate > upsample || decimate < 1) {
      throw new IllegalArgumentException("decimate must be in 1.." + upsample);
    }
    this.upsample = upsample;
    this.decimate = decimate;
    this.span = spanSymbols;
    int length = upsample * spanSymbols;
    double centre = (length - 1) / 2.0;
    double[] h = new double[length];
    double energy = 0;
    for (int m = 0; m < length; m++) {
      h[m] = RaisedCosine.rootRaisedCosine((m - centre) / upsample, beta);
      energy += h[m] * h[m];
    }
    double scale = Math.sqrt(upsample / energy);
    coefficients = new double[upsample][span];
    for (int p = 0; p < upsample; p++) {
      for (int i = 0; i < span; i++) {
        coefficients[p][i] = h[p + i * upsample] * scale;
      }
    }
    symRe = new double[2 * span];
    symIm = new double[2 * span];
    reset();
  }

  /** Clears the symbol history (all zero) and the phase. */
  public void reset() {
    java.util.Arrays.fill(symRe, 0.0);
    java.util.Arrays.fill(symIm, 0.0);
    symPos = 0;
    phase = upsample - decimate;
  }

  /**
   * Steps to the next output instant.
   *
   * @return true if a new symbol must be pushed before computing this output
   */
  public boolean next() {
    phase += decimate;
    if (phase >= upsample) {
      phase -= upsample;
      return true;
    }
    return false;
  }

  /** Adds the newest symbol. */
  public void push(double re, double im) {
    if (--symPos < 0) {
      symPos = span - 1;
    }
    symRe[symPos] = re;
    symRe[symPos + span] = re;
    symIm[symPos] = im;
    symIm[symPos + span] = im;
  }

  /** Computes the baseband output at the current instant. */
  public void compute() {
    double[] c = coefficients[phase];
    double accRe = 0;
    double accIm = 0;
    for (int i = 0; i < span; i++) {
      accRe += c[i] * symRe[symPos + i];
      accIm += c[i] * symIm[symPos + i];
    }
    re = accRe;
    im = accIm;
  }

  public double re() {
    return re;
  }

  public double im() {
    return im;
  }

  /** Delay from a symbol's push to the peak of its pulse, in intermediate-rate samples. */
  public double delayIntermediateSamples() {
    return (upsample * span - 1) / 2.0;
  }
}
