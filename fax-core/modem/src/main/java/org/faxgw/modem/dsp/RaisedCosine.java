package org.faxgw.modem.dsp;

/**
 * The root-raised-cosine pulse (the "raised cosine energy spectrum shared equally between
 * transmitter and receiver" of V.27ter 2.3, and the usual shaping for V.29/V.17), computed from its
 * closed form: for roll-off β and time t in symbol periods,
 *
 * <pre>
 * h(t) = [sin(πt(1−β)) + 4βt·cos(πt(1+β))] / [πt(1 − (4βt)²)]
 * </pre>
 *
 * with the limits h(0) = 1 − β + 4β/π and h(±1/(4β)) = β/√2·[(1+2/π)sin(π/(4β)) +
 * (1−2/π)cos(π/(4β))]. Two such pulses in cascade give a raised-cosine (Nyquist) pulse.
 */
public final class RaisedCosine {
  private RaisedCosine() {}

  /** The root-raised-cosine impulse response at {@code t} symbol periods, roll-off {@code beta}. */
  public static double rootRaisedCosine(double t, double beta) {
    if (Math.abs(t) < 1e-9) {
      return 1.0 - beta + 4.0 * beta / Math.PI;
    }
    if (beta > 0 && Math.abs(Math.abs(t) - 1.0 / (4.0 * beta)) < 1e-9) {
      double a = Math.PI / (4.0 * beta);
      return beta
          / Math.sqrt(2.0)
          * ((1.0 + 2.0 / Math.PI) * Math.sin(a) + (1.0 - 2.0 / Math.PI) * Math.cos(a));
    }
    double num =
        Math.sin(Math.PI * t * (1.0 - beta))
            + 4.0 * beta * t * Math.cos(Math.PI * t * (1.0 + beta));
    double den = Math.PI * t * (1.0 - (4.0 * beta * t) * (4.0 * beta * t));
    return num / den;
  }

  /** The raised-cosine (Nyquist) pulse at {@code t} symbol periods, roll-off {@code beta}. */
  public static double raisedCosine(double t, double beta) {
    double sinc = Math.abs(t) < 1e-12 ? 1.0 : Math.sin(Math.PI * t) / (Math.PI * t);
    double d = 1.0 - (2.0 * beta * t) * (2.0 * beta * t);
    if (Math.abs(d) < 1e-9) {
      return Math.PI / 4.0 * sinc;
    }
    return sinc * Math.cos(Math.PI * beta * t) / d;
  }
}
