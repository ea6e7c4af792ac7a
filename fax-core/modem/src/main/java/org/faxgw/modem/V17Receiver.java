package org.faxgw.modem;

import org.faxgw.modem.dsp.Scrambler;
import org.faxgw.modem.v17.FastTrig;
import org.faxgw.modem.v17.V17Constellation;
import org.faxgw.modem.v17.V17Demodulator;
import org.faxgw.modem.v17.V17Training;
import org.faxgw.modem.v17.ViterbiDecoder;

/**
 * V.17 receiver (ITU-T V.17): carrier detection, matched filter and Gardner timing recovery ({@link
 * V17Demodulator}), a half-symbol-spaced complex LMS equalizer, a decision-directed second-order
 * carrier loop, the training state machine of V.17 3.3 (long and short training), a soft-decision
 * Viterbi decoder for the 8-state trellis of V.17 2.3 (register exchange: each state carries its
 * survivor path; a label is decided 15 symbols late, from the best state), differential decoding
 * and the 1 + x^-18 + x^-23 descrambler. Delivers data bits to its {@link BitSink} once training
 * has succeeded and reports {@link ModemEvent}s. After a successful training it keeps the
 * equalizer, carrier and timing, so a {@link V17Config#shortTrain() short} training can follow.
 * {@link #fillIn(int)} bridges lost audio: the carrier, timing and trellis advance without
 * adapting, and bits keep flowing (wrong ones for the gap) so that the bit count stays right.
 *
 * <p>Belongs to one thread; allocates nothing per block.
 */
public final class V17Receiver implements ModemReceiver {
  /** Equalizer length in half-symbol taps (2M+1, M even so the centre is a symbol instant). */
  private static final int EQ_LEN = 25;

  private static final int EQ_CENTRE = (EQ_LEN - 1) / 2;

  /** Survivor path length of the Viterbi decoder, in symbols (decisions lag by one symbol less). */
  private static final int TRACEBACK = 16;

  /** Symbols of segment 1 left to the timing loop before the level is measured. */
  private static final int ACQUIRE_SYMBOLS = 48;

  /** Symbols of segment 1 used to find which symbols are A and the carrier phase. */
  private static final int PHASE_SYMBOLS = 32;

  /** Mean |point|^2 of the training points and (within 5 %) of every data constellation. */
  private static final double POINT_POWER = 40.0;

  private enum Stage {
    IDLE,
    ACQUIRE,
    FIND_PHASE,
    WAIT_REVERSAL,
    TRAIN_SEGMENT_2,
    BRIDGE,
    SEGMENT_4,
    DATA,
    PARKED
  }

  private final BitSink sink;
  private final ModemListener listener;
  private final V17Demodulator demodulator;
  private final ViterbiDecoder viterbi = new ViterbiDecoder(TRACEBACK);
  private final Scrambler descrambler = V17Training.newScrambler();
  private final double[] eqRe = new double[EQ_LEN];
  private final double[] eqIm = new double[EQ_LEN];
  private final double[] savedEqRe = new double[EQ_LEN];
  private final double[] savedEqIm = new double[EQ_LEN];
  private final double[] bufRe = new double[2 * EQ_LEN];
  private final double[] bufIm = new double[2 * EQ_LEN];
  private final double[] phaseRe = new double[PHASE_SYMBOLS];
  private final double[] phaseIm = new double[PHASE_SYMBOLS];
  private final double[] subsetDistance = new double[8];
  private final int[] subsetLabel = new int[8];

  private V17Config config;
  private V17Constellation constellation;
  private double[] pointRe;
  private double[] pointIm;
  private double onThreshold;
  private double offThreshold;

  private Stage stage = Stage.IDLE;
  private boolean carrier;
  private double power;
  private double floorPower;
  private double quickPower;
  private double dropPower;
  private boolean quietNeeded;

  /** Parked quietly on a signal that is no V.17 training; reported when its carrier ends. */
  private boolean unrecognised;

  private double sliceError = POINT_POWER;
  private long sampleCount;
  private int bufWrite;
  private double agc;
  private double carrierPhase;
  private double carrierFreq;
  private double pllP;
  private double pllI;
  private double eqMu;
  private int stageCount;
  private int bParity;
  private long symbolCount;
  private double errorSum;
  private int errorCount;
  private int decodedCount;
  private int onesCount;
  private int previousY12;
  private int holdoff;
  private boolean shortTrain;

