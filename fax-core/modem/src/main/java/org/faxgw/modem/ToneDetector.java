package org.faxgw.modem;

/**
 * Detects the T.30 connect tones CED (2100 Hz) and CNG (1100 Hz) in 8 kHz samples.
 *
 * <p>Every 20 ms block is analysed with Goertzel filters at the nominal frequency and ±25 Hz (to
 * cover the tolerances of T.30 §4: CNG ± 38 Hz, CED ± 15 Hz). A block "has" a tone when its level
 * is above the minimum and the tone carries at least 60 % of the block's energy, so that modulated
 * signals (V.21, speech) and noise are rejected. CED is recognised after 500 ms of consecutive
 * blocks (T.30 §4.2: it lasts at least 2.6 s); CNG when a burst ends that lasted 375–650 ms (T.30
 * §4.1: 0.5 s on). Belongs to one thread; allocates nothing per block.
 */
public final class ToneDetector implements ModemReceiver {
  /** 20 ms analysis blocks. */
  static final int BLOCK = 160;

  /** Fraction of the block energy that must lie in the tone. */
  static final double MIN_TONE_FRACTION = 0.6;

  /** Default minimum level, as the V.21 carrier detector's "on" threshold. */
  public static final double DEFAULT_MIN_LEVEL_DBM0 = -43.0;

  private static final int CED_MIN_BLOCKS = 25; // 500 ms
  private static final int CNG_MIN_BLOCKS = 19; // 380 ms (375 ms rounded up to whole blocks)
  private static final int CNG_MAX_BLOCKS = 32; // 640 ms
  private static final double[] OFFSETS_HZ = {-25.0, 0.0, 25.0};

  private final ToneListener listener;
  private final double minBlockEnergy;
  private final Tone[] tones = Tone.values();
  private final double[][] coefficients = new double[tones.length][OFFSETS_HZ.length];
  private final double[][] s1 = new double[tones.length][OFFSETS_HZ.length];
  private final double[][] s2 = new double[tones.length][OFFSETS_HZ.length];
  private final int[] runBlocks = new int[tones.length];
  private final boolean[] reported = new boolean[tones.length];

  private double energy;
  private int inBlock;
  private long sample;

  public ToneDetector(ToneListener listener) {
    this(listener, DEFAULT_MIN_LEVEL_DBM0);
  }

  public ToneDetector(ToneListener listener, double minLevelDbm0) {
    this.listener = listener;
    this.minBlockEnergy = Dbm0.ZERO_DBM0_MEAN_SQUARE * Math.pow(10.0, minLevelDbm0 / 10.0) * BLOCK;
    for (int t = 0; t < tones.length; t++) {
      for (int k = 0; k < OFFSETS_HZ.length; k++) {
        coefficients[t][k] = 2 * Math.cos(2 * Math.PI * (tones[t].hz() + OFFSETS_HZ[k]) / 8000.0);
      }
    }
  }

  /** Samples consumed so far. */
  public long samples() {
    return sample;
  }

  @Override
  public void receive(short[] in, int off, int len) {
    for (int i = 0; i < len; i++) {
      double x = in[off + i];
      energy += x * x;
      for (int t = 0; t < tones.length; t++) {
        double[] c = coefficients[t];
        double[] a = s1[t];
        double[] b = s2[t];
        for (int k = 0; k < c.length; k++) {
          double s = x + c[k] * a[k] - b[k];
          b[k] = a[k];
          a[k] = s;
        }
      }
      sample++;
      if (++inBlock == BLOCK) {
        endBlock();
      }
    }
  }

  private void endBlock() {
    boolean loud = energy >= minBlockEnergy;
    for (int t = 0; t < tones.length; t++) {
      double best = 0;
      for (int k = 0; k < OFFSETS_HZ.length; k++) {
        double a = s1[t][k];
        double b = s2[t][k];
        double power = a * a + b * b - coefficients[t][k] * a * b; // |X(f)|^2
        best = Math.max(best, power);
        s1[t][k] = 0;
        s2[t][k] = 0;
      }
      // a pure tone of any amplitude gives |X|^2 = energy * BLOCK / 2
      boolean present = loud && best >= MIN_TONE_FRACTION * energy * BLOCK / 2;
      track(t, present);
    }
    energy = 0;
    inBlock = 0;
  }

  private void track(int t, boolean present) {
    Tone tone = tones[t];
    if (present) {
      runBlocks[t]++;
      if (tone == Tone.CED && runBlocks[t] == CED_MIN_BLOCKS) {
        reported[t] = true;
        listener.onToneDetected(tone, sample);
      }
      return;
    }
    int run = runBlocks[t];
    runBlocks[t] = 0;
    if (tone == Tone.CNG && run >= CNG_MIN_BLOCKS && run <= CNG_MAX_BLOCKS) {
      listener.onToneDetected(tone, sample);
    } else if (tone == Tone.CED && reported[t]) {
      reported[t] = false;
      listener.onToneEnded(tone, sample, (long) run * BLOCK);
    }
  }

  /** Lost samples: time advances; the block in progress is discarded, tone runs are kept. */
  @Override
  public void fillIn(int samples) {
    sample += samples;
    for (int t = 0; t < tones.length; t++) {
      for (int k = 0; k < OFFSETS_HZ.length; k++) {
        s1[t][k] = 0;
        s2[t][k] = 0;
      }
    }
    energy = 0;
    inBlock = 0;
  }
}
