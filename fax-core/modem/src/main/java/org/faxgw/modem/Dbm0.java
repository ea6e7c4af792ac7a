package org.faxgw.modem;

/**
 * Signal levels in dBm0 for 16-bit linear samples, with spandsp's convention that a full-scale sine
 * (peak 32767) is +3.14 dBm0 (G.711: the A-law/µ-law digital milliwatt is a 0 dBm0 sine whose peak
 * is 3.14 dB below the coder's overload point).
 */
public final class Dbm0 {
  private Dbm0() {}

  /** Level of a full-scale 16-bit sine, in dBm0 (G.711 overload point, as spandsp counts it). */
  public static final double FULL_SCALE_SINE_DBM0 = 3.14;

  /** Mean square of a 0 dBm0 signal in 16-bit sample units. */
  public static final double ZERO_DBM0_MEAN_SQUARE =
      32767.0 * 32767.0 / 2.0 / Math.pow(10.0, FULL_SCALE_SINE_DBM0 / 10.0);

  /** Peak amplitude of a sine at {@code dbm0}. */
  public static double sineAmplitude(double dbm0) {
    return 32767.0 * Math.pow(10.0, (dbm0 - FULL_SCALE_SINE_DBM0) / 20.0);
  }

  /** RMS value (= standard deviation for zero-mean noise) of a signal at {@code dbm0}. */
  public static double rms(double dbm0) {
    return Math.sqrt(ZERO_DBM0_MEAN_SQUARE * Math.pow(10.0, dbm0 / 10.0));
  }

  /** Level in dBm0 of a signal with the given mean square; −∞ for silence. */
  public static double fromMeanSquare(double meanSquare) {
    return 10.0 * Math.log10(meanSquare / ZERO_DBM0_MEAN_SQUARE);
  }

  /** Level in dBm0 of {@code len} samples of {@code x} from {@code off}. */
  public static double measure(short[] x, int off, int len) {
    double sum = 0;
    for (int i = 0; i < len; i++) {
      double v = x[off + i];
      sum += v * v;
    }
    return fromMeanSquare(sum / Math.max(1, len));
  }
}
