package org.faxgw.modem.dsp;

/**
 * Fractionally spaced (T/2) complex adaptive equalizer trained by least mean squares: the output is
 * {@code y = Σ w[i]·x[i]} over the newest {@code taps} inputs, and an update with error {@code e =
 * target − y} does {@code w[i] += μ·e·conj(x[i])}. Starts as a pure delay of {@code taps/2} inputs
 * (centre tap 1).
 */
public final class ComplexLmsEqualizer {
  private final int taps;
  private final int centre;
  private final double[] wRe;
  private final double[] wIm;
  private final double[] xRe;
  private final double[] xIm;
  private int pos;
  private double re;
  private double im;

  /**
   * An equalizer of {@code taps} coefficients whose centre (initial unit) tap is {@code taps/2}.
   */
  public ComplexLmsEqualizer(int taps) {
    this(taps, taps / 2);
  }

  /**
   * An equalizer of {@code taps} coefficients with the unit tap at {@code centre} (0 = newest). For
   * a T/2 equalizer whose output is read at the symbol instants, the centre should be even so that
   * it falls on a symbol-instant sample.
   */
  public ComplexLmsEqualizer(int taps, int centre) {
    if (centre < 0 || centre >= taps) {
      throw new IllegalArgumentException("centre");
    }
    this.taps = taps;
    this.centre = centre;
    wRe = new double[taps];
    wIm = new double[taps];
    xRe = new double[2 * taps];
    xIm = new double[2 * taps];
    reset();
  }

  /** Centre tap 1, others 0; history cleared. */
  public void reset() {
    java.util.Arrays.fill(wRe, 0.0);
    java.util.Arrays.fill(wIm, 0.0);
    wRe[centre] = 1.0;
    java.util.Arrays.fill(xRe, 0.0);
    java.util.Arrays.fill(xIm, 0.0);
    pos = 0;
  }

  /** Adds the newest input sample (does not compute). */
  public void put(double re, double im) {
    if (--pos < 0) {
      pos = taps - 1;
    }
    xRe[pos] = re;
    xRe[pos + taps] = re;
    xIm[pos] = im;
    xIm[pos + taps] = im;
  }

  /** Computes the output over the current history; read it with {@link #re()}/{@link #im()}. */
  public void compute() {
    // two partial sums per component break the chain of dependent additions
    double r0 = 0;
    double i0 = 0;
    double r1 = 0;
    double i1 = 0;
    double[] xr = xRe;
    double[] xi = xIm;
    double[] wr = wRe;
    double[] wi = wIm;
    int base = pos;
    int i = 0;
    for (; i + 1 < taps; i += 2) {
      double a = xr[base + i];
      double b = xi[base + i];
      r0 += wr[i] * a - wi[i] * b;
      i0 += wr[i] * b + wi[i] * a;
      double a1 = xr[base + i + 1];
      double b1 = xi[base + i + 1];
      r1 += wr[i + 1] * a1 - wi[i + 1] * b1;
      i1 += wr[i + 1] * b1 + wi[i + 1] * a1;
    }
    for (; i < taps; i++) {
      double a = xr[base + i];
      double b = xi[base + i];
      r0 += wr[i] * a - wi[i] * b;
      i0 += wr[i] * b + wi[i] * a;
    }
    re = r0 + r1;
    im = i0 + i1;
  }

  /** LMS step with error (errRe, errIm) = target − output, against the current history. */
  public void adapt(double errRe, double errIm, double mu) {
    double er = errRe * mu;
    double ei = errIm * mu;
    int base = pos;
    for (int i = 0; i < taps; i++) {
      double a = xRe[base + i];
      double b = xIm[base + i];
      // e·conj(x) = (er + j ei)(a − j b)
      wRe[i] += er * a + ei * b;
      wIm[i] += ei * a - er * b;
    }
  }

  /** Rotates the stored history by {@code radians} (used when a carrier phase is stepped). */
  public void rotateHistory(double radians) {
    double c = Math.cos(radians);
    double s = Math.sin(radians);
    for (int i = 0; i < 2 * taps; i++) {
      double a = xRe[i];
      double b = xIm[i];
      xRe[i] = a * c - b * s;
      xIm[i] = a * s + b * c;
    }
  }

  /** Scales all coefficients (e.g. to fold an AGC change into the equalizer). */
  public void scaleCoefficients(double factor) {
    for (int i = 0; i < taps; i++) {
      wRe[i] *= factor;
      wIm[i] *= factor;
    }
  }

  /** Copies the coefficients out (re then im), for a later {@link #restore}. */
  public void save(double[] into) {
    System.arraycopy(wRe, 0, into, 0, taps);
    System.arraycopy(wIm, 0, into, taps, taps);
  }

  /** Restores coefficients saved by {@link #save}. */
  public void restore(double[] from) {
    System.arraycopy(from, 0, wRe, 0, taps);
    System.arraycopy(from, taps, wIm, 0, taps);
  }

  public int taps() {
    return taps;
  }

  public double re() {
    return re;
  }

  public double im() {
    return im;
  }

  /** Real part of coefficient i (0 = applied to the newest input). */
  public double coefficientRe(int i) {
    return wRe[i];
  }

  /** Imaginary part of coefficient i. */
  public double coefficientIm(int i) {
    return wIm[i];
  }
}
