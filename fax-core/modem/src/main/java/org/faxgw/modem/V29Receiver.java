package org.faxgw.modem;

import org.faxgw.modem.dsp.NearestPointSlicer;
import org.faxgw.modem.dsp.Scrambler;

/**
 * V.29 receiver (ITU-T V.29, 9600/7200/4800 bit/s) on the {@link PassbandReceiver} front end
 * (Gardner timing on the T/2 samples before the equalizer).
 *
 * <p>Training (V.29 3), per burst:
 *
 * <ol>
 *   <li>{@link Stage#ACQUIRE}: the AGC measures and the timing loop pulls in on segment 2 (ABAB);
 *   <li>{@link Stage#ESTIMATE}: which symbols are A and which are B is found from the sign of the
 *       phase step between neighbours (A→B is +135° or +90°), the carrier frequency offset from the
 *       turn between symbols two apart, and the absolute carrier phase from the A and B symbols;
 *       the carrier loop is set to both;
 *   <li>{@link Stage#WAIT_FOR_CDCD}: the ABAB pattern is tracked until a symbol decides as C or D
 *       (segment 3 began);
 *   <li>{@link Stage#TRAIN_CDCD}: the equalizer and the carrier loop train, directed by the nearest
 *       of C and D, for the 384 symbols of segment 3; the mean squared error of the last part
 *       decides success or failure;
 *   <li>{@link Stage#TEST_ONES}: segment 4 is decided with the data constellation and feeds the
 *       descrambler, whose output is not delivered but must be ones (at most one bit in 8 wrong,
 *       after the first 12 symbols): a burst at another rate trains on segments 2 and 3 but fails
 *       here;
 *   <li>{@link Stage#DATA}: decisions, differential decoding, descrambling (1 + x^−18 + x^−23),
 *       bits to the {@link BitSink}; carrier, timing and equalizer keep tracking.
 * </ol>
 *
 * Belongs to one thread; allocates nothing per block.
 */
public final class V29Receiver extends PassbandReceiver {
  enum Stage {
    ACQUIRE,
    ESTIMATE,
    WAIT_FOR_CDCD,
    TRAIN_CDCD,
    TEST_ONES,
    DATA,
    IDLE
  }

  private static final int ACQUIRE_SYMBOLS = 24;
  private static final int ESTIMATE_SYMBOLS = 32;

  /** Longest wait for segment 3 after the estimate (segment 2 is 128 symbols). */
  private static final int WAIT_LIMIT = 160;

  private static final int EQ_TAPS = 33;

  /** V.29 1.1: the received carrier may be off by up to ±7 Hz; beyond 10 Hz it is no V.29. */
  private static final double MAX_OFFSET_HZ = 10.0;

  private static final double OFFSET_DEAD_ZONE_HZ = 3.0;

  /** Least normalised alternating sum over the estimate window that counts as segment 2. */
  private static final double ABAB_MIN = 0.3;

  private static final int FILTER_TAPS = 27;

  /**
   * Symbols of segment 4 before its descrambled bits are counted: 12 symbols hold at least the 23
   * line bits the descrambler needs (V.29 2.4), at 2 bits a symbol.
   */
  private static final int ONES_SETTLE_SYMBOLS = 12;

  /** Decision grids for 4800, 7200 and 9600 bit/s: ±8 (beyond the outer points, 5) in 1/8 cells. */
  private static final NearestPointSlicer[] SLICERS = {
    slicerFor(4800), slicerFor(7200), slicerFor(9600)
  };

  private V29Config config;
  private final Scrambler descrambler = new Scrambler(18, 23);

  private Stage stage = Stage.IDLE;
  private int count;
  private int rate;
  // training points
  private double aRe;
  private double aIm;
  private double bRe;
  private double bIm;
  private double cRe;
  private double cIm;
  private double dRe;
  private double dIm;
  // estimation
  private double parityRe;
  private double parityIm;
  private double parityNorm;
  private double prevRe;
  private double prevIm;
  private int aParity;
  private final double[] estRe = new double[ESTIMATE_SYMBOLS];
  private final double[] estIm = new double[ESTIMATE_SYMBOLS];
  private double errorSum;
  private int errorCount;
  // data decisions
  private int prevPhase;
  private final double[] pointRe = new double[16];
  private final double[] pointIm = new double[16];
  private final int[] pointPhase = new int[16];
  private final int[] pointQ1 = new int[16];
  private NearestPointSlicer slicer;
  private double muTrain;
  private double mseLimit;
  private int symbolsInData;
  private int onesSeen;
  private int onesChecked;

