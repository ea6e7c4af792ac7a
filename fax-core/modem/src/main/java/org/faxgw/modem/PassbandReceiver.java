package org.faxgw.modem;

import org.faxgw.modem.dsp.Agc;
import org.faxgw.modem.dsp.BandEdgeTimingDetector;
import org.faxgw.modem.dsp.BandpassPolyphaseFilter;
import org.faxgw.modem.dsp.BitScrambler;
import org.faxgw.modem.dsp.ComplexLmsEqualizer;
import org.faxgw.modem.dsp.GardnerTimingDetector;
import org.faxgw.modem.dsp.Nco;
import org.faxgw.modem.dsp.PiLoopFilter;
import org.faxgw.modem.dsp.PowerMeter;
import org.faxgw.modem.dsp.SineTable;

/**
 * The common front end of the PSK/QAM receivers (V.27ter, V.29), after the classical structure of a
 * passband data-modem receiver:
 *
 * <ol>
 *   <li>carrier detection on a power meter with on/off thresholds in dBm0, a hold time (so that a
 *       short gap, e.g. the 20 ms silence inside the V.27ter training, does not end the burst) and,
 *       once trained, a relative threshold below the level seen in training; before the data, a
 *       rise of 6 dB over the level at the start of the burst re-arms the training (the carrier had
 *       been declared on line noise);
 *   <li>a band-pass polyphase root-raised-cosine filter evaluated only at the T/2 instants chosen
 *       by the timing loop, then mixed to baseband by an NCO at the nominal carrier;
 *   <li>AGC (measured during acquisition, then frozen), a T/2 fractionally spaced LMS equalizer,
 *       and a symbol timing loop (Gardner or band-edge detector, PI loop filter) that moves the
 *       sampling instants;
 *   <li>per symbol, {@link #onSymbol} of the modem, which runs the training state machine and the
 *       decisions, calling back {@link #trackCarrier}, {@link #adaptEqualizer} and {@link #putBit}.
 * </ol>
 *
 * Timers count samples. Allocates nothing per block (events are created only when they happen).
 * Belongs to one thread.
 */
abstract class PassbandReceiver implements ModemReceiver {
  static final double SAMPLE_RATE = 8000.0;

  /** Carrier-off hold: longer than the 20 ms gap of V.27ter 2.5 training segment 2. */
  static final int CARRIER_OFF_HOLD_SAMPLES = 200;

  /**
   * Carrier-off hold once trained (8 ms): the data have no gap, and a cut carrier must be reported
   * within 30 ms (a VoIP path or a far end that stops dead).
   */
  static final int DATA_OFF_HOLD_SAMPLES = 64;

  /** Once trained, the carrier is off when the power is this far (9 dB) below the trained level. */
  private static final double RELATIVE_OFF_FACTOR = Math.pow(10.0, -0.9);

  /**
   * Before the data, a level this far (6 dB) above the level 10 ms into the burst re-arms the
   * training: the carrier was declared on line noise, and the real signal has just begun.
   */
  private static final double REARM_FACTOR = 4.0;

  private static final int REARM_SETTLE_SAMPLES = 80;
  private static final int REARM_CONFIRM_SAMPLES = 24;

  private final BitSink sink;
  private final ModemListener listener;

  private double carrierHz;
  private double halfStep;
  private BandpassPolyphaseFilter filter;
  private Nco nco;
  private int nominalRate;
  private final PowerMeter power = new PowerMeter(4);
  private final PowerMeter slowPower = new PowerMeter(6);
  private double burstReference;
  private int settle;
  private int rearmCount;
  private boolean inData;
  protected ComplexLmsEqualizer eq;
  protected Agc agc;
  private boolean agcActive;
  private final BandEdgeTimingDetector bandEdge = new BandEdgeTimingDetector(0.99);
  private boolean useBandEdge;
  private final PiLoopFilter timingLoop = new PiLoopFilter(0, 0);
  private double timingNorm;
  private boolean timingEnabled;
  private double carrierKp;

  /** Carrier phase and phase step per symbol of the decision-directed loop after the equalizer. */
  private int postPhase;

  private int postRate;

  /** cos and sin of the phase the current symbol was derotated by (for the LMS error). */
  private double symbolCos = 1;

  private double symbolSin;
  private double baud;
  private double carrierKi;
  private double onMeanSquare;
  private double offMeanSquare;
  private double referenceMeanSquare;

  /** Carrier-off level: the absolute one, or once trained the higher of it and the relative one. */
  private double offThreshold;

