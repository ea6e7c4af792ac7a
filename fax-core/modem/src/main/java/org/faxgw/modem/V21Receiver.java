package org.faxgw.modem;

/**
 * V.21 FSK receiver (300 bit/s; mark = 1, space = 0, V.21 §2) for synchronous data such as T.30's
 * HDLC frames.
 *
 * <p>Non-coherent detection, as spandsp's {@code fsk_rx} does it: the input is correlated with mark
 * and space tones over a sliding window of about one bit (26 samples, exact integer running sums),
 * and the larger energy decides the bit. Carrier detection compares the smoothed in-band tone power
 * with the configured on/off thresholds (hysteresis). A digital PLL places the bit sampling instant
 * half a bit after each mark/space transition (located to a fraction of a sample by interpolating
 * the zero crossing of the energy difference). The carrier also needs the mark/space tones to hold
 * a fair share of the whole-band power, so that connect tones next to the band are not taken for
 * V.21. Bits go to the {@link BitSink} only while the carrier is up. Belongs to one thread;
 * allocates nothing per block.
 */
public final class V21Receiver implements ModemReceiver {
  private static final int SAMPLE_RATE = 8000;
  // one bit is SAMPLE_RATE phase units; each sample advances the bit phase by BIT_RATE units
  private static final int BIT_PHASE = SAMPLE_RATE;
  private static final int TRANSITION_PHASE = BIT_PHASE / 2;

  /** Correlation window: floor(8000 / 300) = 26 samples, about one bit, as in spandsp's fsk_rx. */
  static final int WINDOW = SAMPLE_RATE / V21Config.BIT_RATE;

  // smoothing of the tone power estimate: one-pole, 1/16 per sample (2 ms)
  private static final double POWER_ALPHA = 1.0 / 16.0;
  // a pure tone of amplitude A gives |sum|^2 = (A * WINDOW * 2^14 / 2)^2; mean square A^2/2
  private static final double ENERGY_TO_MEAN_SQUARE =
      2.0 / ((double) WINDOW * WINDOW * 16384.0 * 16384.0);
  // carrier-on also needs the V.21 tones to carry this share of the whole-band power, so that
  // strong out-of-band tones (CED 2100 Hz, CNG 1100 Hz) leaking into the correlators do not raise
  // it; carrier-off looks at the level only (wideband signals such as V.17 sit near this share and
  // would otherwise make the carrier flap)
  private static final double IN_BAND_ON = 0.25;
  // DPLL gains: fast pull-in for the first transitions after carrier up, then gentle tracking
  private static final int FAST_TRANSITIONS = 8;
  private static final double FAST_GAIN = 0.5;
  private static final double SLOW_GAIN = 0.125;

  private final BitSink sink;
  private final ModemListener listener;

  private int markStep;
  private int spaceStep;
  private double onMeanSquare;
  private double offMeanSquare;

  private final long[] ringMarkI = new long[WINDOW];
  private final long[] ringMarkQ = new long[WINDOW];
  private final long[] ringSpaceI = new long[WINDOW];
  private final long[] ringSpaceQ = new long[WINDOW];
  private long sumMarkI;
  private long sumMarkQ;
  private long sumSpaceI;
  private long sumSpaceQ;
  private int pos;
  private int markPhase;
  private int spacePhase;

  private double power;
  private double broadband;
  private boolean carrier;
  private double lastDiff;
  private int bitPhase;
  private int transitions;
  private long sample;

  public V21Receiver(V21Config config, BitSink sink, ModemListener listener) {
    this.sink = sink;
    this.listener = listener;
    restart(config);
  }

  /** Resets the receiver to wait for a new carrier with {@code config}. */
  public void restart(V21Config config) {
    markStep = Oscillator.step(config.markHz());
    spaceStep = Oscillator.step(config.spaceHz());
    onMeanSquare = Dbm0.ZERO_DBM0_MEAN_SQUARE * Math.pow(10.0, config.carrierOnDbm0() / 10.0);
    offMeanSquare = Dbm0.ZERO_DBM0_MEAN_SQUARE * Math.pow(10.0, config.carrierOffDbm0() / 10.0);
    clearWindow();
    power = 0;
    broadband = 0;
    carrier = false;
    lastDiff = 0;
    bitPhase = 0;
    transitions = 0;
  }

