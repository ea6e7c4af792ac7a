package org.faxgw.modem.dsp;

/**
 * Proportional-plus-integral loop filter for carrier and timing recovery: {@code out = kp·e + Σ
 * ki·e}. A second-order loop built on it follows a frequency (or clock) offset with no standing
 * phase error.
 */
public final class PiLoopFilter {
  private double kp;
  private double ki;
  private double integral;
  private double limit = Double.POSITIVE_INFINITY;

  public PiLoopFilter(double kp, double ki) {
    this.kp = kp;
    this.ki = ki;
  }

  /** Feeds one error sample; returns the correction. */
  public double update(double error) {
    integral += ki * error;
    if (integral > limit) {
      integral = limit;
    } else if (integral < -limit) {
      integral = -limit;
    }
    return kp * error + integral;
  }

  /** Changes the gains, keeping the integrator. */
  public void setGains(double kp, double ki) {
    this.kp = kp;
    this.ki = ki;
  }

  /** Bounds the integrator to ±{@code limit} (e.g. the largest plausible clock offset). */
  public void setIntegralLimit(double limit) {
    this.limit = limit;
  }

  public double integral() {
    return integral;
  }

  public void setIntegral(double integral) {
    this.integral = integral;
  }

  public void reset() {
    integral = 0;
  }
}
