package org.faxgw.modem.dsp;

/**
 * A one-pole power meter on 16-bit samples, read in dBm0 with spandsp's convention that a
 * full-scale 16-bit sine (peak 32767) is +3.14 dBm0 (the G.711 overload point above the 0 dBm0
 * digital milliwatt). The mean square follows {@code p += (x² − p)·2^−shift}.
 */
public final class PowerMeter {
  /** Level of a full-scale 16-bit sine in dBm0. */
  public static final double FULL_SCALE_SINE_DBM0 = 3.14;

  /** Mean square of a 0 dBm0 signal in 16-bit units. */
  public static final double ZERO_DBM0_MEAN_SQUARE =
      32767.0 * 32767.0 / 2.0 / Math.pow(10.0, FULL_SCALE_SINE_DBM0 / 10.0);

  private final double alpha;
  private double meanSquare;

  /** A meter whose time constant is about 2^shift samples. */
  public PowerMeter(int shift) {
    this.alpha = 1.0 / (1 << shift);
  }

  /** Feeds one sample; returns the new mean square. */
  public double update(double x) {
    meanSquare += (x * x - meanSquare) * alpha;
    return meanSquare;
  }

  public double meanSquare() {
    return meanSquare;
  }

  /** The current level in dBm0 (−∞ when silent). */
  public double dbm0() {
    return meanSquareToDbm0(meanSquare);
  }

  public void reset() {
    meanSquare = 0;
  }

  /** Sets the reading (e.g. to restart from a known level). */
  public void set(double meanSquare) {
    this.meanSquare = meanSquare;
  }

  /** Mean square of a signal at {@code dbm0}. */
  public static double dbm0ToMeanSquare(double dbm0) {
    return ZERO_DBM0_MEAN_SQUARE * Math.pow(10.0, dbm0 / 10.0);
  }

  /** Level in dBm0 of a mean square. */
  public static double meanSquareToDbm0(double meanSquare) {
    return 10.0 * Math.log10(meanSquare / ZERO_DBM0_MEAN_SQUARE);
  }
}