  private long sampleCount;

  /** Sum of the timing corrections of this burst, in samples. */
  protected double timingTotal;

  private boolean carrierPresent;
  private boolean quietNeeded;
  private double levelAtDown;
  private int below;
  private boolean parked;
  private double nextInstant;
  private int halfParity;
  private double z2Re;
  private double z2Im;
  private double z1Re;
  private double z1Im;
  private double z0Re;
  private double z0Im;

  protected PassbandReceiver(BitSink sink, ModemListener listener) {
    this.sink = sink;
    this.listener = listener == null ? ModemListener.IGNORE : listener;
  }

  /**
   * (Re)configures the front end.
   *
   * @param carrierHz nominal carrier
   * @param baud symbol rate
   * @param beta roll-off of the receive filter
   * @param filterTaps receive filter length in samples
   * @param eqTaps equalizer length in T/2 samples
   * @param agcTarget mean |z|² wanted at the equalizer input during training
   * @param bandEdgeTiming true for the band-edge timing detector, false for Gardner
   * @param carrierOnDbm0 level at which a carrier is declared present
   * @param carrierOffDbm0 level under which it is declared lost (after the hold time)
   */
  protected final void configure(
      double carrierHz,
      double baud,
      double beta,
      int filterTaps,
      int eqTaps,
      double agcTarget,
      boolean bandEdgeTiming,
      double carrierOnDbm0,
      double carrierOffDbm0) {
    this.carrierHz = carrierHz;
    this.halfStep = SAMPLE_RATE / (2.0 * baud);
    this.baud = baud;
    // the timing integrator follows at most ±1200 ppm of clock offset
    timingLoop.setIntegralLimit(1200e-6 * SAMPLE_RATE / baud);
    this.filter = new BandpassPolyphaseFilter(carrierHz, baud, beta, filterTaps, 64, SAMPLE_RATE);
    this.nco = new Nco(carrierHz, SAMPLE_RATE);
    this.nominalRate = nco.rate();
    this.eq = new ComplexLmsEqualizer(eqTaps, (eqTaps / 2) & ~1);
    this.agc = new Agc(agcTarget);
    this.timingNorm = 1.0 / agcTarget;
    this.useBandEdge = bandEdgeTiming;
    this.onMeanSquare = PowerMeter.dbm0ToMeanSquare(carrierOnDbm0);
    this.offMeanSquare = PowerMeter.dbm0ToMeanSquare(carrierOffDbm0);
    this.carrierPresent = false;
    this.quietNeeded = false;
    this.parked = false;
    this.below = 0;
    power.reset();
    slowPower.reset();
    inData = false;
  }

  /** A burst has started (carrier up): reset the modem's training state machine. */
  protected abstract void startBurst();

  /**
   * One equalized symbol (or, with {@code lost}, a symbol instant that fell in a lost block:
   * advance counters only).
   */
  protected abstract void onSymbol(double re, double im, boolean lost);

  /**
   * The burst ended (a training still in progress has been reported as cut short); the modem goes
   * idle.
   */
  protected abstract void endBurst();

  @Override
  public final void receive(short[] in, int off, int len) {
    for (int i = 0; i < len; i++) {
      double x = in[off + i];
      filter.put(x);
      sampleCount++;
      double ms = power.update(x);
      slowPower.update(x);
      if (carrierPresent && !inData) {
        checkRearm(ms);
      }
      if (!carrierPresent) {
        if (quietNeeded) {
          // after a burst cut short in its data: its tail is still above the on level; wait for
          // the line to go quiet, or for a clearly stronger new burst
          if (ms < offMeanSquare || ms > levelAtDown * REARM_FACTOR) {
            quietNeeded = false;
          }
          nco.advance();
          continue;
        }
        if (ms > onMeanSquare) {
          carrierUp();
        } else {
          nco.advance();
          continue;
        }
      } else if (ms < offThreshold) {
        if (++below > (inData ? DATA_OFF_HOLD_SAMPLES : CARRIER_OFF_HOLD_SAMPLES)) {
          carrierDown();
          nco.advance();
          continue;
        }
      } else {
        below = 0;
      }
      if (!parked) {
        nextInstant -= 1.0;
        if (nextInstant <= 0) {
          filter.compute(-nextInstant);
          filter.mixDown(nco.cos(), nco.sin());
          nextInstant += halfStep;
          halfBaud(filter.re(), filter.im());
        }
      }
      nco.advance();
    }
  }