  private boolean haveSaved;
  private double savedCarrierFreq;
  private double savedStepAdjust;

  public V17Receiver(V17Config config, BitSink sink, ModemListener listener) {
    this.sink = sink;
    this.listener = listener;
    this.demodulator = new V17Demodulator(this::halfBaud);
    restart(config);
  }

  /**
   * Waits for a new burst with {@code config}. A short training is expected only if an earlier
   * training succeeded (its equalizer is reused); otherwise the long one.
   */
  public void restart(V17Config config) {
    this.config = config;
    constellation = V17Constellation.forBitRate(config.bitRate());
    pointRe = constellation.reals();
    pointIm = constellation.imaginaries();
    double cutoff = config.carrierCutoffDbm0();
    onThreshold = meanSquare(cutoff + 2.5);
    offThreshold = meanSquare(cutoff - 2.5);
    stage = Stage.IDLE;
    carrier = false;
    power = 0.0;
    demodulator.stop();
  }

  public V17Config config() {
    return config;
  }

  /**
   * Signal-to-noise ratio seen by the slicer in data mode (mean squared distance of the equalized
   * points to the nearest constellation point, against the mean point power), in dB.
   */
  public double snrDb() {
    return 10.0 * Math.log10(POINT_POWER / Math.max(sliceError, 1e-9));
  }

  /** True while the receiver is delivering data bits. */
  public boolean isReceivingData() {
    return stage == Stage.DATA;
  }

  @Override
  public void receive(short[] in, int off, int len) {
    for (int i = off, end = off + len; i < end; i++) {
      double x = in[i];
      sampleCount++;
      power += (x * x - power) * (1.0 / 64.0);
      quickPower += (x * x - quickPower) * (1.0 / 32.0);
      if (carrier) {
        if (power < offThreshold) {
          carrierDown();
        } else if (stage == Stage.DATA && quickPower < dropPower) {
          // an abrupt end (VoIP paths cut carriers dead), noticed within ~10 ms; the slow meter
          // is still high, so wait for quiet or a new burst before looking for carrier again
          quietNeeded = true;
          carrierDown();
        } else if (rearmable()) {
          // a step of 6 dB above the lowest level since training started (noise, the rising edge
          // of the burst, or the silence after a talker echo protection tone): start again
          if (power < floorPower) {
            floorPower = power;
          } else if (power > 4.0 * floorPower) {
            startTraining();
          } else {
            floorPower += (power - floorPower) * (1.0 / 2048.0); // forget old lows in ~0.25 s
          }
        }
      } else if (power > onThreshold && !quietNeeded) {
        carrierUp();
      } else if (quietNeeded && (power < offThreshold || quickPower > 10.0 * dropPower)) {
        // after an abrupt end: the line went quiet, or a new burst began
        quietNeeded = false;
      }
      demodulator.sample(x, false);
    }
  }

  @Override
  public void fillIn(int samples) {
    if (carrier && stage != Stage.IDLE) {
      // hold adaptation until the filters and the equalizer hold real signal again
      holdoff = Math.max(holdoff, (V17Demodulator.TAPS + EQ_LEN) / 3 + 2);
      demodulator.holdTiming(holdoff);
    }
    for (int i = 0; i < samples; i++) {
      sampleCount++;
      demodulator.sample(0.0, true);
    }
  }

  private boolean rearmable() {
    return stage == Stage.ACQUIRE
        || stage == Stage.FIND_PHASE
        || stage == Stage.WAIT_REVERSAL
        || (stage == Stage.TRAIN_SEGMENT_2 && stageCount < 100)
        || stage == Stage.PARKED;
  }

  private void carrierUp() {
    carrier = true;
    listener.onEvent(
        new ModemEvent.CarrierUp(sampleCount, 10.0 * Math.log10(power / meanSquare(0.0))));
    startTraining();
  }

