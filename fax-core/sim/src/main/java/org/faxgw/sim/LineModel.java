package org.faxgw.sim;

import java.util.Random;
import org.faxgw.modem.Dbm0;
import org.faxgw.modem.G711;

/**
 * A one-way telephone line for modem tests, after the ingredients of spandsp's {@code
 * one_way_line_model} (spandsp-sim/line_model.c) but written from scratch: gain, a single echo,
 * carrier frequency offset (SSB shift through a Hilbert FIR), sample clock offset (windowed-sinc
 * resampler), white Gaussian noise over 0–4 kHz at a level in dBm0, G.711 companding, and lost 20
 * ms blocks. Output goes to a {@link LineSink} in blocks of {@link LineModelConfig#BLOCK} samples.
 *
 * <p>Levels follow {@link Dbm0}: SNR = signal dBm0 − noise dBm0 over the whole 0–4 kHz band.
 * Belongs to one thread; allocates nothing per block.
 */
public final class LineModel {
  // resampler: windowed sinc, 2·HALF taps, RESAMPLER_PHASES fractional positions (linear interp.)
  static final int HALF = 24;
  private static final int RESAMPLER_PHASES = 512;
  private static final double KAISER_BETA = 8.0;
  private static final int RING = 64; // ≥ 2·HALF, power of two
  private static final double[] SINC_TABLE = sincTable();

  // Hilbert transformer for the frequency shift: 2·HILBERT_HALF + 1 taps, Blackman window
  private static final int HILBERT_HALF = 31;
  private static final double[] HILBERT = hilbert();

  private final LineModelConfig config;
  private final double gain;

  private final double[] echoRing;
  private final double echoGain;
  private int echoPos;

  private final boolean shifting;
  private final double[] hilbertRing = new double[2 * HILBERT_HALF + 1];
  private int hilbertPos;
  private final double phaseStep;
  private double phase;

  private final boolean resampling;
  private final double[] ring = new double[RING];
  private long inIndex = -1;
  private final double outStep;
  private double nextOut;

  private final Random noise;
  private final double noiseSigma;
  private final Random loss;

  private final short[] block = new short[LineModelConfig.BLOCK];
  private int blockLen;
  private long samplesOut;
  private long blocksLost;

  public LineModel(LineModelConfig config) {
    this.config = config;
    this.gain = Math.pow(10.0, config.gainDb() / 20.0);
    this.echoGain =
        Double.isInfinite(config.echoGainDb()) ? 0 : Math.pow(10.0, config.echoGainDb() / 20.0);
    this.echoRing = new double[Math.max(1, config.echoDelaySamples())];
    this.shifting = config.frequencyOffsetHz() != 0;
    this.phaseStep = 2 * Math.PI * config.frequencyOffsetHz() / 8000.0;
    this.resampling = config.clockOffsetPpm() != 0;
    this.outStep = 1.0 / (1.0 + config.clockOffsetPpm() * 1e-6);
    this.noiseSigma = Double.isInfinite(config.noiseDbm0()) ? 0 : Dbm0.rms(config.noiseDbm0());
    this.noise = new Random(config.seed());
    this.loss = new Random(config.seed() * 31 + 17);
  }

  public LineModelConfig config() {
    return config;
  }

  /** Samples delivered to sinks so far (arrived or lost). */
  public long samplesOut() {
    return samplesOut;
  }

  /** Blocks reported lost so far. */
  public long blocksLost() {
    return blocksLost;
  }

  /** Passes {@code len} samples of {@code in} from {@code off} along the line to {@code sink}. */
  public void process(short[] in, int off, int len, LineSink sink) {
    for (int i = 0; i < len; i++) {
      double x = in[off + i] * gain;
      if (echoGain != 0) {
        double delayed = echoRing[echoPos];
        echoRing[echoPos] = x;
        echoPos = echoPos + 1 == echoRing.length ? 0 : echoPos + 1;
        x += echoGain * delayed;
      }
      if (shifting) {
        x = shift(x);
      }
      if (!resampling) {
        emit(x, sink);
        continue;
      }
      inIndex++;
      ring[(int) (inIndex & (RING - 1))] = x;
      // an output at input time t needs the inputs up to floor(t) + HALF
      while ((long) Math.floor(nextOut) + HALF <= inIndex) {
        emit(interpolate(nextOut), sink);
        nextOut += outStep;
      }
    }
  }

  /** Delivers a partly filled last block. */
  public void flush(LineSink sink) {
    if (blockLen > 0) {
      deliver(sink, blockLen);
    }
  }