  @Override
  public final void fillIn(int samples) {
    for (int i = 0; i < samples; i++) {
      filter.put(0);
      sampleCount++;
      if (carrierPresent && !parked) {
        nextInstant -= 1.0;
        if (nextInstant <= 0) {
          nextInstant += halfStep;
          halfParity ^= 1;
          if (halfParity == 0) {
            onSymbol(0, 0, true);
          }
        }
      }
      nco.advance();
    }
  }

  private void checkRearm(double ms) {
    if (settle > 0) {
      if (--settle == 0) {
        burstReference = slowPower.meanSquare();
      }
      return;
    }
    if (ms > burstReference * REARM_FACTOR) {
      if (++rearmCount >= REARM_CONFIRM_SAMPLES) {
        startTraining();
      }
    } else {
      rearmCount = 0;
    }
  }

  private void carrierUp() {
    carrierPresent = true;
    listener.onEvent(new ModemEvent.CarrierUp(sampleCount, power.dbm0()));
    startTraining();
  }

  /** Resets the front end and the modem's training for a new burst (at carrier-up or re-arm). */
  private void startTraining() {
    below = 0;
    settle = REARM_SETTLE_SAMPLES;
    rearmCount = 0;
    inData = false;
    parked = false;
    referenceMeanSquare = 0;
    offThreshold = offMeanSquare;
    nco.setRate(nominalRate);
    postPhase = 0;
    postRate = 0;
    symbolCos = 1;
    symbolSin = 0;
    eq.reset();
    agc.restart();
    agc.setGain(1.0);
    agcActive = true;
    timingLoop.reset();
    timingTotal = 0;
    bandEdge.reset();
    timingEnabled = true;
    nextInstant = halfStep;
    halfParity = 1;
    z0Re = z0Im = z1Re = z1Im = z2Re = z2Im = 0;
    startBurst();
  }

  private void carrierDown() {
    carrierPresent = false;
    below = 0;
    if (inData) {
      quietNeeded = true;
      levelAtDown = power.meanSquare();
    }
    if (!inData && !parked) {
      // neither trained nor given up: the training was cut short
      trainingCutShort();
    }
    endBurst();
    parked = false;
    listener.onEvent(new ModemEvent.CarrierDown(sampleCount));
  }

  private void halfBaud(double re, double im) {
    if (agcActive) {
      agc.measure(re, im);
    }
    double g = agc.gain();
    re *= g;
    im *= g;
    eq.put(re, im);
    if (useBandEdge) {
      bandEdge.put(re, im);
    }
    z2Re = z1Re;
    z2Im = z1Im;
    z1Re = z0Re;
    z1Im = z0Im;
    z0Re = re;
    z0Im = im;
    halfParity ^= 1;
    if (halfParity != 0) {
      return;
    }
    if (timingEnabled) {
      double e =
          useBandEdge
              ? bandEdge.error()
              : GardnerTimingDetector.error(z2Re, z2Im, z1Re, z1Im, z0Re, z0Im) * timingNorm;
      double corr = timingLoop.update(e);
      if (corr > 0.5) {
        corr = 0.5;
      } else if (corr < -0.5) {
        corr = -0.5;
      }
      nextInstant += corr;
      timingTotal += corr;
    }
    eq.compute();
    // carrier recovery after the equalizer: derotate by the loop's phase (no loop delay)
    postPhase += postRate;
    double c = SineTable.cos(postPhase);
    double s = SineTable.sin(postPhase);
    symbolCos = c;
    symbolSin = s;
    double yr = eq.re();
    double yi = eq.im();
    onSymbol(yr * c + yi * s, yi * c - yr * s, false);
  }

  /** Measures the AGC on incoming samples ({@code true}) or freezes it ({@code false}). */
  protected final void setAgcActive(boolean active) {
    agcActive = active;
    if (!active) {
      agc.freeze();
    }
  }

  /** Sets the timing loop gains (proportional in samples per unit error, integral likewise). */
  protected final void setTimingGains(double kp, double ki) {
    timingLoop.setGains(kp, ki);
  }

  /** Turns the timing loop on or off. */
  protected final void setTimingEnabled(boolean enabled) {
    timingEnabled = enabled;
  }

  /** Clears the timing loop's integrator (its estimate of the clock offset). */
  protected final void resetTimingIntegrator() {
    timingLoop.reset();
  }

