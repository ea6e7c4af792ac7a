package org.faxgw.modem;

/**
 * V.21 FSK transmitter: 300 bit/s, binary 1 = mark, 0 = space (V.21 §2), phase-continuous, at the
 * configured level. Pulls bits from a {@link BitSource}; when the source returns {@link
 * BitSource#END} the transmission ends at that bit boundary and a {@link
 * ModemEvent.TransmitComplete} is reported. Belongs to one thread; allocates nothing per block.
 */
public final class V21Transmitter implements ModemTransmitter {
  private static final int SAMPLE_RATE = 8000;

  private final BitSource source;
  private final ModemListener listener;

  private int markStep;
  private int spaceStep;
  private float amplitude;

  private int phase;
  private int step;
  private int bitClock; // += BIT_RATE per sample; a new bit each SAMPLE_RATE
  private boolean ended;
  private long sample;

  public V21Transmitter(V21Config config, BitSource source, ModemListener listener) {
    this.source = source;
    this.listener = listener;
    restart(config);
  }

  /** Starts a new transmission with {@code config}; the bit source stays. */
  public void restart(V21Config config) {
    markStep = Oscillator.step(config.markHz());
    spaceStep = Oscillator.step(config.spaceHz());
    amplitude = (float) Dbm0.sineAmplitude(config.txLevelDbm0());
    phase = 0;
    bitClock = SAMPLE_RATE; // fetch a bit on the first sample
    ended = false;
  }

  /** Samples produced since construction. */
  public long samples() {
    return sample;
  }

  /** True once the bit source has ended. */
  public boolean isEnded() {
    return ended;
  }

  @Override
  public int transmit(short[] out, int off, int len) {
    if (ended) {
      return 0;
    }
    for (int i = 0; i < len; i++) {
      if (bitClock >= SAMPLE_RATE) {
        bitClock -= SAMPLE_RATE;
        int bit = source.getBit();
        if (bit == BitSource.END) {
          ended = true;
          listener.onEvent(new ModemEvent.TransmitComplete(sample));
          return i;
        }
        step = bit != 0 ? markStep : spaceStep;
      }
      bitClock += V21Config.BIT_RATE;
      out[off + i] = (short) Math.round(amplitude * Oscillator.sin(phase));
      phase += step;
      sample++;
    }
    return len;
  }
}
