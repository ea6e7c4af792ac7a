package org.faxgw.modem.v17;

/** Table sine and cosine with linear interpolation (error below 2·10^-5), for phase rotations. */
public final class FastTrig {
  private static final int SIZE = 1024;
  private static final double[] SIN = new double[SIZE + 1];
  private static final double SCALE = SIZE / (2 * Math.PI);

  static {
    for (int i = 0; i <= SIZE; i++) {
      SIN[i] = Math.sin(2 * Math.PI * i / SIZE);
    }
  }

  private FastTrig() {}

  /** sin(x) for any finite x. */
  public static double sin(double x) {
    double t = x * SCALE;
    double f = Math.floor(t);
    int i = ((int) (long) f) & (SIZE - 1);
    double frac = t - f;
    return SIN[i] + (SIN[i + 1] - SIN[i]) * frac;
  }

  /** cos(x) for any finite x. */
  public static double cos(double x) {
    return sin(x + Math.PI / 2);
  }
}
