package org.faxgw.modem.dsp;

/**
 * Band-edge symbol-timing error detector (after D. N. Godard, "Passband timing recovery in an
 * all-digital modem receiver", IEEE Trans. Commun. 1978) on T/2-spaced complex baseband samples.
 *
 * <p>Two single-bin resonators pick out the spectrum at the band edges +1/(2T) and −1/(2T); at T/2
 * spacing their reference phasors are simply (−j)^m and (+j)^m. For a signal delayed by τ the cross
 * product Z₊·conj(Z₋) is a positive quantity times e^{−j2πτ/T}, whatever the carrier phase and the
 * data, so its imaginary part is a timing error. This works for QAM where Gardner's detector is
 * noisy, provided the spectrum has some excess bandwidth. Samples with an even index m (counted by
 * this detector) are the symbol instants. Sign convention of this package: positive means early
 * (sampling instants should move later).
 */
public final class BandEdgeTimingDetector {
  private final double leak;
  private double upRe;
  private double upIm;
  private double downRe;
  private double downIm;
  private int m;

  /**
   * @param leak per-sample leak of the two resonators, e.g. 0.99 (window ≈ 1/(1−leak) samples)
   */
  public BandEdgeTimingDetector(double leak) {
    this.leak = leak;
  }

  /** Feeds one T/2 sample; the first sample after {@link #reset} is a symbol instant. */
  public void put(double re, double im) {
    // (-j)^m for the upper edge, (+j)^m for the lower edge.
    double ur;
    double ui;
    double dr;
    double di;
    switch (m) {
      case 0 -> {
        ur = re;
        ui = im;
        dr = re;
        di = im;
      }
      case 1 -> {
        // ·(−j) and ·(+j)
        ur = im;
        ui = -re;
        dr = -im;
        di = re;
      }
      case 2 -> {
        ur = -re;
        ui = -im;
        dr = -re;
        di = -im;
      }
      default -> {
        ur = -im;
        ui = re;
        dr = im;
        di = -re;
      }
    }
    m = (m + 1) & 3;
    upRe = upRe * leak + ur;
    upIm = upIm * leak + ui;
    downRe = downRe * leak + dr;
    downIm = downIm * leak + di;
  }

  /**
   * The timing error −Im{Z₊·conj(Z₋)} normalised by |Z₊|·|Z₋|, i.e. ≈ sin(2πτ/T) for sampling τ
   * early; 0 when there is no energy at the band edges.
   */
  public double error() {
    double imag = upRe * downIm - upIm * downRe;
    double norm = Math.sqrt((upRe * upRe + upIm * upIm) * (downRe * downRe + downIm * downIm));
    return norm > 1e-12 ? imag / norm : 0.0;
  }

  /** Clears the resonators; the next sample is a symbol instant. */
  public void reset() {
    upRe = upIm = downRe = downIm = 0;
    m = 0;
  }
}
