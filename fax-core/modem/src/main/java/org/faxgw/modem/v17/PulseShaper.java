package org.faxgw.modem.v17;

/**
 * Root-raised-cosine pulse shapes for the V.17 transmitter and receiver (V.17 leaves the shaping to
 * the implementer; the spectrum of 2400 baud on 1800 Hz fits 300–3300 Hz with roll-off ≤ 0.25).
 */
public final class PulseShaper {
  private PulseShaper() {}

  /**
   * Root-raised-cosine impulse response at {@code t} symbol periods from its centre, roll-off
   * {@code beta}, normalised to 1 at t = 0 for beta = 0.
   */
  public static double rootRaisedCosine(double t, double beta) {
    if (Math.abs(t) < 1e-9) {
      return 1.0 - beta + 4.0 * beta / Math.PI;
    }
    double q = 4.0 * beta * t;
    if (Math.abs(Math.abs(q) - 1.0) < 1e-9) {
      double a = Math.PI / (4.0 * beta);
      return beta
          / Math.sqrt(2.0)
          * ((1.0 + 2.0 / Math.PI) * Math.sin(a) + (1.0 - 2.0 / Math.PI) * Math.cos(a));
    }
    return (Math.sin(Math.PI * t * (1.0 - beta)) + q * Math.cos(Math.PI * t * (1.0 + beta)))
        / (Math.PI * t * (1.0 - q * q));
  }
}
