package org.faxgw.modem.v17;

import org.faxgw.modem.dsp.RaisedCosine;

/**
 * Front end of the V.17 receiver: mixes the 8 kHz line signal down from 1800 Hz, and at every
 * half-symbol instant (4800 per second) evaluates a root-raised-cosine matched filter at a
 * fractional sampling time chosen from a polyphase bank, so that timing recovery moves the sampling
 * instant without resampling. Timing is recovered with a Gardner detector on the half- symbol
 * samples (carrier-phase independent) driving a second-order loop. Belongs to one thread.
 */
public final class V17Demodulator {
  /** Receives half-symbol samples. */
  public interface HalfBaudSink {
    /**
     * @param re real part of the baseband sample
     * @param im imaginary part
     * @param symbolInstant true for the samples at symbol centres, false for those half-way
     * @param filling true when the sample is made from fill-in (lost audio), not real signal
     */
    void halfBaud(double re, double im, boolean symbolInstant, boolean filling);
  }

  public static final int TAPS = 31;
  static final int PHASES = 96;
  private static final double ROLL_OFF = 0.25;
  private static final double SAMPLES_PER_HALF_BAUD = 8000.0 / 4800.0;
  private static final int CARRIER_PERIOD = 40;
  private static final double[] COS = new double[CARRIER_PERIOD];
  private static final double[] SIN = new double[CARRIER_PERIOD];

  /**
   * Filter taps, {@code [phase][j]}: tap j applies to the sample {@code TAPS - 1 - j} samples ago
   * (oldest first).
   */
  private static final double[][] BANK = makeBank();

  static {
    for (int i = 0; i < CARRIER_PERIOD; i++) {
      COS[i] = Math.cos(2 * Math.PI * 9 * i / CARRIER_PERIOD);
      SIN[i] = Math.sin(2 * Math.PI * 9 * i / CARRIER_PERIOD);
    }
  }

  private final HalfBaudSink sink;
  private final double[] ringRe = new double[2 * TAPS];
  private final double[] ringIm = new double[2 * TAPS];
  private int write;
  private int carrierIndex;
  private double toNext;
  private double stepAdjust;
  private boolean symbolNext;
  private double prevRe;
  private double prevIm;
  private double midRe;
  private double midIm;
  private double power = 1.0;
  private double timingGainP;
  private double timingGainI;
  private boolean running;
  private int timingHold;

  public V17Demodulator(HalfBaudSink sink) {
    this.sink = sink;
  }

  /** Starts demodulating with the first half-symbol instant a little after now. */
  public void start(double savedStepAdjust) {
    toNext = SAMPLES_PER_HALF_BAUD;
    stepAdjust = savedStepAdjust;
    symbolNext = true;
    prevRe = prevIm = midRe = midIm = 0.0;
    power = 1.0;
    running = true;
    timingHold = 0;
  }

  /** Stops producing half-symbol samples (the mixer and history keep running). */
  public void stop() {
    running = false;
  }

  /** The timing loop's frequency term, samples per half symbol (clock offset). */
  public double stepAdjust() {
    return stepAdjust;
  }

  /** Sets the Gardner loop gains: proportional (samples) and integral. */
  public void setTimingGains(double proportional, double integral) {
    timingGainP = proportional;
    timingGainI = integral;
  }

  /** Holds the timing loop for {@code symbols} symbols (after fill-in). */
  public void holdTiming(int symbols) {
    timingHold = Math.max(timingHold, symbols);
  }

  /** Feeds one line sample (or, with {@code filling}, a missing one). */
  public void sample(double x, boolean filling) {
    double re = x * COS[carrierIndex];
    double im = -x * SIN[carrierIndex];
    if (++carrierIndex == CARRIER_PERIOD) {
      carrierIndex = 0;
    }
    if (++write == TAPS) {
      write = 0;
    }
    ringRe[write] = re;
    ringRe[write + TAPS] = re;
    ringIm[write] = im;
    ringIm[write + TAPS] = im;
    if (!running) {
      return;
    }
    toNext -= 1.0;
    if (toNext > 0.0) {
      return;
    }
    // The instant lies (−toNext) samples before the newest sample.
    int phase = (int) (-toNext * PHASES + 0.5);
    if (phase > PHASES) {
      phase = PHASES;
    }
    // the bank is stored oldest-first so the loop runs forward; four partial sums per component
    // break the chain of dependent additions
    double[] h = BANK[phase];
    double[] rr = ringRe;
    double[] ri = ringIm;
    int o = write + 1; // oldest sample
    double r0 = 0.0;
    double r1 = 0.0;
    double r2 = 0.0;
    double r3 = 0.0;
    double i0 = 0.0;
    double i1 = 0.0;
    double i2 = 0.0;
    double i3 = 0.0;
    int k = 0;
    for (; k + 3 < TAPS; k += 4) {
      double c0 = h[k];
      double c1 = h[k + 1];
      double c2 = h[k + 2];
      double c3 = h[k + 3];
      r0 += c0 * rr[o + k];
      i0 += c0 * ri[o + k];
      r1 += c1 * rr[o + k + 1];
      i1 += c1 * ri[o + k + 1];
      r2 += c2 * rr[o + k + 2];
      i2 += c2 * ri[o + k + 2];
      r3 += c3 * rr[o + k + 3];
      i3 += c3 * ri[o + k + 3];
    }
    for (; k < TAPS; k++) {
      r0 += h[k] * rr[o + k];
      i0 += h[k] * ri[o + k];
    }
    double yr = (r0 + r1) + (r2 + r3);
    double yi = (i0 + i1) + (i2 + i3);
    toNext += SAMPLES_PER_HALF_BAUD + stepAdjust;
    boolean symbol = symbolNext;
    symbolNext = !symbolNext;
    if (symbol) {
      if (!filling && timingHold == 0) {
        power += ((yr * yr + yi * yi) - power) * 0.02;
        // Gardner: Re{(y[k-1] - y[k]) conj(y[k-1/2])}, negative when sampling late.
        double e = ((prevRe - yr) * midRe + (prevIm - yi) * midIm) / (power + 1e-9);
        if (e > 1.0) {
          e = 1.0;
        } else if (e < -1.0) {
          e = -1.0;
        }
        stepAdjust += timingGainI * e;
        toNext += timingGainP * e;
      } else if (timingHold > 0) {
        timingHold--;
      }
      prevRe = yr;
      prevIm = yi;
    } else {
      midRe = yr;
      midIm = yi;
    }
    sink.halfBaud(yr, yi, symbol, filling);
  }

  private static double[][] makeBank() {
    double[][] bank = new double[PHASES + 1][TAPS];
    double samplesPerSymbol = 8000.0 / 2400.0;
    double centre = (TAPS - 1) / 2.0;
    // Normalise so that a constant baseband input comes out with gain 2 (undoing the 1/2 of the
    // mixer), so symbol-instant values are near the transmitted points times the line gain.
    double sum = 0.0;
    for (int k = 0; k < TAPS; k++) {
      sum += RaisedCosine.rootRaisedCosine((k - centre) / samplesPerSymbol, ROLL_OFF);
    }
    for (int p = 0; p <= PHASES; p++) {
      double f = (double) p / PHASES;
      for (int k = 0; k < TAPS; k++) {
        // sample k samples before the newest; instant f samples before the newest
        double t = (k - f - centre) / samplesPerSymbol;
        bank[p][TAPS - 1 - k] = 2.0 * RaisedCosine.rootRaisedCosine(t, ROLL_OFF) / sum;
      }
    }
    return bank;
  }
}