  private void clearWindow() {
    java.util.Arrays.fill(ringMarkI, 0);
    java.util.Arrays.fill(ringMarkQ, 0);
    java.util.Arrays.fill(ringSpaceI, 0);
    java.util.Arrays.fill(ringSpaceQ, 0);
    sumMarkI = sumMarkQ = sumSpaceI = sumSpaceQ = 0;
  }

  /** True while the carrier is detected. */
  public boolean isCarrierUp() {
    return carrier;
  }

  /** The smoothed in-band tone power in dBm0. */
  public double powerDbm0() {
    return Dbm0.fromMeanSquare(power);
  }

  /** Samples consumed (including filled-in ones) since construction. */
  public long samples() {
    return sample;
  }

  @Override
  public void receive(short[] in, int off, int len) {
    for (int i = 0; i < len; i++) {
      int x = in[off + i];
      long mi = (long) x * Oscillator.cosQ14(markPhase);
      long mq = (long) x * Oscillator.sinQ14(markPhase);
      long si = (long) x * Oscillator.cosQ14(spacePhase);
      long sq = (long) x * Oscillator.sinQ14(spacePhase);
      markPhase += markStep;
      spacePhase += spaceStep;
      int p = pos;
      sumMarkI += mi - ringMarkI[p];
      sumMarkQ += mq - ringMarkQ[p];
      sumSpaceI += si - ringSpaceI[p];
      sumSpaceQ += sq - ringSpaceQ[p];
      ringMarkI[p] = mi;
      ringMarkQ[p] = mq;
      ringSpaceI[p] = si;
      ringSpaceQ[p] = sq;
      pos = p + 1 == WINDOW ? 0 : p + 1;

      double markEnergy = (double) sumMarkI * sumMarkI + (double) sumMarkQ * sumMarkQ;
      double spaceEnergy = (double) sumSpaceI * sumSpaceI + (double) sumSpaceQ * sumSpaceQ;
      double tone = Math.max(markEnergy, spaceEnergy) * ENERGY_TO_MEAN_SQUARE;
      power += (tone - power) * POWER_ALPHA;
      broadband += ((double) x * x - broadband) * POWER_ALPHA;
      sample++;

      if (!carrier) {
        if (power > onMeanSquare && power > IN_BAND_ON * broadband) {
          carrier = true;
          transitions = 0;
          bitPhase = 0;
          lastDiff = markEnergy - spaceEnergy;
          listener.onEvent(new ModemEvent.CarrierUp(sample, Dbm0.fromMeanSquare(power)));
        }
        continue;
      }
      if (power < offMeanSquare) {
        carrier = false;
        listener.onEvent(new ModemEvent.CarrierDown(sample));
        continue;
      }

      double diff = markEnergy - spaceEnergy;
      bitPhase += V21Config.BIT_RATE;
      if ((diff > 0) != (lastDiff > 0) && lastDiff != 0) {
        // the zero crossing lies a fraction f of a sample before this one
        double f = diff / (diff - lastDiff);
        double crossing = bitPhase - f * V21Config.BIT_RATE;
        double error = crossing - TRANSITION_PHASE;
        double gain = transitions < FAST_TRANSITIONS ? FAST_GAIN : SLOW_GAIN;
        transitions++;
        bitPhase -= (int) Math.round(error * gain);
      }
      lastDiff = diff;
      if (bitPhase >= BIT_PHASE) {
        bitPhase -= BIT_PHASE;
        sink.putBit(diff > 0 ? 1 : 0);
      } else if (bitPhase < 0) {
        bitPhase = 0; // never re-sample the bit just delivered
      }
    }
  }

  /**
   * Lost samples: time, tone oscillators and bit phase advance; the correlation window restarts
   * empty; no bits are delivered for the gap (an HDLC frame spanning it fails its FCS).
   */
  @Override
  public void fillIn(int samples) {
    if (samples <= 0) {
      return;
    }
    sample += samples;
    markPhase += markStep * samples;
    spacePhase += spaceStep * samples;
    clearWindow();
    bitPhase = (int) ((bitPhase + (long) samples * V21Config.BIT_RATE) % BIT_PHASE);
    lastDiff = 0;
  }
}