  private void startTraining() {
    floorPower = power;
    unrecognised = false;
    shortTrain = config.shortTrain() && haveSaved;
    if (shortTrain) {
      System.arraycopy(savedEqRe, 0, eqRe, 0, EQ_LEN);
      System.arraycopy(savedEqIm, 0, eqIm, 0, EQ_LEN);
      carrierFreq = savedCarrierFreq;
      demodulator.start(savedStepAdjust);
    } else {
      java.util.Arrays.fill(eqRe, 0.0);
      java.util.Arrays.fill(eqIm, 0.0);
      eqRe[EQ_CENTRE] = 1.0;
      carrierFreq = 0.0;
      demodulator.start(haveSaved ? savedStepAdjust : 0.0);
    }
    java.util.Arrays.fill(bufRe, 0.0);
    java.util.Arrays.fill(bufIm, 0.0);
    // first guess of the level: passband power P gives |baseband|^2 of about 2P
    agc = Math.sqrt(POINT_POWER / (2.0 * Math.max(power, 1.0)));
    carrierPhase = 0.0;
    demodulator.setTimingGains(0.08, 0.0008);
    holdoff = 0;
    symbolCount = 0;
    enter(Stage.ACQUIRE);
  }

  private void carrierDown() {
    carrier = false;
    if (stage != Stage.DATA && stage != Stage.PARKED && stage != Stage.IDLE) {
      listener.onEvent(new ModemEvent.TrainingFailed(sampleCount, "carrier lost during training"));
    } else if (stage == Stage.PARKED && unrecognised) {
      // e.g. a V.29 or V.27ter burst: never a V.17 training
      listener.onEvent(
          new ModemEvent.TrainingFailed(sampleCount, "V.17 segment 1 (ABAB) not recognised"));
    }
    unrecognised = false;
    stage = Stage.IDLE;
    demodulator.stop();
    listener.onEvent(new ModemEvent.CarrierDown(sampleCount));
  }

  private void enter(Stage s) {
    stage = s;
    stageCount = 0;
    errorSum = 0.0;
    errorCount = 0;
  }

  private void park(String reason) {
    listener.onEvent(new ModemEvent.TrainingFailed(sampleCount, reason));
    stage = Stage.PARKED;
  }

  /** One half-symbol sample from the demodulator. */
  private void halfBaud(double re, double im, boolean symbolInstant, boolean filling) {
    if (++bufWrite == EQ_LEN) {
      bufWrite = 0;
    }
    re *= agc;
    im *= agc;
    bufRe[bufWrite] = re;
    bufRe[bufWrite + EQ_LEN] = re;
    bufIm[bufWrite] = im;
    bufIm[bufWrite + EQ_LEN] = im;
    if (!symbolInstant) {
      return;
    }
    // equalizer output over the last EQ_LEN half-symbol samples, oldest first
    // four partial sums per component break the chain of dependent additions
    double[] wr = eqRe;
    double[] wi = eqIm;
    double[] br = bufRe;
    double[] bi = bufIm;
    double zr0 = 0.0;
    double zi0 = 0.0;
    double zr1 = 0.0;
    double zi1 = 0.0;
    double zr2 = 0.0;
    double zi2 = 0.0;
    double zr3 = 0.0;
    double zi3 = 0.0;
    int b = bufWrite + 1;
    int j = 0;
    for (; j + 3 < EQ_LEN; j += 4) {
      double xr = br[b + j];
      double xi = bi[b + j];
      zr0 += wr[j] * xr - wi[j] * xi;
      zi0 += wr[j] * xi + wi[j] * xr;
      double xr1 = br[b + j + 1];
      double xi1 = bi[b + j + 1];
      zr1 += wr[j + 1] * xr1 - wi[j + 1] * xi1;
      zi1 += wr[j + 1] * xi1 + wi[j + 1] * xr1;
      double xr2 = br[b + j + 2];
      double xi2 = bi[b + j + 2];
      zr2 += wr[j + 2] * xr2 - wi[j + 2] * xi2;
      zi2 += wr[j + 2] * xi2 + wi[j + 2] * xr2;
      double xr3 = br[b + j + 3];
      double xi3 = bi[b + j + 3];
      zr3 += wr[j + 3] * xr3 - wi[j + 3] * xi3;
      zi3 += wr[j + 3] * xi3 + wi[j + 3] * xr3;
    }
    for (; j < EQ_LEN; j++) {
      double xr = br[b + j];
      double xi = bi[b + j];
      zr0 += wr[j] * xr - wi[j] * xi;
      zi0 += wr[j] * xi + wi[j] * xr;
    }
    double zr = (zr0 + zr1) + (zr2 + zr3);
    double zi = (zi0 + zi1) + (zi2 + zi3);
    symbolCount++;
    boolean adapt = !filling && holdoff == 0;
    if (holdoff > 0 && !filling) {
      holdoff--;
    }
    symbol(zr, zi, adapt, filling);
  }