  public V29Receiver(V29Config config, BitSink sink, ModemListener listener) {
    super(sink, listener);
    restart(config);
  }

  public V29Receiver(V29Config config, BitSink sink) {
    this(config, sink, ModemListener.IGNORE);
  }

  /** Prepares for a new burst at {@code config} (forgets any carrier in progress). */
  public void restart(V29Config config) {
    this.config = config;
    this.rate = config.bitRate();
    double trainPower;
    if (rate == 9600) {
      trainPower = (9 + 18) / 2.0;
    } else if (rate == 7200) {
      trainPower = (9 + 2) / 2.0;
    } else {
      trainPower = 9;
    }
    configure(
        V29Signal.CARRIER_HZ,
        V29Signal.BAUD,
        0.5,
        FILTER_TAPS,
        EQ_TAPS,
        trainPower,
        false,
        config.carrierOnDbm0(),
        config.carrierOffDbm0());
    aRe = V29Signal.re(V29Signal.pointA(), 0);
    aIm = V29Signal.im(V29Signal.pointA(), 0);
    bRe = V29Signal.re(V29Signal.phaseB(rate), V29Signal.ampB(rate));
    bIm = V29Signal.im(V29Signal.phaseB(rate), V29Signal.ampB(rate));
    cRe = V29Signal.re(V29Signal.pointC(), 0);
    cIm = V29Signal.im(V29Signal.pointC(), 0);
    dRe = V29Signal.re(V29Signal.phaseD(rate), V29Signal.ampD(rate));
    dIm = V29Signal.im(V29Signal.phaseD(rate), V29Signal.ampD(rate));
    dataPoints(rate, pointRe, pointIm, pointPhase, pointQ1);
    slicer = SLICERS[rate == 4800 ? 0 : rate == 7200 ? 1 : 2];
    double dataPower = V29Signal.dataPower(rate);
    muTrain = 0.25 / (EQ_TAPS * trainPower);
    // Training fails when the error power is above ~11 dB below the data power.
    mseLimit = dataPower / 12.0;
    stage = Stage.IDLE;
  }

  /** Fills the data constellation of {@code rate} (V.29 Table 2) in decision order; the count. */
  private static int dataPoints(int rate, double[] re, double[] im, int[] phase, int[] q1s) {
    int n = 0;
    for (int q1 = 0; q1 < (rate == 9600 ? 2 : 1); q1++) {
      for (int p = 0; p < 8; p += rate == 4800 ? 2 : 1) {
        re[n] = V29Signal.re(p, q1);
        im[n] = V29Signal.im(p, q1);
        phase[n] = p;
        q1s[n] = q1;
        n++;
      }
    }
    return n;
  }

  private static NearestPointSlicer slicerFor(int rate) {
    double[] re = new double[16];
    double[] im = new double[16];
    int n = dataPoints(rate, re, im, new int[16], new int[16]);
    return new NearestPointSlicer(
        java.util.Arrays.copyOf(re, n), java.util.Arrays.copyOf(im, n), 8.0, 128);
  }

  public V29Config config() {
    return config;
  }

  @Override
  protected void startBurst() {
    stage = Stage.ACQUIRE;
    count = 0;
    setAgcActive(true);
    setTimingGains(0.15, 0.004);
    setCarrierGains(0, 0);
    parityRe = parityIm = parityNorm = prevRe = prevIm = 0;
  }

  @Override
  protected void endBurst() {
    stage = Stage.IDLE;
  }

  @Override
  protected void onSymbol(double re, double im, boolean lost) {
    switch (stage) {
      case ACQUIRE -> acquire(re, im);
      case ESTIMATE -> estimate(re, im, lost);
      case WAIT_FOR_CDCD -> waitForCdcd(re, im, lost);
      case TRAIN_CDCD -> trainCdcd(re, im, lost);
      case TEST_ONES, DATA -> data(re, im, lost);
      case IDLE -> {}
    }
  }

