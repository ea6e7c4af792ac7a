package org.faxgw.modem;

/**
 * Generates a cadenced sine tone: {@code cycles} times {@code onSamples} of tone then {@code
 * offSamples} of silence, phase-continuous across bursts. {@link #ced} and {@link #cng} give the
 * T.30 §4 tones. Ends with a {@link ModemEvent.TransmitComplete}. Belongs to one thread; allocates
 * nothing per block.
 */
public final class ToneGenerator implements ModemTransmitter {
  /** T.30 §4.2: CED lasts 2.6 s to 4.0 s; 3 s is sent. */
  public static final int CED_SAMPLES = 3 * 8000;

  /** T.30 §4.1: CNG is on for 0.5 s. */
  public static final int CNG_ON_SAMPLES = 4000;

  /** T.30 §4.1: CNG is off for 3 s. */
  public static final int CNG_OFF_SAMPLES = 3 * 8000;

  private final int step;
  private final float amplitude;
  private final int onSamples;
  private final int offSamples;
  private final int cycles;
  private final ModemListener listener;

  private int phase;
  private int cycle;
  private int inCycle;
  private boolean ended;
  private long sample;

  /**
   * @param cycles number of on/off cycles; a negative number repeats without end
   */
  public ToneGenerator(
      double hz,
      double levelDbm0,
      int onSamples,
      int offSamples,
      int cycles,
      ModemListener listener) {
    if (onSamples <= 0 || offSamples < 0 || hz <= 0 || hz >= 4000) {
      throw new IllegalArgumentException("bad tone cadence");
    }
    this.step = Oscillator.step(hz);
    this.amplitude = (float) Dbm0.sineAmplitude(levelDbm0);
    this.onSamples = onSamples;
    this.offSamples = offSamples;
    this.cycles = cycles;
    this.listener = listener;
  }

  /** CED: 2100 Hz for 3 s (T.30 §4.2). */
  public static ToneGenerator ced(double levelDbm0, ModemListener listener) {
    return new ToneGenerator(Tone.CED.hz(), levelDbm0, CED_SAMPLES, 0, 1, listener);
  }

  /** CNG: 1100 Hz, 0.5 s on, 3 s off, {@code cycles} times (negative: without end) (T.30 §4.1). */
  public static ToneGenerator cng(double levelDbm0, int cycles, ModemListener listener) {
    return new ToneGenerator(
        Tone.CNG.hz(), levelDbm0, CNG_ON_SAMPLES, CNG_OFF_SAMPLES, cycles, listener);
  }

  /** True once all cycles were sent. */
  public boolean isEnded() {
    return ended;
  }

  @Override
  public int transmit(short[] out, int off, int len) {
    for (int i = 0; i < len; i++) {
      if (inCycle == onSamples + offSamples) {
        inCycle = 0;
        cycle++;
      }
      if (ended || (cycles >= 0 && cycle >= cycles)) {
        if (!ended) {
          ended = true;
          listener.onEvent(new ModemEvent.TransmitComplete(sample));
        }
        return i;
      }
      if (inCycle < onSamples) {
        out[off + i] = (short) Math.round(amplitude * Oscillator.sin(phase));
        phase += step;
      } else {
        out[off + i] = 0;
      }
      inCycle++;
      sample++;
    }
    return len;
  }
}
