package org.faxgw.modem.dsp;

/**
 * Numerically controlled oscillator (a direct digital synthesiser): a 32-bit phase accumulator
 * advanced by a rate per sample, read through {@link SineTable}. The phase and the rate can be
 * nudged by a carrier-recovery loop.
 */
public final class Nco {
  private final double sampleRate;
  private int phase;
  private int rate;

  /** An oscillator at {@code hz} for samples at {@code sampleRate}, starting at phase 0. */
  public Nco(double hz, double sampleRate) {
    this.sampleRate = sampleRate;
    setFrequency(hz);
  }

  /** Sets the frequency, keeping the phase. */
  public void setFrequency(double hz) {
    rate = SineTable.rateOf(hz, sampleRate);
  }

  /** The current frequency in Hz. */
  public double frequency() {
    return SineTable.radiansOf(rate) / (2.0 * Math.PI) * sampleRate;
  }

  /** Advances by one sample. */
  public void advance() {
    phase += rate;
  }

  /** Advances by {@code samples} samples. */
  public void advance(int samples) {
    phase += rate * samples;
  }

  /** cos of the current phase. */
  public double cos() {
    return SineTable.cos(phase);
  }

  /** sin of the current phase. */
  public double sin() {
    return SineTable.sin(phase);
  }

  public int phase() {
    return phase;
  }

  public void setPhase(int phase) {
    this.phase = phase;
  }

  /** Adds {@code radians} to the phase. */
  public void adjustPhase(double radians) {
    phase += SineTable.phaseOf(radians);
  }

  public int rate() {
    return rate;
  }

  public void setRate(int rate) {
    this.rate = rate;
  }

  /** Adds {@code radiansPerSample} to the rate. */
  public void adjustRate(double radiansPerSample) {
    rate += SineTable.phaseOf(radiansPerSample);
  }
}
