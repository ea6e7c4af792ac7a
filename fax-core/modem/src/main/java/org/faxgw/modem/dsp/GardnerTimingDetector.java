package org.faxgw.modem.dsp;

/**
 * Gardner's symbol-timing error detector (F. M. Gardner, "A BPSK/QPSK timing-error detector for
 * sampled receivers", IEEE Trans. Commun. 1986) on T/2-spaced complex baseband samples: {@code e =
 * Re{(y[k−1] − y[k])·conj(y[k−½])}}. It is insensitive to the carrier phase. Sign convention of
 * this package: positive means the samples are taken early and the sampling instants should move
 * later.
 */
public final class GardnerTimingDetector {
  private GardnerTimingDetector() {}

  /**
   * @param prevRe previous symbol-instant sample (real)
   * @param prevIm previous symbol-instant sample (imaginary)
   * @param midRe the sample half-way between (real)
   * @param midIm the sample half-way between (imaginary)
   * @param curRe current symbol-instant sample (real)
   * @param curIm current symbol-instant sample (imaginary)
   * @return the timing error, positive when early
   */
  public static double error(
      double prevRe, double prevIm, double midRe, double midIm, double curRe, double curIm) {
    return (prevRe - curRe) * midRe + (prevIm - curIm) * midIm;
  }
}