  private void acquire(double re, double im) {
    if (++count == 4) {
      // the first symbols include the filter's start-up: measure from here
      agc.restart();
    }
    if (count >= ACQUIRE_SYMBOLS) {
      setAgcActive(false);
      setTimingGains(0.08, 0.001);
      stage = Stage.ESTIMATE;
      count = 0;
      prevRe = re;
      prevIm = im;
    }
  }

  private void estimate(double re, double im, boolean lost) {
    count++;
    estRe[count - 1] = lost ? 0 : re;
    estIm[count - 1] = lost ? 0 : im;
    if (!lost) {
      // Σ ±z[k]·conj(z[k−1]): A→B turns by +135° (+90° at 4800), B→A by −135°.
      double pr = re * prevRe + im * prevIm;
      double pi = im * prevRe - re * prevIm;
      if ((count & 1) == 0) {
        parityRe += pr;
        parityIm += pi;
      } else {
        parityRe -= pr;
        parityIm -= pi;
      }
      parityNorm += Math.hypot(re, im) * Math.hypot(prevRe, prevIm);
      prevRe = re;
      prevIm = im;
    }
    if (count < ESTIMATE_SYMBOLS) {
      return;
    }
    // Carrier frequency offset: symbols two apart are the same point, so Σ z[k]·conj(z[k−2])
    // turns by twice the phase drift per symbol (V.29 allows ±7 Hz, 1° per symbol).
    double fRe = 0;
    double fIm = 0;
    for (int k = 2; k < ESTIMATE_SYMBOLS; k++) {
      fRe += estRe[k] * estRe[k - 2] + estIm[k] * estIm[k - 2];
      fIm += estIm[k] * estRe[k - 2] - estRe[k] * estIm[k - 2];
    }
    double measured = Math.atan2(fIm, fRe) / 2;
    // A real segment 2 alternates by ±135° (±90° at 4800): the alternating sum keeps ≈ 0.7 of its
    // terms' size, where a steady tone (V.21, a CED) cancels out and noise keeps ≈ 1/√32 = 0.18;
    // and the offset must be plausible. (0.35 missed a real segment 2 at 4800 bit/s and +5 Hz.)
    double abab = Math.hypot(parityRe, parityIm) / Math.max(parityNorm, 1e-12);
    double offsetHz = measured * V29Signal.BAUD / (2 * Math.PI);
    if (abab < ABAB_MIN || Math.abs(offsetHz) > MAX_OFFSET_HZ) {
      park(String.format("V.29 segment 2 (ABAB) not recognised (%.2f, %.1f Hz)", abab, offsetHz));
      stage = Stage.IDLE;
      return;
    }
    // The measurement is noisy (±3 Hz at 18 dB SNR over 32 symbols): small offsets are left to the
    // carrier loop, which follows them more finely; only large ones are taken out here.
    double drift = Math.abs(offsetHz) < OFFSET_DEAD_ZONE_HZ ? 0 : measured;
    // Even-count symbols are B (they follow an A by +135°) when Im(parity) > 0.
    boolean evenIsB = parityIm > 0;
    // rotation θ of the last symbol with A and B (turned back to the last symbol's time) ≈ k·e^{jθ}
    double rRe = 0;
    double rIm = 0;
    for (int k = 0; k < ESTIMATE_SYMBOLS; k++) {
      int c = k + 1;
      boolean isB = ((c & 1) == 0) == evenIsB;
      double tRe = isB ? bRe : aRe;
      double tIm = isB ? bIm : aIm;
      double turn = drift * (ESTIMATE_SYMBOLS - 1 - k);
      double cs = Math.cos(turn);
      double sn = Math.sin(turn);
      double zr = estRe[k] * cs - estIm[k] * sn;
      double zi = estRe[k] * sn + estIm[k] * cs;
      rRe += zr * tRe + zi * tIm;
      rIm += zi * tRe - zr * tIm;
    }
    double theta = Math.atan2(rIm, rRe);
    rotateCarrier(theta);
    adjustCarrierRate(drift);
    // the next symbol has count ESTIMATE_SYMBOLS + 1: odd
    aParity = evenIsB ? 1 : 0;
    stage = Stage.WAIT_FOR_CDCD;
    setCarrierGains(0.08, 0.002);
  }

