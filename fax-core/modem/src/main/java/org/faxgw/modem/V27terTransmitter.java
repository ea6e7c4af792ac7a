package org.faxgw.modem;

import org.faxgw.modem.dsp.V27terScrambler;

/**
 * V.27ter transmitter (ITU-T V.27ter, 4800/2400 bit/s) with the long training sequence of V.27ter
 * 2.5: segment 1, 200 ms of unmodulated carrier; segment 2, 20 ms of silence; segment 3, 50 symbols
 * of 180° reversals; segment 4, 1074 symbols of the equalizer conditioning pattern (0° or 180°
 * changes chosen by every third bit of the scrambler fed with ones); segment 5, 8 symbols of
 * scrambled ones; then the data bits from the {@link BitSource} through the V.27ter scrambler (with
 * its guard, {@link V27terScrambler}) as differential phase symbols; then 32 symbols of scrambled
 * ones. Pulse shaping: root raised cosine, 50 % roll-off (V.27ter 2.3). Belongs to one thread;
 * allocates nothing per block.
 */
public final class V27terTransmitter extends PassbandTransmitter {
  private static final double ROLL_OFF = 0.5;

  private V27terConfig config;
  private V27terScrambler scrambler = new V27terScrambler(V27terSignal.SCRAMBLER_SEED);
  private int symbol;
  private int phase;
  private int seg1;
  private int seg2;

  public V27terTransmitter(V27terConfig config, BitSource source, ModemListener listener) {
    super(source, listener);
    restart(config);
  }

  public V27terTransmitter(V27terConfig config, BitSource source) {
    this(config, source, ModemListener.IGNORE);
  }

  /** Starts a new transmission (training first) with {@code config}. */
  public void restart(V27terConfig config) {
    restart(config, V27terSignal.SCRAMBLER_SEED);
  }

  /**
   * As {@link #restart(V27terConfig)}, with the scrambler starting segment 4 from the 7-bit
   * register state {@code scramblerSeed} (V.27ter leaves it open; other modems' seeds, for tests).
   */
  public void restart(V27terConfig config, int scramblerSeed) {
    if (scramblerSeed < 0 || scramblerSeed > 0x7F) {
      throw new IllegalArgumentException("V.27ter scrambler seed is 7 bits: " + scramblerSeed);
    }
    this.config = config;
    if (config.bitRate() == 4800) {
      // 1600 baud: exactly 5 samples per symbol.
      configure(V27terSignal.CARRIER_HZ, 5, 1, ROLL_OFF, 8, config.transmitLevelDbm0(), 2.0);
    } else {
      // 1200 baud: 20 intermediate samples per symbol at 24 kHz, every 3rd is an output sample.
      configure(V27terSignal.CARRIER_HZ, 20, 3, ROLL_OFF, 8, config.transmitLevelDbm0(), 2.0);
    }
    scrambler = new V27terScrambler(scramblerSeed);
    seg1 = V27terSignal.seg1Symbols(config.baud());
    seg2 = V27terSignal.seg2Symbols(config.baud());
    symbol = 0;
    phase = 0;
  }

  public V27terConfig config() {
    return config;
  }

  @Override
  protected boolean nextSymbol() {
    int k = symbol++;
    if (k < seg1) {
      set(0);
      return true;
    }
    k -= seg1;
    if (k < seg2) {
      symRe = 0;
      symIm = 0;
      return true;
    }
    k -= seg2;
    if (k < V27terSignal.SEG3_REVERSALS) {
      phase = (phase + 4) & 7;
      set(phase);
      return true;
    }
    k -= V27terSignal.SEG3_REVERSALS;
    if (k < V27terSignal.SEG4_CONDITIONING) {
      int b = scrambler.scramble(1);
      scrambler.scramble(1);
      scrambler.scramble(1);
      phase = (phase + 4 * b) & 7;
      set(phase);
      return true;
    }
    k -= V27terSignal.SEG4_CONDITIONING;
    boolean ones = k < V27terSignal.SEG5_ONES;
    if (shutdownOver(ones, V27terSignal.SHUTDOWN_ONES)) {
      return false;
    }
    int step;
    if (config.bitRate() == 4800) {
      step = V27terSignal.PHASE_STEP_3BITS[scrambledBits(scrambler, 3, ones)];
    } else {
      step = V27terSignal.PHASE_STEP_2BITS[scrambledBits(scrambler, 2, ones)];
    }
    phase = (phase + step) & 7;
    set(phase);
    return true;
  }

  private void set(int p) {
    symRe = V27terSignal.re(p);
    symIm = V27terSignal.im(p);
  }
}
