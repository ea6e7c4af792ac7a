package org.faxgw.modem;

import org.faxgw.modem.dsp.RaisedCosine;
import org.faxgw.modem.dsp.Scrambler;
import org.faxgw.modem.v17.TrellisEncoder;
import org.faxgw.modem.v17.V17Constellation;
import org.faxgw.modem.v17.V17Training;

/**
 * V.17 transmitter: training sequence (V.17 3.3, long or short), then data bits scrambled (1 +
 * x^-18 + x^-23), differentially and trellis encoded (V.17 2.3) and sent as QAM on an 1800 Hz
 * carrier at 2400 baud. When the {@link BitSource} ends it sends 32 symbols of scrambled ones and
 * 48 of silence, reports {@link ModemEvent.TransmitComplete} and stops. Belongs to one thread;
 * allocates nothing per block.
 */
public final class V17Transmitter implements ModemTransmitter {
  // Pulse shaping: symbols zero-stuffed to 24 kHz (10 per symbol), RRC evaluated at every 3rd
  // 24 kHz instant, so the output is exactly 8 kHz without a resampler.
  private static final int PHASES = 10;
  private static final int TAPS = 9;
  private static final double ROLL_OFF = 0.25;
  private static final double[] SHAPE = makeShape();
  // 1800 Hz at 8000 samples/s repeats every 40 samples.
  private static final int CARRIER_PERIOD = 40;
  private static final double[] COS = new double[CARRIER_PERIOD];
  private static final double[] SIN = new double[CARRIER_PERIOD];

  static {
    for (int i = 0; i < CARRIER_PERIOD; i++) {
      COS[i] = Math.cos(2 * Math.PI * 9 * i / CARRIER_PERIOD);
      SIN[i] = Math.sin(2 * Math.PI * 9 * i / CARRIER_PERIOD);
    }
  }

  /** Shutdown (as spandsp): 32 symbols of scrambled ones, then 48 symbols of silence. */
  private static final int SHUTDOWN_ONES = 32;

  private static final int SHUTDOWN_SILENCE = 48;

  private enum Stage {
    SEGMENT_1,
    SEGMENT_2,
    SEGMENT_3,
    SEGMENT_4,
    DATA,
    SHUTDOWN_ONES,
    SHUTDOWN_SILENCE,
    DONE
  }

  private final BitSource source;
  private final ModemListener listener;
  private final TrellisEncoder encoder = new TrellisEncoder();
  private final Scrambler scrambler = V17Training.newScrambler();
  private final double[] symRe = new double[TAPS];
  private final double[] symIm = new double[TAPS];
  private V17Config config;
  private V17Constellation constellation;
  private double gain;
  private Stage stage;
  private int stageCount;
  private int trainingPoint;
  private int symbolPointer;
  private int baudPhase;
  private int carrierIndex;
  private long sampleCount;

  public V17Transmitter(V17Config config, BitSource source, ModemListener listener) {
    this.source = source;
    this.listener = listener;
    restart(config);
  }

  /** Starts a new transmission (training included) with {@code config}. */
  public void restart(V17Config config) {
    this.config = config;
    constellation = V17Constellation.forBitRate(config.bitRate());
    // Output power = E|s|^2 / 2 * gain^2 with the shaping normalised to unit energy per symbol;
    // the training points and all four constellations have E|s|^2 of about 40 (V.17 keeps the
    // level the same in every mode). 0 dBm0 is 3.14 dB below a full-scale sine (G.711).
    double rms = Dbm0.rms(config.txPowerDbm0());
    gain = rms / Math.sqrt(20.0);
    java.util.Arrays.fill(symRe, 0.0);
    java.util.Arrays.fill(symIm, 0.0);
    scrambler.setRegister(V17Training.TRAINING_SEED);
    stage = Stage.SEGMENT_1;
    stageCount = 0;
    trainingPoint = 0;
    symbolPointer = 0;
    // Where in the first symbol period the burst starts matters to libspandsp 0.0.6: its short
    // training keeps the timing it expects from the onset of energy and fails (training error
    // ~3000) for phases 0 and 7–9 of 10, works for 1–5; 3 gives spandsp's own onset (measured
    // with src/test/c/spandsp_v17.c).
    baudPhase = 3;
    carrierIndex = 0;
    sampleCount = 0;
  }

  public V17Config config() {
    return config;
  }