  private void waitForCdcd(double re, double im, boolean lost) {
    count++;
    if (lost) {
      return;
    }
    boolean expectA = (count & 1) == aParity;
    double tRe = expectA ? aRe : bRe;
    double tIm = expectA ? aIm : bIm;
    double dA = dist2(re, im, aRe, aIm);
    double dB = dist2(re, im, bRe, bIm);
    double dC = dist2(re, im, cRe, cIm);
    double dD = dist2(re, im, dRe, dIm);
    double dAb = Math.min(dA, dB);
    if (Math.min(dC, dD) < dAb && Math.min(dC, dD) < dist2(re, im, tRe, tIm) * 0.25) {
      // first symbol of segment 3
      stage = Stage.TRAIN_CDCD;
      count = 0;
      errorSum = 0;
      errorCount = 0;
      setTimingGains(0.04, 0.0004);
      trainCdcd(re, im, false);
      return;
    }
    trackCarrier(re, im, tRe, tIm);
    if (count > ESTIMATE_SYMBOLS + WAIT_LIMIT) {
      park("V.29 segment 3 (CDCD) not found");
      stage = Stage.IDLE;
    }
  }

  private void trainCdcd(double re, double im, boolean lost) {
    count++;
    if (!lost) {
      double dC = dist2(re, im, cRe, cIm);
      double dD = dist2(re, im, dRe, dIm);
      double tRe = dC <= dD ? cRe : dRe;
      double tIm = dC <= dD ? cIm : dIm;
      trackCarrier(re, im, tRe, tIm);
      adaptEqualizer(re, im, tRe, tIm, muTrain);
      if (count > V29Signal.SEG3_CDCD - 128) {
        errorSum += Math.min(dC, dD);
        errorCount++;
      }
    }
    if (count >= V29Signal.SEG3_CDCD) {
      double mse = errorCount > 0 ? errorSum / errorCount : Double.MAX_VALUE;
      if (mse > mseLimit) {
        park(String.format("V.29 training error too large (mse %.3f)", mse));
        stage = Stage.IDLE;
        return;
      }
      stage = Stage.TEST_ONES;
      count = 0;
      onesSeen = 0;
      onesChecked = 0;
      prevPhase = 0;
      symbolsInData = 0;
      setCarrierGains(0.04, 0.0005);
      setTimingGains(0.02, 0.0001);
    }
  }

  private void data(double re, double im, boolean lost) {
    if (stage == Stage.TEST_ONES) {
      int ones = decode(re, im, lost, false);
      if (++count > ONES_SETTLE_SYMBOLS && !lost) {
        onesSeen += ones;
        onesChecked += rate / 2400;
      }
      if (count >= V29Signal.SEG4_ONES) {
        // segment 4 descrambles to ones once the descrambler holds 23 line bits of it; a burst at
        // another rate (or of another modem) does not
        if (onesChecked == 0 || (onesChecked - onesSeen) * 8 > onesChecked) {
          park(
              String.format(
                  "V.29 segment 4 (scrambled ones) not recognised (%d of %d ones)",
                  onesSeen, onesChecked));
          stage = Stage.IDLE;
          return;
        }
        stage = Stage.DATA;
        trainingSucceeded(rate);
      }
      return;
    }
    decode(re, im, lost, true);
  }

  /** Decides and descrambles one symbol; returns the number of ones among its data bits. */
  private int decode(double re, double im, boolean lost, boolean deliver) {
    if (lost) {
      return 0;
    }
    int ones = 0;
    int best = slicer.slice(re, im);
    int phase = pointPhase[best];
    int step = (phase - prevPhase) & 7;
    prevPhase = phase;
    if (rate == 9600) {
      ones += descrambleBits(descrambler, pointQ1[best], 1, deliver);
    }
    if (rate == 4800) {
      ones += descrambleBits(descrambler, V29Signal.BITS_FOR_STEP_2[step], 2, deliver);
    } else {
      ones += descrambleBits(descrambler, V29Signal.BITS_FOR_STEP_3[step], 3, deliver);
    }
    double tRe = pointRe[best];
    double tIm = pointIm[best];
    trackCarrier(re, im, tRe, tIm);
    symbolsInData++;
    return ones;
  }

  private static double dist2(double re, double im, double tRe, double tIm) {
    double dr = re - tRe;
    double di = im - tIm;
    return dr * dr + di * di;
  }
}
