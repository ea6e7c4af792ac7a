package org.faxgw.modem.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DspPrimitivesTest {

  @Test
  void sineTableMatchesMathWithinItsResolution() {
    for (int i = 0; i < 1000; i++) {
      double a = -Math.PI + i * 2 * Math.PI / 1000;
      int p = SineTable.phaseOf(a);
      assertThat(SineTable.sin(p)).isCloseTo(Math.sin(a), within(2e-3));
      assertThat(SineTable.cos(p)).isCloseTo(Math.cos(a), within(2e-3));
      assertThat(SineTable.radiansOf(p)).isCloseTo(a, within(1e-6));
    }
  }

  @Test
  void ncoRunsAtItsFrequency() {
    Nco nco = new Nco(1800, 8000);
    assertThat(nco.frequency()).isCloseTo(1800, within(1e-3));
    nco.advance(8000);
    // 1800 whole turns in one second: back to phase 0 (within rounding of the rate)
    assertThat(Math.abs(SineTable.radiansOf(nco.phase()))).isLessThan(1e-3);
    nco.setPhase(0);
    nco.advance(1);
    assertThat(nco.sin()).isCloseTo(Math.sin(2 * Math.PI * 1800 / 8000), within(2e-3));
  }

  @Test
  void rootRaisedCosineSquaredIsNyquist() {
    double beta = 0.25;
    int os = 64;
    int span = 16;
    double[] h = new double[span * os + 1];
    for (int i = 0; i < h.length; i++) {
      h[i] = RaisedCosine.rootRaisedCosine((i - span * os / 2.0) / os, beta);
    }
    // g = h * h sampled at multiples of the symbol period
    double[] g = new double[2 * span + 1];
    for (int k = -span; k <= span; k++) {
      double acc = 0;
      for (int i = 0; i < h.length; i++) {
        int j = (span * os) - i + k * os;
        if (j >= 0 && j < h.length) {
          acc += h[i] * h[j];
        }
      }
      g[k + span] = acc / os;
    }
    assertThat(g[span]).isCloseTo(1.0, within(0.02));
    for (int k = 1; k <= 6; k++) {
      assertThat(Math.abs(g[span + k]) / g[span]).isLessThan(0.01);
    }
    assertThat(RaisedCosine.raisedCosine(0, beta)).isEqualTo(1.0);
    assertThat(RaisedCosine.raisedCosine(3, beta)).isCloseTo(0.0, within(1e-12));
    // the singular points of the closed form agree with their neighbourhood
    double t = 1 / (4 * beta);
    assertThat(RaisedCosine.rootRaisedCosine(t, beta))
        .isCloseTo(RaisedCosine.rootRaisedCosine(t + 1e-6, beta), within(1e-4));
  }

  @Test
  void pulseShaperGivesUnitPowerForUnitPowerSymbols() {
    PulseShaper ps = new PulseShaper(10, 3, 0.25, 12);
    Random r = new Random(1);
    double sum = 0;
    int n = 0;
    for (int i = 0; i < 30000; i++) {
      if (ps.next()) {
        double a = r.nextInt(4) * Math.PI / 2;
        ps.push(Math.cos(a), Math.sin(a));
      }
      ps.compute();
      if (i > 100) {
        sum += ps.re() * ps.re() + ps.im() * ps.im();
        n++;
      }
    }
    assertThat(sum / n).isCloseTo(1.0, within(0.05));
  }

  @Test
  void powerMeterReadsAFullScaleSineAs3Point14Dbm0() {
    PowerMeter pm = new PowerMeter(5);
    for (int i = 0; i < 8000; i++) {
      pm.update(32767 * Math.sin(2 * Math.PI * 1000 * i / 8000.0 + 0.1));
    }
    assertThat(pm.dbm0()).isCloseTo(3.14, within(0.1));
    assertThat(PowerMeter.meanSquareToDbm0(PowerMeter.dbm0ToMeanSquare(-13)))
        .isCloseTo(-13, within(1e-9));
  }

  @Test
  void firFilterConvolves() {
    FirFilter f = new FirFilter(new double[] {1, 2, 3});
    assertThat(f.filter(1)).isEqualTo(1);
    assertThat(f.filter(0)).isEqualTo(2);
    assertThat(f.filter(0)).isEqualTo(3);
    assertThat(f.filter(0)).isEqualTo(0);
  }

  @Test
  void scramblerRoundTripsAndSelfSynchronises() {
    Scrambler tx = new Scrambler(18, 23, 0x12345);
    Scrambler rx = new Scrambler(18, 23, 0x7);
    Random r = new Random(2);
    int errorsAfterSync = 0;
    int ones = 0;
    for (int i = 0; i < 10000; i++) {
      int bit = i < 5000 ? 1 : r.nextInt(2);
      int line = tx.scramble(bit);
      ones += line;
      int out = rx.descramble(line);
      if (i >= 23 && out != bit) {
        errorsAfterSync++;
      }
    }
    assertThat(errorsAfterSync).isZero();
    // scrambled all-ones is not all ones
    assertThat(ones).isBetween(4000, 6000);
  }

  @Test
  void v27terScramblerGuardBreaksRepeatingPatternsAndRoundTrips() {
    // With the register all zero, an all-zero input would give an all-zero line without the guard.
    V27terScrambler tx = new V27terScrambler(0);
    V27terScrambler rx = new V27terScrambler(0x55);
    int ones = 0;
    int errors = 0;
    Random r = new Random(3);
    for (int i = 0; i < 4000; i++) {
      int bit = i < 2000 ? 0 : r.nextInt(2);
      int line = tx.scramble(bit);
      if (i < 2000) {
        ones += line;
      }
      int out = rx.descramble(line);
      if (i > 50 && out != bit) {
        errors++;
      }
    }
    assertThat(ones).isGreaterThan(100);
    assertThat(errors).isZero();
  }

  @Test
  void lmsEqualizerLearnsTheInverseOfAnEchoChannel() {
    ComplexLmsEqualizer eq = new ComplexLmsEqualizer(15);
    Random r = new Random(4);
    double prevRe = 0;
    double prevIm = 0;
    double[] sym = new double[64];
    double mse = 0;
    int n = 0;
    // channel at T/2: y = x + 0.4·x(−1 symbol) (i.e. 2 half-symbols later), symbols held for T/2
    double[] histRe = new double[4];
    double[] histIm = new double[4];
    double[] sentRe = new double[32];
    double[] sentIm = new double[32];
    for (int k = 0; k < 6000; k++) {
      double sr = r.nextBoolean() ? 1 : -1;
      double si = r.nextBoolean() ? 1 : -1;
      System.arraycopy(sentRe, 0, sentRe, 1, 31);
      System.arraycopy(sentIm, 0, sentIm, 1, 31);
      sentRe[0] = sr;
      sentIm[0] = si;
      for (int half = 0; half < 2; half++) {
        double xr = half == 0 ? sr : 0;
        double xi = half == 0 ? si : 0;
        System.arraycopy(histRe, 0, histRe, 1, 3);
        System.arraycopy(histIm, 0, histIm, 1, 3);
        histRe[0] = xr;
        histIm[0] = xi;
        eq.put(histRe[0] + 0.4 * histRe[2], histIm[0] + 0.4 * histIm[2]);
      }
      eq.compute();
      // the equalizer's delay is taps/2 = 7 half-symbols; target the symbol sent 3 (+½) ago
      double tr = sentRe[4];
      double ti = sentIm[4];
      double er = tr - eq.re();
      double ei = ti - eq.im();
      eq.adapt(er, ei, 0.01);
      if (k > 5000) {
        mse += er * er + ei * ei;
        n++;
      }
    }
    assertThat(mse / n).isLessThan(0.01);
  }

  /** Baseband RRC-shaped QPSK sampled at T/2 with the symbol instants offset by tau symbols. */
  private static double meanTimingError(double tau, boolean bandEdge) {
    double beta = 0.5;
    Random r = new Random(5);
    int nsym = 4000;
    double[] aRe = new double[nsym];
    double[] aIm = new double[nsym];
    for (int k = 0; k < nsym; k++) {
      aRe[k] = r.nextBoolean() ? 1 : -1;
      aIm[k] = r.nextBoolean() ? 1 : -1;
    }
    BandEdgeTimingDetector be = new BandEdgeTimingDetector(0.98);
    double sum = 0;
    int count = 0;
    double[] zr = new double[2 * nsym];
    double[] zi = new double[2 * nsym];
    for (int m = 0; m < 2 * nsym; m++) {
      double t = m / 2.0 + tau; // sampling time in symbols
      double re = 0;
      double im = 0;
      int k0 = (int) Math.floor(t);
      for (int k = k0 - 8; k <= k0 + 8; k++) {
        if (k >= 0 && k < nsym) {
          double g = RaisedCosine.raisedCosine(t - k, beta);
          re += aRe[k] * g;
          im += aIm[k] * g;
        }
      }
      zr[m] = re;
      zi[m] = im;
      be.put(re, im);
      if (m > 200 && (m & 1) == 0) {
        sum +=
            bandEdge
                ? be.error()
                : GardnerTimingDetector.error(zr[m - 2], zi[m - 2], zr[m - 1], zi[m - 1], re, im);
        count++;
      }
    }
    return sum / count;
  }

  @Test
  void timingDetectorsArePositiveWhenEarlyAndNegativeWhenLate() {
    for (boolean bandEdge : new boolean[] {false, true}) {
      // sampling at t = m/2 − 0.1 is early
      assertThat(meanTimingError(-0.1, bandEdge)).as("early, bandEdge=" + bandEdge).isPositive();
      assertThat(meanTimingError(+0.1, bandEdge)).as("late, bandEdge=" + bandEdge).isNegative();
      assertThat(Math.abs(meanTimingError(0.0, bandEdge)))
          .isLessThan(Math.abs(meanTimingError(0.1, bandEdge)) / 5);
    }
  }

  @Test
  void agcScalesToTarget() {
    Agc agc = new Agc(2.0);
    for (int i = 0; i < 100; i++) {
      agc.measure(0.5, 0);
    }
    assertThat(agc.gain() * agc.gain() * 0.25).isCloseTo(2.0, within(1e-9));
    agc.freeze();
    agc.measure(100, 0);
    assertThat(agc.gain() * agc.gain() * 0.25).isCloseTo(2.0, within(1e-9));
  }

  @Test
  void piLoopIntegrates() {
    PiLoopFilter pi = new PiLoopFilter(0.5, 0.1);
    assertThat(pi.update(1.0)).isCloseTo(0.6, within(1e-12));
    assertThat(pi.update(1.0)).isCloseTo(0.7, within(1e-12));
  }
}
