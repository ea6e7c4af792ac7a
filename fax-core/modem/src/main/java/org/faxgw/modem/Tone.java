package org.faxgw.modem;

/** The fax connect tones of T.30 §4 / §5.2. */
public enum Tone {
  /** Called terminal identification: 2100 Hz ± 15 Hz, 2.6 s to 4.0 s (T.30 §4.2, V.25 ANS). */
  CED(2100.0),
  /** Calling tone: 1100 Hz ± 38 Hz, 0.5 s on, 3 s off (T.30 §4.1). */
  CNG(1100.0);

  private final double hz;

  Tone(double hz) {
    this.hz = hz;
  }

  /** Nominal frequency in Hz. */
  public double hz() {
    return hz;
  }
}