  private void symbol(double zr, double zi, boolean adapt, boolean filling) {
    double c = FastTrig.cos(carrierPhase);
    double s = FastTrig.sin(carrierPhase);
    // derotate: y = z e^{-j phase}
    double yr = zr * c + zi * s;
    double yi = zi * c - zr * s;
    switch (stage) {
      case ACQUIRE -> acquire(zr, zi);
      case FIND_PHASE -> findPhase(zr, zi);
      case WAIT_REVERSAL -> waitReversal(yr, yi, c, s, adapt);
      case TRAIN_SEGMENT_2, BRIDGE -> trainOnTrainingPoints(yr, yi, c, s, adapt);
      case SEGMENT_4, DATA -> data(yr, yi, c, s, adapt, filling);
      default -> {}
    }
    carrierPhase += carrierFreq;
    if (carrierPhase > Math.PI) {
      carrierPhase -= 2 * Math.PI;
    } else if (carrierPhase < -Math.PI) {
      carrierPhase += 2 * Math.PI;
    }
  }

  /** Segment 1, first symbols: timing settles; then the level is measured and corrected. */
  private void acquire(double zr, double zi) {
    stageCount++;
    if (stageCount > ACQUIRE_SYMBOLS - 16) {
      errorSum += zr * zr + zi * zi;
    }
    if (stageCount == ACQUIRE_SYMBOLS) {
      double mean = errorSum / 16.0;
      if (mean <= 0.0) {
        park("no signal in segment 1");
        return;
      }
      double g = Math.sqrt(POINT_POWER / mean);
      agc *= g;
      for (int j = 0; j < 2 * EQ_LEN; j++) {
        bufRe[j] *= g;
        bufIm[j] *= g;
      }
      demodulator.setTimingGains(0.03, 0.0002);
      enter(Stage.FIND_PHASE);
    }
  }

  /**
   * Segment 1 (ABAB…): B = jA, so where z[k]·conj(z[k-1]) points to +j, z[k] is a B. That tells
   * which symbols are A and B; their average against A and B gives phase and gain.
   */
  private void findPhase(double zr, double zi) {
    phaseRe[stageCount] = zr;
    phaseIm[stageCount] = zi;
    stageCount++;
    if (stageCount < PHASE_SYMBOLS) {
      return;
    }
    double vote = 0.0; // > 0: even-indexed symbols are B
    double total = 0.0;
    for (int k = 1; k < PHASE_SYMBOLS; k++) {
      double cross = phaseIm[k] * phaseRe[k - 1] - phaseRe[k] * phaseIm[k - 1];
      vote += (k & 1) == 0 ? cross : -cross;
      total += Math.abs(cross);
    }
    int bIndexParity = vote > 0 ? 0 : 1; // parity of k for B symbols
    double gr = 0.0;
    double gi = 0.0;
    double g1r = 0.0;
    double g1i = 0.0;
    for (int k = 0; k < PHASE_SYMBOLS; k++) {
      int p = (k & 1) == bIndexParity ? 1 : 0;
      double ar = V17Constellation.TRAINING_RE[p];
      double ai = V17Constellation.TRAINING_IM[p];
      // z * conj(ref)
      double pr = phaseRe[k] * ar + phaseIm[k] * ai;
      double pi = phaseIm[k] * ar - phaseRe[k] * ai;
      gr += pr;
      gi += pi;
      if (k < PHASE_SYMBOLS / 2) {
        g1r += pr;
        g1i += pi;
      }
    }
    double g2r = gr - g1r;
    double g2i = gi - g1i;
    double magnitude = Math.hypot(gr, gi) / (PHASE_SYMBOLS * POINT_POWER);
    if (magnitude < 0.5 || Math.abs(vote) < 0.8 * total) {
      if (symbolCount < V17Training.SEGMENT_1 + 64) {
        // timing may not have settled yet (a Gardner loop can linger at its unstable point on
        // ABAB): look again at the next symbols
        enter(Stage.FIND_PHASE);
      } else {
        // not a V.17 training (noise, or another modem's burst): wait quietly for a change of
        // level (a real burst after noise re-arms); if the carrier ends first, say so then
        stage = Stage.PARKED;
        unrecognised = true;
      }
      return;
    }
    double freq = Math.atan2(g2i * g1r - g2r * g1i, g2r * g1r + g2i * g1i) / (PHASE_SYMBOLS / 2.0);
    if (!shortTrain) {
      carrierFreq = freq;
    }
    // phase at the middle of the block, carried forward to now
    carrierPhase = Math.atan2(gi, gr) + carrierFreq * (PHASE_SYMBOLS / 2.0);
    for (int j = 0; j < EQ_LEN; j++) {
      eqRe[j] /= magnitude;
      eqIm[j] /= magnitude;
    }
    // symbol number (symbolCount) of the next symbol has parity of k = PHASE_SYMBOLS
    bParity = (int) ((symbolCount + 1 + (bIndexParity - PHASE_SYMBOLS)) & 1);
    pllP = 0.15;
    pllI = 0.004;
    enter(Stage.WAIT_REVERSAL);
  }