  @Override
  public int transmit(short[] out, int off, int len) {
    for (int i = 0; i < len; i++) {
      if ((baudPhase += 3) >= PHASES) {
        baudPhase -= PHASES;
        if (!nextSymbol()) {
          listener.onEvent(new ModemEvent.TransmitComplete(sampleCount));
          return i;
        }
      }
      double re = 0.0;
      double im = 0.0;
      int p = symbolPointer;
      for (int k = 0; k < TAPS; k++) {
        double h = SHAPE[baudPhase + PHASES * k];
        re += symRe[p] * h;
        im += symIm[p] * h;
        if (--p < 0) {
          p = TAPS - 1;
        }
      }
      double v = (re * COS[carrierIndex] - im * SIN[carrierIndex]) * gain;
      if (++carrierIndex == CARRIER_PERIOD) {
        carrierIndex = 0;
      }
      out[off + i] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
      sampleCount++;
    }
    return len;
  }

  /** Pushes the next symbol into the shaping filter; false when the transmission is over. */
  private boolean nextSymbol() {
    double re;
    double im;
    switch (stage) {
      case SEGMENT_1 -> {
        trainingPoint = stageCount & 1; // A B A B …
        re = V17Constellation.TRAINING_RE[trainingPoint];
        im = V17Constellation.TRAINING_IM[trainingPoint];
        if (++stageCount == V17Training.SEGMENT_1) {
          next(Stage.SEGMENT_2);
        }
      }
      case SEGMENT_2 -> {
        trainingPoint = V17Training.segment2Point(scrambler);
        re = V17Constellation.TRAINING_RE[trainingPoint];
        im = V17Constellation.TRAINING_IM[trainingPoint];
        int length = config.shortTrain() ? V17Training.SEGMENT_2_SHORT : V17Training.SEGMENT_2_LONG;
        if (++stageCount == length) {
          next(config.shortTrain() ? Stage.SEGMENT_4 : Stage.SEGMENT_3);
        }
      }
      case SEGMENT_3 -> {
        trainingPoint = V17Training.bridgePoint(scrambler, stageCount, trainingPoint);
        re = V17Constellation.TRAINING_RE[trainingPoint];
        im = V17Constellation.TRAINING_IM[trainingPoint];
        if (++stageCount == V17Training.SEGMENT_3) {
          next(Stage.SEGMENT_4);
        }
      }
      case SEGMENT_4, SHUTDOWN_ONES -> {
        int label = encoder.encode(scrambledOnes());
        re = constellation.re(label);
        im = constellation.im(label);
        int length = stage == Stage.SEGMENT_4 ? V17Training.SEGMENT_4 : SHUTDOWN_ONES;
        if (++stageCount == length) {
          next(stage == Stage.SEGMENT_4 ? Stage.DATA : Stage.SHUTDOWN_SILENCE);
        }
      }
      case DATA -> {
        int q = 0;
        boolean ended = false;
        for (int i = 0; i < constellation.dataBitsPerSymbol(); i++) {
          int bit = ended ? 1 : source.getBit();
          if (bit == BitSource.END) {
            ended = true;
            bit = 1;
          }
          q |= scrambler.scramble(bit) << i;
        }
        int label = encoder.encode(q);
        re = constellation.re(label);
        im = constellation.im(label);
        if (ended) {
          next(Stage.SHUTDOWN_ONES);
        }
      }
      case SHUTDOWN_SILENCE -> {
        re = 0.0;
        im = 0.0;
        if (++stageCount == SHUTDOWN_SILENCE) {
          next(Stage.DONE);
        }
      }
      default -> {
        return false;
      }
    }
    if (stage == Stage.SEGMENT_4 && stageCount == 0) {
      // V.17 2.3: the encoder starts afresh with segment 4 (differential state as spandsp: 1 after
      // a long training, 0 after a short one).
      encoder.reset(config.shortTrain() ? 0 : 1);
    }
    if (++symbolPointer == TAPS) {
      symbolPointer = 0;
    }
    symRe[symbolPointer] = re;
    symIm[symbolPointer] = im;
    return true;
  }

  private int scrambledOnes() {
    int q = 0;
    for (int i = 0; i < constellation.dataBitsPerSymbol(); i++) {
      q |= scrambler.scramble(1) << i;
    }
    return q;
  }

  private void next(Stage s) {
    stage = s;
    stageCount = 0;
  }

  private static double[] makeShape() {
    int n = PHASES * TAPS;
    double[] h = new double[n];
    double energy = 0.0;
    for (int m = 0; m < n; m++) {
      h[m] = RaisedCosine.rootRaisedCosine((m - n / 2.0) / PHASES, ROLL_OFF);
      energy += h[m] * h[m];
    }
    double norm = Math.sqrt(PHASES / energy);
    for (int m = 0; m < n; m++) {
      h[m] *= norm;
    }
    return h;
  }
}
