package org.faxgw.modem;

import org.faxgw.modem.dsp.NearestPointSlicer;
import org.faxgw.modem.dsp.V27terScrambler;

/**
 * V.27ter receiver (ITU-T V.27ter, 4800/2400 bit/s, long training) on the {@link PassbandReceiver}
 * front end with Gardner timing recovery.
 *
 * <p>Every training symbol of V.27ter 2.5 lies at 0° or 180° (segment 1 carrier, segment 3
 * reversals, segment 4 conditioning pattern), so until the data the receiver decides between those
 * two points only, which is robust and needs no absolute phase. Per burst:
 *
 * <ol>
 *   <li>{@link Stage#ACQUIRE}: AGC measurement (then frozen), timing pull-in, carrier lock;
 *   <li>{@link Stage#WAIT_FOR_HOP}: after at least 10 consecutive reversals (segment 3), the first
 *       symbol without one marks a known place in segment 4 ({@link
 *       V27terSignal#FIRST_NON_REVERSAL});
 *   <li>{@link Stage#TRAIN}: the equalizer trains on the two-point decisions through segment 4; the
 *       mean squared error near its end decides success or failure;
 *   <li>{@link Stage#TEST_ONES}: the full constellation is decided from just before segment 5;
 *       segment 5 feeds the descrambler without delivering;
 *   <li>{@link Stage#DATA}: differential decoding, V.27ter descrambling, bits to the sink; the
 *       equalizer is frozen (adapting it in the data made it drift under a sample-clock offset).
 * </ol>
 *
 * Belongs to one thread; allocates nothing per block.
 */
public final class V27terReceiver extends PassbandReceiver {
  enum Stage {
    ACQUIRE,
    WAIT_FOR_HOP,
    TRAIN,
    TEST_ONES,
    DATA,
    IDLE
  }

  private static final int ACQUIRE_SYMBOLS = 24;
  private static final int MIN_REVERSALS = 10;

  /** Symbols after carrier-up by which segment 4 must have been found. */
  private static final int HOP_LIMIT = 600;

  /** Switch to full-constellation decisions this many symbols before segment 5. */
  private static final int TEST_LEAD = 16;

  /** Training error is averaged over this many symbols before the switch. */
  private static final int ERROR_WINDOW = 100;

  private static final int EQ_TAPS = 33;

  private V27terConfig config;
  private V27terScrambler descrambler = new V27terScrambler(0);
  private Stage stage = Stage.IDLE;
  private int count;
  private int seg4Index;
  private int reversals;
  private int lastSign;
  private int prevPhase;
  private double errorSum;
  private int errorCount;
  private double muTrain;
  private double mseLimit;
  private boolean rate4800;
  private final double[] pointRe = new double[8];
  private final double[] pointIm = new double[8];

  /**
   * Decision grids for 4800 (8 phases) and 2400 bit/s (the 4 even phases): the points have one
   * amplitude, so the nearest point is the one of the largest projection. ±4 in 1/16 cells.
   */
  private static final NearestPointSlicer SLICER_4800 = slicerFor(1);

  private static final NearestPointSlicer SLICER_2400 = slicerFor(2);

  private static NearestPointSlicer slicerFor(int phaseStep) {
    int n = 8 / phaseStep;
    double[] re = new double[n];
    double[] im = new double[n];
    for (int i = 0; i < n; i++) {
      re[i] = V27terSignal.re(i * phaseStep);
      im[i] = V27terSignal.im(i * phaseStep);
    }
    return new NearestPointSlicer(re, im, 4.0, 128);
  }

  public V27terReceiver(V27terConfig config, BitSink sink, ModemListener listener) {
    super(sink, listener);
    for (int p = 0; p < 8; p++) {
      pointRe[p] = V27terSignal.re(p);
      pointIm[p] = V27terSignal.im(p);
    }
    restart(config);
  }

  public V27terReceiver(V27terConfig config, BitSink sink) {
    this(config, sink, ModemListener.IGNORE);
  }

  /** Prepares for a new burst at {@code config} (forgets any carrier in progress). */
  public void restart(V27terConfig config) {
    this.config = config;
    this.rate4800 = config.bitRate() == 4800;
    configure(
        V27terSignal.CARRIER_HZ,
        config.baud(),
        0.5,
        rate4800 ? 31 : 41,
        EQ_TAPS,
        2.0,
        false,
        config.carrierOnDbm0(),
        config.carrierOffDbm0());
    muTrain = 0.25 / (EQ_TAPS * 2.0);
    // spandsp's acceptance: mean squared error per symbol below 0.25 (4800) or 0.5 (2400).
    mseLimit = rate4800 ? 0.25 : 0.5;
    stage = Stage.IDLE;
  }

  public V27terConfig config() {
    return config;
  }

  @Override
  protected void startBurst() {
    stage = Stage.ACQUIRE;
    count = 0;
    reversals = 0;
    lastSign = 0;
    setAgcActive(true);
    // Segment 1 is an unmodulated carrier with no timing content: a proportional-only timing loop
    // cannot drift on it, and pulls in quickly on the reversals of segment 3.
    setTimingGains(0.15, 0);
    setCarrierGains(0.15, 0.004);
  }