  /** Rest of segment 1: track A and B until the phase reversal that starts segment 2. */
  private void waitReversal(double yr, double yi, double c, double s, boolean adapt) {
    int expected = (symbolCount & 1) == bParity ? 1 : 0;
    double tr = V17Constellation.TRAINING_RE[expected];
    double ti = V17Constellation.TRAINING_IM[expected];
    if (yr * tr + yi * ti < 0.0 && stageCount >= 2) {
      // segment 2 starts with C or D, the opposite of the expected A or B
      enter(Stage.TRAIN_SEGMENT_2);
      eqMu = (shortTrain ? 0.05 : 0.3) / (EQ_LEN * POINT_POWER);
      trainOnTrainingPoints(yr, yi, c, s, adapt);
      return;
    }
    if (adapt) {
      trackCarrier(yr, yi, tr, ti);
    }
    if (++stageCount > V17Training.SEGMENT_1 + 64) {
      park("no segment 2 after the ABAB alternations");
    }
  }

  /** Segments 2 and 3: points A B C D only; decision directed equalizer and carrier training. */
  private void trainOnTrainingPoints(double yr, double yi, double c, double s, boolean adapt) {
    int best = 0;
    double bestD = Double.MAX_VALUE;
    for (int p = 0; p < 4; p++) {
      double dr = yr - V17Constellation.TRAINING_RE[p];
      double di = yi - V17Constellation.TRAINING_IM[p];
      double d = dr * dr + di * di;
      if (d < bestD) {
        bestD = d;
        best = p;
      }
    }
    double tr = V17Constellation.TRAINING_RE[best];
    double ti = V17Constellation.TRAINING_IM[best];
    if (adapt) {
      trackCarrier(yr, yi, tr, ti);
      adaptEqualizer(yr, yi, tr, ti, c, s);
    }
    stageCount++;
    if (stage == Stage.BRIDGE) {
      if (stageCount == V17Training.SEGMENT_3) {
        startSegment4();
      }
      return;
    }
    int length = shortTrain ? V17Training.SEGMENT_2_SHORT : V17Training.SEGMENT_2_LONG;
    if (stageCount > length - (shortTrain ? 30 : 400)) {
      errorSum += bestD;
      errorCount++;
    }
    if (!shortTrain && stageCount == 1200) {
      eqMu = 0.06 / (EQ_LEN * POINT_POWER);
      pllP = 0.08;
      pllI = 0.001;
      demodulator.setTimingGains(0.01, 0.00005);
    }
    if (stageCount == length) {
      // V.17 3.3: a working receiver sees the points within a fraction of their spacing
      double snr = POINT_POWER / Math.max(errorSum / Math.max(errorCount, 1), 1e-9);
      if (snr < 6.0) {
        park(String.format("segment 2 too noisy (%.1f dB)", 10 * Math.log10(snr)));
        return;
      }
      if (shortTrain) {
        startSegment4();
      } else {
        enter(Stage.BRIDGE);
      }
    }
  }

  private void startSegment4() {
    enter(Stage.SEGMENT_4);
    viterbi.reset();
    decodedCount = 0;
    onesCount = 0;
    eqMu = 0.02 / (EQ_LEN * POINT_POWER);
    pllP = 0.05;
    pllI = 0.0004;
    demodulator.setTimingGains(0.005, 0.00002);
  }