  /** Runs a whole signal through a fresh copy of the line; lost blocks come out as zeros. */
  public static short[] apply(LineModelConfig config, short[] in) {
    LineModel m = new LineModel(config);
    short[][] out = {new short[in.length + in.length / 50 + 64]};
    int[] n = {0};
    LineSink sink =
        new LineSink() {
          @Override
          public void accept(short[] s, int off, int len) {
            ensure(len);
            System.arraycopy(s, off, out[0], n[0], len);
            n[0] += len;
          }

          @Override
          public void lost(int samples) {
            ensure(samples);
            n[0] += samples;
          }

          private void ensure(int more) {
            if (n[0] + more > out[0].length) {
              out[0] = java.util.Arrays.copyOf(out[0], (n[0] + more) * 2);
            }
          }
        };
    m.process(in, 0, in.length, sink);
    m.flush(sink);
    return java.util.Arrays.copyOf(out[0], n[0]);
  }

  private double shift(double x) {
    hilbertRing[hilbertPos] = x;
    int n = hilbertRing.length;
    double h = 0;
    // HILBERT[k] multiplies the sample k taps ago
    int p = hilbertPos;
    for (int k = 0; k < n; k++) {
      double c = HILBERT[k];
      if (c != 0) {
        h += c * hilbertRing[p];
      }
      p = p == 0 ? n - 1 : p - 1;
    }
    int d = hilbertPos - HILBERT_HALF;
    double delayed = hilbertRing[d < 0 ? d + n : d];
    hilbertPos = hilbertPos + 1 == n ? 0 : hilbertPos + 1;
    double y = delayed * Math.cos(phase) - h * Math.sin(phase);
    phase += phaseStep;
    if (phase > Math.PI) {
      phase -= 2 * Math.PI;
    } else if (phase < -Math.PI) {
      phase += 2 * Math.PI;
    }
    return y;
  }

  private double interpolate(double t) {
    long i0 = (long) Math.floor(t);
    double pos = (t - i0) * RESAMPLER_PHASES;
    int p = (int) pos;
    double w = pos - p;
    int base0 = p * 2 * HALF;
    int base1 = base0 + 2 * HALF;
    double y = 0;
    for (int k = -HALF + 1; k <= HALF; k++) {
      int tap = k + HALF - 1;
      double c = SINC_TABLE[base0 + tap] + w * (SINC_TABLE[base1 + tap] - SINC_TABLE[base0 + tap]);
      y += c * ring[(int) ((i0 + k) & (RING - 1))];
    }
    return y;
  }

  private void emit(double x, LineSink sink) {
    if (noiseSigma != 0) {
      x += noise.nextGaussian() * noiseSigma;
    }
    long r = Math.round(x);
    int s = (int) Math.max(-32768, Math.min(32767, r));
    switch (config.companding()) {
      case ALAW -> s = G711.alawToLinear(G711.linearToAlaw(s));
      case ULAW -> s = G711.ulawToLinear(G711.linearToUlaw(s));
      case NONE -> {}
    }
    block[blockLen++] = (short) s;
    if (blockLen == block.length) {
      deliver(sink, blockLen);
    }
  }

  private void deliver(LineSink sink, int len) {
    samplesOut += len;
    blockLen = 0;
    if (config.blockLossRate() > 0 && loss.nextDouble() < config.blockLossRate()) {
      blocksLost++;
      sink.lost(len);
    } else {
      sink.accept(block, 0, len);
    }
  }

  /** h(u) = sinc(u)·kaiser(u / HALF) at u = phase/PHASES − k, for phases 0..PHASES. */
  private static double[] sincTable() {
    double[] t = new double[(RESAMPLER_PHASES + 1) * 2 * HALF];
    double i0beta = besselI0(KAISER_BETA);
    for (int p = 0; p <= RESAMPLER_PHASES; p++) {
      double frac = (double) p / RESAMPLER_PHASES;
      for (int k = -HALF + 1; k <= HALF; k++) {
        double u = frac - k;
        double sinc = u == 0 ? 1.0 : Math.sin(Math.PI * u) / (Math.PI * u);
        double r = u / HALF;
        double win = Math.abs(r) >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / i0beta;
        t[p * 2 * HALF + k + HALF - 1] = sinc * win;
      }
    }
    return t;
  }

  private static double besselI0(double x) {
    double sum = 1;
    double term = 1;
    for (int k = 1; k < 50; k++) {
      term *= (x / (2 * k)) * (x / (2 * k));
      sum += term;
    }
    return sum;
  }

  /** Ideal Hilbert transformer 2/(πn) for odd n, Blackman-windowed; index = delay in samples. */
  private static double[] hilbert() {
    int n = 2 * HILBERT_HALF + 1;
    double[] h = new double[n];
    for (int k = 0; k < n; k++) {
      int m = k - HILBERT_HALF;
      if (m % 2 != 0) {
        double w =
            0.42
                - 0.5 * Math.cos(2 * Math.PI * k / (n - 1))
                + 0.08 * Math.cos(4 * Math.PI * k / (n - 1));
        h[k] = 2.0 / (Math.PI * m) * w;
      }
    }
    return h;
  }
}