  @Override
  protected void endBurst() {
    stage = Stage.IDLE;
  }

  @Override
  protected void onSymbol(double re, double im, boolean lost) {
    switch (stage) {
      case ACQUIRE -> acquire(re, im, lost);
      case WAIT_FOR_HOP -> waitForHop(re, im, lost);
      case TRAIN -> train(re, im, lost);
      case TEST_ONES, DATA -> data(re, im, lost);
      case IDLE -> {}
    }
  }

  /** True when the symbol is strong enough to steer loops (not in the segment 2 gap). */
  private static boolean strong(double re, double im) {
    return re * re + im * im > 0.5;
  }

  private void trackBinary(double re, double im) {
    double t = re >= 0 ? V27terSignal.AMPLITUDE : -V27terSignal.AMPLITUDE;
    trackCarrier(re, im, t, 0);
  }

  private void acquire(double re, double im, boolean lost) {
    count++;
    if (count == 4) {
      agc.restart();
    }
    if (!lost && count > 4 && strong(re, im)) {
      trackBinary(re, im);
    }
    if (count >= ACQUIRE_SYMBOLS) {
      setAgcActive(false);
      stage = Stage.WAIT_FOR_HOP;
    }
  }

  private void waitForHop(double re, double im, boolean lost) {
    count++;
    if (count > HOP_LIMIT) {
      park("V.27ter segment 4 not found");
      stage = Stage.IDLE;
      return;
    }
    if (lost || !strong(re, im)) {
      reversals = 0;
      lastSign = 0;
      return;
    }
    trackBinary(re, im);
    int sign = re >= 0 ? 1 : -1;
    if (lastSign != 0 && sign != lastSign) {
      reversals++;
    } else if (lastSign != 0 && reversals >= MIN_REVERSALS) {
      // first symbol of segment 4 without a reversal
      stage = Stage.TRAIN;
      seg4Index = V27terSignal.FIRST_NON_REVERSAL;
      errorSum = 0;
      errorCount = 0;
      resetTimingIntegrator();
      setTimingGains(0.05, 0.0005);
      setCarrierGains(0.08, 0.002);
      lastSign = sign;
      return;
    } else {
      reversals = 0;
    }
    lastSign = sign;
  }

  private void train(double re, double im, boolean lost) {
    seg4Index++;
    if (!lost) {
      double t = re >= 0 ? V27terSignal.AMPLITUDE : -V27terSignal.AMPLITUDE;
      trackCarrier(re, im, t, 0);
      adaptEqualizer(re, im, t, 0, muTrain);
      if (seg4Index >= V27terSignal.SEG4_CONDITIONING - TEST_LEAD - ERROR_WINDOW) {
        double dr = re - t;
        errorSum += dr * dr + im * im;
        errorCount++;
      }
      if (seg4Index == V27terSignal.SEG4_CONDITIONING / 2) {
        setTimingGains(0.02, 0.0002);
        setCarrierGains(0.05, 0.001);
      }
    }
    if (seg4Index >= V27terSignal.SEG4_CONDITIONING - TEST_LEAD) {
      double mse = errorCount > 0 ? errorSum / errorCount : Double.MAX_VALUE;
      if (mse > mseLimit) {
        park(String.format("V.27ter training error too large (mse %.3f)", mse));
        stage = Stage.IDLE;
        return;
      }
      stage = Stage.TEST_ONES;
      prevPhase = re >= 0 ? 0 : 4;
      descrambler = new V27terScrambler(0);
      setTimingGains(0.01, 0.0001);
      setCarrierGains(0.04, 0.0005);
    }
  }

  private void data(double re, double im, boolean lost) {
    if (stage == Stage.TEST_ONES) {
      seg4Index++;
      // seg4Index counts from the start of segment 4; segment 5 is the next 8 symbols
      boolean last = seg4Index >= V27terSignal.SEG4_CONDITIONING + V27terSignal.SEG5_ONES - 1;
      decode(re, im, lost, seg4Index > V27terSignal.SEG4_CONDITIONING, false);
      if (last) {
        stage = Stage.DATA;
        trainingSucceeded(config.bitRate());
      }
      return;
    }
    decode(re, im, lost, true, true);
  }

  private void decode(double re, double im, boolean lost, boolean descramble, boolean deliver) {
    if (lost) {
      return;
    }
    int best = rate4800 ? SLICER_4800.slice(re, im) : 2 * SLICER_2400.slice(re, im);
    int step = (best - prevPhase) & 7;
    prevPhase = best;
    if (descramble) {
      if (rate4800) {
        descrambleBits(descrambler, V27terSignal.BITS_FOR_STEP_3[step], 3, deliver);
      } else {
        descrambleBits(descrambler, V27terSignal.BITS_FOR_STEP_2[step], 2, deliver);
      }
    }
    trackCarrier(re, im, pointRe[best], pointIm[best]);
  }
}