  /** Segment 4 and data: trellis decoding. */
  private void data(double yr, double yi, double c, double s, boolean adapt, boolean filling) {
    // nearest point of each of the 8 subsets Y2Y1Y0
    double[] dist = subsetDistance;
    int[] lab = subsetLabel;
    constellation.nearestPerSubset(yr, yi, dist, lab);
    double[] pr = pointRe;
    double[] pi = pointIm;
    // distances are never negative: their bit patterns order like the values (branch-free)
    int nearest = 0;
    long nearestBits = Double.doubleToRawLongBits(dist[0]);
    for (int k = 1; k < 8; k++) {
      long d = Double.doubleToRawLongBits(dist[k]);
      boolean lower = d < nearestBits;
      nearestBits = lower ? d : nearestBits;
      nearest = lower ? k : nearest;
    }
    double nd = dist[nearest];
    double tr = pr[lab[nearest]];
    double ti = pi[lab[nearest]];
    if (adapt) {
      trackCarrier(yr, yi, tr, ti);
      // in data the equalizer only follows slow changes: adapt on every other symbol
      if ((symbolCount & 1) == 0) {
        adaptEqualizer(yr, yi, tr, ti, c, s);
      }
    }
    if (filling) {
      for (int k = 0; k < 8; k++) {
        dist[k] = 0.0; // erasure: no information about this symbol
      }
    }
    int label = viterbi.step(dist, lab);
    if (stage == Stage.SEGMENT_4) {
      errorSum += nd;
      errorCount++;
      sliceError = errorSum / errorCount;
    } else if (!filling) {
      sliceError += (nd - sliceError) * (1.0 / 256.0);
    }
    if (label < 0) {
      return;
    }
    int y12 = (label >> 1) & 3;
    int q = (((y12 - previousY12) & 3)) | ((label >> 3) << 2);
    previousY12 = y12;
    int bits = constellation.dataBitsPerSymbol();
    if (stage == Stage.DATA) {
      for (int i = 0; i < bits; i++) {
        sink.putBit(descrambler.descramble(q >> i));
      }
      return;
    }
    // segment 4: scrambled ones; the descrambler synchronises on the first 23 bits
    for (int i = 0; i < bits; i++) {
      int bit = descrambler.descramble(q >> i);
      if (decodedCount >= 4) {
        onesCount += bit;
      }
    }
    if (++decodedCount == V17Training.SEGMENT_4) {
      int counted = (V17Training.SEGMENT_4 - 4) * bits;
      double snr = POINT_POWER / Math.max(errorSum / Math.max(errorCount, 1), 1e-9);
      if (onesCount >= counted * 8 / 10) {
        trainingSucceeded();
      } else {
        park(
            String.format(
                "segment 4: %d of %d ones, %.1f dB", onesCount, counted, 10 * Math.log10(snr)));
      }
    }
  }

  private void trainingSucceeded() {
    stage = Stage.DATA;
    System.arraycopy(eqRe, 0, savedEqRe, 0, EQ_LEN);
    System.arraycopy(eqIm, 0, savedEqIm, 0, EQ_LEN);
    savedCarrierFreq = carrierFreq;
    savedStepAdjust = demodulator.stepAdjust();
    haveSaved = true;
    // 15 dB below the burst's level (over 4 ms) is the end of it, whatever the squelch says:
    // no run of data symbols is that quiet
    dropPower = power / 31.6;
    eqMu = 0.02 / (EQ_LEN * POINT_POWER);
    listener.onEvent(new ModemEvent.TrainingSucceeded(sampleCount, config.bitRate()));
  }

  /** Second-order decision-directed carrier loop on the derotated equalizer output. */
  private void trackCarrier(double yr, double yi, double tr, double ti) {
    // Im(y conj(t)) / |t|^2 ~ phase error in radians
    double e = (yi * tr - yr * ti) / (tr * tr + ti * ti);
    carrierPhase += pllP * e;
    carrierFreq += pllI * e;
  }

  /** LMS step on the equalizer; the error is rotated back to the equalizer's own frame. */
  private void adaptEqualizer(double yr, double yi, double tr, double ti, double c, double s) {
    double er = tr - yr;
    double ei = ti - yi;
    // rotate by +phase
    double fr = (er * c - ei * s) * eqMu;
    double fi = (ei * c + er * s) * eqMu;
    int b = bufWrite + 1;
    for (int j = 0; j < EQ_LEN; j++) {
      double xr = bufRe[b + j];
      double xi = bufIm[b + j];
      // w += mu e conj(x)
      eqRe[j] += fr * xr + fi * xi;
      eqIm[j] += fi * xr - fr * xi;
    }
  }

  private static double meanSquare(double dbm0) {
    return Dbm0.ZERO_DBM0_MEAN_SQUARE * Math.pow(10.0, dbm0 / 10.0);
  }
}