  /**
   * Sets the carrier loop gains: phase step and phase-rate step (radians per symbol) per radian of
   * phase error. The loop turns the equalizer output, after the equalizer, so it has no delay.
   */
  protected final void setCarrierGains(double kp, double ki) {
    carrierKp = kp;
    carrierKi = ki;
  }

  /**
   * Decision- or training-directed carrier tracking: the phase error between the equalized symbol
   * and its target drives the NCO (PI loop).
   */
  protected final void trackCarrier(double yRe, double yIm, double tRe, double tIm) {
    double t2 = tRe * tRe + tIm * tIm;
    if (t2 <= 0) {
      return;
    }
    double err = (yIm * tRe - yRe * tIm) / t2;
    if (err > 0.5) {
      err = 0.5;
    } else if (err < -0.5) {
      err = -0.5;
    }
    postPhase += SineTable.phaseOf(carrierKp * err);
    postRate += SineTable.phaseOf(carrierKi * err);
  }

  /**
   * Moves the mixing oscillator by a measured carrier offset of {@code radiansPerSymbol}, so that
   * the equalizer sees a signal that does not turn.
   */
  protected final void adjustCarrierRate(double radiansPerSymbol) {
    nco.adjustRate(radiansPerSymbol / (2.0 * halfStep));
  }

  /**
   * Rotates the carrier by {@code radians} now: later symbols (and the equalizer history) turn by
   * −radians.
   */
  protected final void rotateCarrier(double radians) {
    nco.adjustPhase(radians);
    eq.rotateHistory(-radians);
  }

  /**
   * LMS step of the equalizer towards {@code target}. The error is measured on the derotated symbol
   * and turned back into the equalizer's own frame (by the carrier loop's phase): otherwise, under
   * a residual carrier offset, the update turns against the error once the loop's phase has moved
   * by more than 90° and the equalizer diverges.
   */
  protected final void adaptEqualizer(double yRe, double yIm, double tRe, double tIm, double mu) {
    double er = tRe - yRe;
    double ei = tIm - yIm;
    eq.adapt(er * symbolCos - ei * symbolSin, er * symbolSin + ei * symbolCos, mu);
  }

  /** Stops processing until the carrier drops (after a failed training). */
  protected final void park(String reason) {
    parked = true;
    listener.onEvent(new ModemEvent.TrainingFailed(sampleCount, reason));
  }

  /** Reports a successful training; from now on the carrier-off test is also relative. */
  protected final void trainingSucceeded(int bitRate) {
    referenceMeanSquare = power.meanSquare();
    offThreshold = Math.max(offMeanSquare, referenceMeanSquare * RELATIVE_OFF_FACTOR);
    inData = true;
    listener.onEvent(new ModemEvent.TrainingSucceeded(sampleCount, bitRate));
  }

  /** Reports that the burst ended before training completed. */
  private void trainingCutShort() {
    listener.onEvent(new ModemEvent.TrainingFailed(sampleCount, "carrier lost during training"));
  }

  /**
   * Descrambles the low {@code count} bits of {@code lineBits}, the highest first, and delivers
   * them when {@code deliver} (else they only advance the descrambler); returns how many of the
   * descrambled bits are ones.
   */
  protected final int descrambleBits(
      BitScrambler descrambler, int lineBits, int count, boolean deliver) {
    int ones = 0;
    for (int i = count - 1; i >= 0; i--) {
      int bit = descrambler.descramble(lineBits >> i) & 1;
      ones += bit;
      if (deliver) {
        putBit(bit);
      }
    }
    return ones;
  }

  /** Delivers a data bit, unless the signal is fading out at the end of the burst. */
  protected final void putBit(int bit) {
    if (below == 0) {
      sink.putBit(bit);
    }
  }

  /** The current carrier frequency estimate in Hz. */
  public final double carrierFrequency() {
    return nco.frequency() + SineTable.radiansOf(postRate) * baud / (2.0 * Math.PI);
  }

  /** Nominal carrier frequency in Hz. */
  protected final double nominalCarrier() {
    return carrierHz;
  }

  /**
   * Sum of the symbol-timing corrections since the burst began, in samples (positive: sampling
   * moved later); grows steadily when the far end's clock is offset.
   */
  public final double timingCorrectionSamples() {
    return timingTotal;
  }

  /** Samples received so far (the clock of the events). */
  public final long sampleCount() {
    return sampleCount;
  }

  /** True while a carrier is present. */
  public final boolean isCarrierPresent() {
    return carrierPresent;
  }
}
