package org.faxgw.modem.dsp;

/**
 * Automatic gain control of the kind fax receivers use: while acquiring, the mean power of the
 * incoming complex samples is measured and the gain set so that it matches a target; then the gain
 * is frozen for the rest of the burst (the equalizer absorbs slow level changes).
 */
public final class Agc {
  private final double targetPower;
  private double sum;
  private int count;
  private double gain = 1.0;
  private boolean frozen;

  /**
   * @param targetPower the mean |z|² wanted after the gain
   */
  public Agc(double targetPower) {
    this.targetPower = targetPower;
  }

  /** Measures one complex sample (taken before the gain) while not frozen. */
  public void measure(double re, double im) {
    if (frozen) {
      return;
    }
    sum += re * re + im * im;
    count++;
    if (sum > 0) {
      gain = Math.sqrt(targetPower * count / sum);
    }
  }

  /** Stops measuring; the gain stays as it is. */
  public void freeze() {
    frozen = true;
  }

  public boolean isFrozen() {
    return frozen;
  }

  public double gain() {
    return gain;
  }

  /** Forgets the measurement and unfreezes, keeping the gain as a starting value. */
  public void restart() {
    sum = 0;
    count = 0;
    frozen = false;
  }

  /** Sets the gain directly (e.g. restored after a short train). */
  public void setGain(double gain) {
    this.gain = gain;
  }
}
