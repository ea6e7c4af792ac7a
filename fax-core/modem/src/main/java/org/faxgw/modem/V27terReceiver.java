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
 *       symbol without one (the hop) lies in segment 4, at a place that depends on the
 *       transmitter's scrambler seed, which V.27ter leaves open;
 *   <li>{@link Stage#TRAIN}: the equalizer trains on the two-point decisions through segment 4; the
 *       reversals of the 64 symbols after the hop are compared with segment 4 from each of the 128
 *       seeds ({@link V27terTraining}), and the seeds that fit are kept (none: the burst is no
 *       V.27ter training at this rate, training fails); the mean squared error near the end of
 *       segment 4 decides success or failure;
 *   <li>{@link Stage#TEST_ONES}: the full constellation is decided from just before segment 5; the
 *       phase steps are kept until segment 5 of every seed left is over, then the seed whose
 *       segment 4 tail and segment 5 (scrambled ones) match them fixes the start of the data and
 *       the descrambler state (register and guard counter); no match fails the training;
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

  /** LMS step of the equalizer in the first half of segment 4 (0.25 / taps / symbol power). */
  private static final double MU_TRAIN = 0.25 / (EQ_TAPS * 2.0);

  /** The step is divided by this for the second half of segment 4. */
  private static final double MU_FINE_DIVISOR = 10;

  /** Symbols after the hop compared with segment 4 of every seed. */
  private static final int MATCH_SYMBOLS = 64;

  /** Most reversal decisions of those that may disagree with the seed's pattern. */
  private static final int MATCH_TOLERANCE = 6;

  /** Most phase steps of the segment 4 tail and segment 5 that may disagree with the seed's. */
  private static final int SEG5_TOLERANCE = 3;

  /** Weak symbols that make the silence of segment 2 (20 ms: 32 or 24 symbols). */
  private static final int GAP_SYMBOLS = 8;

  /** Largest difference of first-non-reversal index between the seeds left after the match. */
  private static final int MAX_SPREAD = 40;

  private V27terConfig config;
  private final V27terScrambler descrambler = new V27terScrambler(0);
  private Stage stage = Stage.IDLE;
  private int count;
  private int sinceHop;
  private int weakRun;
  private int onset;
  private int hopFromOnset;
  private long observed;
  private long observedKnown;
  private boolean matched;
  private final int[] seedCost = new int[V27terTraining.SEEDS];
  private int jMin;
  private int jMax;
  private final int[] steps = new int[96];
  private int bufferStart;
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
    muTrain = MU_TRAIN;
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
    weakRun = 0;
    onset = -1;
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
      weakRun = lost ? 0 : weakRun + 1;
      return;
    }
    if (weakRun >= GAP_SYMBOLS) {
      // the first symbol of segment 3, after the silence of segment 2
      onset = count;
    }
    weakRun = 0;
    trackBinary(re, im);
    int sign = re >= 0 ? 1 : -1;
    if (lastSign != 0 && sign != lastSign) {
      reversals++;
    } else if (lastSign != 0 && reversals >= MIN_REVERSALS) {
      // first symbol of segment 4 without a reversal: where it lies in segment 4 depends on the
      // transmitter's scrambler seed, found from the next MATCH_SYMBOLS symbols
      stage = Stage.TRAIN;
      muTrain = MU_TRAIN;
      hopFromOnset = onset >= 0 ? count - onset : -1;
      sinceHop = 0;
      observed = 0;
      observedKnown = 0;
      matched = false;
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

  /** Index in segment 4 of the current symbol under the seed whose segment 4 ends first. */
  private int seg4Index() {
    return sinceHop + jMax;
  }

  private void train(double re, double im, boolean lost) {
    sinceHop++;
    if (!lost) {
      double t = re >= 0 ? V27terSignal.AMPLITUDE : -V27terSignal.AMPLITUDE;
      trackCarrier(re, im, t, 0);
      adaptEqualizer(re, im, t, 0, muTrain);
      int sign = re >= 0 ? 1 : -1;
      if (sinceHop < MATCH_SYMBOLS && lastSign != 0) {
        observedKnown |= 1L << sinceHop;
        if (sign != lastSign) {
          observed |= 1L << sinceHop;
        }
      }
      lastSign = sign;
      if (matched && seg4Index() >= V27terSignal.SEG4_CONDITIONING - TEST_LEAD - ERROR_WINDOW) {
        double dr = re - t;
        errorSum += dr * dr + im * im;
        errorCount++;
      }
      if (matched && seg4Index() == V27terSignal.SEG4_CONDITIONING / 2) {
        // fine tuning: a tenth of the step leaves a tenth of the tap noise (LMS misadjustment ∝ μ),
        // worth about 1 dB at the noise threshold
        muTrain = MU_TRAIN / MU_FINE_DIVISOR;
        setTimingGains(0.02, 0.0002);
        setCarrierGains(0.05, 0.001);
      }
    } else {
      lastSign = 0;
    }
    if (sinceHop == MATCH_SYMBOLS - 1 && !matchSeed()) {
      return;
    }
    if (matched && seg4Index() >= V27terSignal.SEG4_CONDITIONING - TEST_LEAD) {
      double mse = errorCount > 0 ? errorSum / errorCount : Double.MAX_VALUE;
      if (mse > mseLimit) {
        park(String.format("V.27ter training error too large (mse %.3f)", mse));
        stage = Stage.IDLE;
        return;
      }
      stage = Stage.TEST_ONES;
      prevPhase = re >= 0 ? 0 : 4;
      bufferStart = sinceHop + 1;
      setTimingGains(0.01, 0.0001);
      setCarrierGains(0.04, 0.0005);
    }
  }

  /**
   * Compares the reversals seen since the hop with segment 4 from every seed; keeps the seeds that
   * fit best (a seed and those a few symbols before it along the same sequence fit alike: segment 5
   * tells them apart). False (and parked) when none fits: this is no V.27ter training at this rate.
   */
  private boolean matchSeed() {
    V27terTraining t = V27terTraining.get();
    int best = Integer.MAX_VALUE;
    for (int seed = 0; seed < V27terTraining.SEEDS; seed++) {
      int j = t.firstNonReversal(seed);
      int cost = Integer.MAX_VALUE;
      if (j + MATCH_SYMBOLS <= V27terSignal.SEG4_CONDITIONING) {
        cost = 0;
        for (int k = 1; k < MATCH_SYMBOLS; k++) {
          if ((observedKnown >>> k & 1) != 0
              && t.reversal(seed, j + k) != ((observed >>> k & 1) != 0)) {
            cost++;
          }
        }
      }
      seedCost[seed] = cost;
      best = Math.min(best, cost);
    }
    if (best > MATCH_TOLERANCE) {
      park("V.27ter segment 4 (conditioning pattern) not recognised");
      stage = Stage.IDLE;
      return false;
    }
    jMin = Integer.MAX_VALUE;
    for (int seed = 0; seed < V27terTraining.SEEDS; seed++) {
      if (seedCost[seed] == best) {
        jMin = Math.min(jMin, t.firstNonReversal(seed));
      }
    }
    // the steps buffer holds the tails of seeds up to MAX_SPREAD symbols apart
    jMax = jMin;
    for (int seed = 0; seed < V27terTraining.SEEDS; seed++) {
      int j = t.firstNonReversal(seed);
      if (seedCost[seed] == best && j <= jMin + MAX_SPREAD) {
        jMax = Math.max(jMax, j);
      } else {
        seedCost[seed] = Integer.MAX_VALUE;
      }
    }
    matched = true;
    return true;
  }

  private void data(double re, double im, boolean lost) {
    if (stage == Stage.TEST_ONES) {
      sinceHop++;
      int step = -1;
      if (!lost) {
        int best = decide(re, im);
        step = (best - prevPhase) & 7;
        prevPhase = best;
        trackCarrier(re, im, pointRe[best], pointIm[best]);
      }
      steps[sinceHop - bufferStart] = step;
      if (sinceHop == dataStart(jMin) - 1) {
        chooseSeedAndStart();
      }
      return;
    }
    decode(re, im, lost);
  }

  /**
   * sinceHop index of the first data symbol if segment 4 began {@code j} symbols before the hop.
   */
  private static int dataStart(int j) {
    return V27terSignal.SEG4_CONDITIONING - j + V27terSignal.SEG5_ONES;
  }

  /**
   * Segment 5 (scrambled ones) ends the training: of the seeds left, the one whose segment 4 tail
   * and segment 5 match the phase steps seen gives the start of the data and the descrambler state;
   * the data symbols already received are delivered.
   */
  private void chooseSeedAndStart() {
    V27terTraining t = V27terTraining.get();
    int bestSeed = -1;
    int bestMismatches = Integer.MAX_VALUE;
    int expectedJ = hopFromOnset >= 0 ? hopFromOnset - V27terSignal.SEG3_REVERSALS : 0;
    for (int seed = 0; seed < V27terTraining.SEEDS; seed++) {
      if (seedCost[seed] == Integer.MAX_VALUE) {
        continue;
      }
      int j = t.firstNonReversal(seed);
      int seg5Start = V27terSignal.SEG4_CONDITIONING - j;
      int mismatches = 0;
      for (int p = bufferStart; p < dataStart(j); p++) {
        int seen = steps[p - bufferStart];
        if (seen < 0) {
          continue;
        }
        int expected =
            p < seg5Start
                ? (t.reversal(seed, p + j) ? 4 : 0)
                : t.seg5Step(rate4800, seed, p - seg5Start);
        if (seen != expected) {
          mismatches++;
        }
      }
      // At 4800 bit/s segments 4 and 5 both take three scrambler bits a symbol, so a seed and
      // its predecessor along the sequence may fit alike; the number of symbols since the end of
      // the silence of segment 2 (50 of segment 3, then j) tells them apart.
      if (mismatches < bestMismatches
          || (mismatches == bestMismatches
              && Math.abs(j - expectedJ) < Math.abs(t.firstNonReversal(bestSeed) - expectedJ))) {
        bestMismatches = mismatches;
        bestSeed = seed;
      }
    }
    if (bestMismatches > SEG5_TOLERANCE) {
      park("V.27ter segment 5 (scrambled ones) not recognised");
      stage = Stage.IDLE;
      return;
    }
    descrambler.copyFrom(t.afterSeg5(rate4800, bestSeed));
    stage = Stage.DATA;
    trainingSucceeded(config.bitRate());
    for (int p = dataStart(t.firstNonReversal(bestSeed)); p <= sinceHop; p++) {
      int step = steps[p - bufferStart];
      if (step >= 0) {
        descrambleStep(step);
      }
    }
  }

  private int decide(double re, double im) {
    return rate4800 ? SLICER_4800.slice(re, im) : 2 * SLICER_2400.slice(re, im);
  }

  private void descrambleStep(int step) {
    if (rate4800) {
      descrambleBits(descrambler, V27terSignal.BITS_FOR_STEP_3[step], 3, true);
    } else {
      descrambleBits(descrambler, V27terSignal.BITS_FOR_STEP_2[step], 2, true);
    }
  }

  private void decode(double re, double im, boolean lost) {
    if (lost) {
      return;
    }
    int best = decide(re, im);
    int step = (best - prevPhase) & 7;
    prevPhase = best;
    descrambleStep(step);
    trackCarrier(re, im, pointRe[best], pointIm[best]);
  }
}
