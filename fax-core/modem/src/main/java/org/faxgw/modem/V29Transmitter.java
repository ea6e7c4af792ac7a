package org.faxgw.modem;

import org.faxgw.modem.dsp.Scrambler;

/**
 * V.29 transmitter (ITU-T V.29): the training sequence of V.29 3 (segment 1: 48 symbols of silence;
 * segment 2: 128 symbols alternating A, B; segment 3: 384 symbols of C or D chosen by the 1 + x^−6
 * + x^−7 generator; segment 4: 48 symbols of scrambled ones), then the data bits pulled from the
 * {@link BitSource}, scrambled by 1 + x^−18 + x^−23 (V.29 2.4) and sent as differential phase (Q2
 * Q3 Q4) plus amplitude (Q1 at 9600 bit/s) symbols, then 32 symbols of scrambled ones and silence.
 * Pulse shaping: root raised cosine, 25 % roll-off. Belongs to one thread; allocates nothing per
 * block.
 */
public final class V29Transmitter extends PassbandTransmitter {
  private static final double ROLL_OFF = 0.25;
  private static final int SPAN_SYMBOLS = 12;

  private V29Config config;
  private final Scrambler scrambler = new Scrambler(18, 23);
  private int symbol;
  private int trainingState;
  private int phase;

  public V29Transmitter(V29Config config, BitSource source, ModemListener listener) {
    super(source, listener);
    restart(config);
  }

  public V29Transmitter(V29Config config, BitSource source) {
    this(config, source, ModemListener.IGNORE);
  }

  /** Starts a new transmission (training first) with {@code config}. */
  public void restart(V29Config config) {
    restart(config, V29Signal.TRAINING_SEED, 0);
  }

  /**
   * As {@link #restart(V29Config)}, with the segment 3 generator (1 + x^−6 + x^−7) starting from
   * the 7-bit state {@code trainingSeed} and the data scrambler (1 + x^−18 + x^−23) from the
   * register {@code scramblerSeed}: other modems' choices, for tests.
   */
  public void restart(V29Config config, int trainingSeed, int scramblerSeed) {
    if (trainingSeed < 0 || trainingSeed > 0x7F) {
      throw new IllegalArgumentException("V.29 training seed is 7 bits: " + trainingSeed);
    }
    this.config = config;
    // 2400 baud into 8 kHz: 10 intermediate samples per symbol, every 3rd is an output sample.
    configure(
        V29Signal.CARRIER_HZ,
        10,
        3,
        ROLL_OFF,
        SPAN_SYMBOLS,
        config.transmitLevelDbm0(),
        V29Signal.dataPower(config.bitRate()));
    scrambler.setRegister(scramblerSeed);
    symbol = 0;
    trainingState = trainingSeed;
    phase = 0;
  }

  public V29Config config() {
    return config;
  }

  @Override
  protected boolean nextSymbol() {
    int k = symbol++;
    int rate = config.bitRate();
    if (k < V29Signal.SEG1_SILENCE) {
      symRe = 0;
      symIm = 0;
      return true;
    }
    k -= V29Signal.SEG1_SILENCE;
    if (k < V29Signal.SEG2_ABAB) {
      if ((k & 1) == 0) {
        set(V29Signal.pointA(), 0);
      } else {
        set(V29Signal.phaseB(rate), V29Signal.ampB(rate));
      }
      return true;
    }
    k -= V29Signal.SEG2_ABAB;
    if (k < V29Signal.SEG3_CDCD) {
      int r = V29Signal.trainingStep(trainingState);
      trainingState = r >>> 1;
      if ((r & 1) == 0) {
        set(V29Signal.pointC(), 0);
      } else {
        set(V29Signal.phaseD(rate), V29Signal.ampD(rate));
      }
      return true;
    }
    k -= V29Signal.SEG3_CDCD;
    boolean ones = k < V29Signal.SEG4_ONES;
    if (shutdownOver(ones, V29Signal.SHUTDOWN_ONES)) {
      return false;
    }
    int q1 = 0;
    if (rate == 9600) {
      q1 = scrambledBits(scrambler, 1, ones);
    }
    int step;
    if (rate == 4800) {
      step = V29Signal.PHASE_STEP_2BITS[scrambledBits(scrambler, 2, ones)];
    } else {
      step = V29Signal.PHASE_STEP_3BITS[scrambledBits(scrambler, 3, ones)];
    }
    phase = (phase + step) & 7;
    set(phase, q1);
    return true;
  }

  private void set(int phase, int q1) {
    symRe = V29Signal.re(phase, q1);
    symIm = V29Signal.im(phase, q1);
  }
}
