package org.faxgw.sim;

/**
 * Impairments of a one-way simulated telephone line, applied by {@link LineModel} in this order:
 * gain, echo, carrier frequency offset, sample clock offset, noise, G.711, lost blocks.
 *
 * @param gainDb gain applied to the signal (negative = loss); use it to set the received level: a
 *     transmitter at T dBm0 arrives at T + gainDb dBm0 ({@link org.faxgw.modem.Dbm0} convention)
 * @param noiseDbm0 level of white Gaussian noise over 0–4 kHz added to the line, or −∞ for none;
 *     SNR = signal dBm0 − noise dBm0
 * @param companding G.711 coding of the line (applied after the noise, as a codec would)
 * @param clockOffsetPpm how much faster the receiving side's sample clock runs than the sender's,
 *     in parts per million: the line delivers about (1 + ppm·10⁻⁶) samples per sample in
 *     (windowed-sinc resampling)
 * @param frequencyOffsetHz shift of every frequency in the signal (SSB shift through a Hilbert FIR)
 * @param echoDelaySamples delay of a single echo of the signal added to it
 * @param echoGainDb level of that echo relative to the signal, or −∞ for none
 * @param blockLossRate probability that each 20 ms output block is lost (reported to the sink as
 *     lost samples, as a missing packet would be)
 * @param seed seed of the noise and loss generators (runs are reproducible)
 */
public record LineModelConfig(
    double gainDb,
    double noiseDbm0,
    Companding companding,
    double clockOffsetPpm,
    double frequencyOffsetHz,
    int echoDelaySamples,
    double echoGainDb,
    double blockLossRate,
    long seed) {

  /** Samples of one output block: 20 ms at 8 kHz, the usual VoIP packet. */
  public static final int BLOCK = 160;

  public LineModelConfig {
    if (companding == null) {
      throw new IllegalArgumentException("companding");
    }
    if (Math.abs(clockOffsetPpm) > 10_000) {
      throw new IllegalArgumentException("clock offset beyond ±1 %");
    }
    if (Math.abs(frequencyOffsetHz) > 200) {
      throw new IllegalArgumentException("frequency offset beyond ±200 Hz");
    }
    if (echoDelaySamples < 0 || echoDelaySamples > 8000) {
      throw new IllegalArgumentException("echo delay out of 0..8000 samples");
    }
    if (!(blockLossRate >= 0 && blockLossRate <= 1)) {
      throw new IllegalArgumentException("block loss rate out of 0..1");
    }
  }

  /** A perfect line: no change to the samples. */
  public static LineModelConfig clean() {
    return new LineModelConfig(
        0, Double.NEGATIVE_INFINITY, Companding.NONE, 0, 0, 0, Double.NEGATIVE_INFINITY, 0, 1);
  }

  public LineModelConfig withGainDb(double db) {
    return new LineModelConfig(
        db,
        noiseDbm0,
        companding,
        clockOffsetPpm,
        frequencyOffsetHz,
        echoDelaySamples,
        echoGainDb,
        blockLossRate,
        seed);
  }

  /** Sets the gain so that a transmitter at {@code txDbm0} arrives at {@code receivedDbm0}. */
  public LineModelConfig withLevel(double txDbm0, double receivedDbm0) {
    return withGainDb(receivedDbm0 - txDbm0);
  }

  public LineModelConfig withNoiseDbm0(double dbm0) {
    return new LineModelConfig(
        gainDb,
        dbm0,
        companding,
        clockOffsetPpm,
        frequencyOffsetHz,
        echoDelaySamples,
        echoGainDb,
        blockLossRate,
        seed);
  }

  public LineModelConfig withCompanding(Companding c) {
    return new LineModelConfig(
        gainDb,
        noiseDbm0,
        c,
        clockOffsetPpm,
        frequencyOffsetHz,
        echoDelaySamples,
        echoGainDb,
        blockLossRate,
        seed);
  }

  public LineModelConfig withClockOffsetPpm(double ppm) {
    return new LineModelConfig(
        gainDb,
        noiseDbm0,
        companding,
        ppm,
        frequencyOffsetHz,
        echoDelaySamples,
        echoGainDb,
        blockLossRate,
        seed);
  }

  public LineModelConfig withFrequencyOffsetHz(double hz) {
    return new LineModelConfig(
        gainDb,
        noiseDbm0,
        companding,
        clockOffsetPpm,
        hz,
        echoDelaySamples,
        echoGainDb,
        blockLossRate,
        seed);
  }

  public LineModelConfig withEcho(int delaySamples, double gainDb) {
    return new LineModelConfig(
        this.gainDb,
        noiseDbm0,
        companding,
        clockOffsetPpm,
        frequencyOffsetHz,
        delaySamples,
        gainDb,
        blockLossRate,
        seed);
  }

  public LineModelConfig withBlockLossRate(double rate) {
    return new LineModelConfig(
        gainDb,
        noiseDbm0,
        companding,
        clockOffsetPpm,
        frequencyOffsetHz,
        echoDelaySamples,
        echoGainDb,
        rate,
        seed);
  }

  public LineModelConfig withSeed(long s) {
    return new LineModelConfig(
        gainDb,
        noiseDbm0,
        companding,
        clockOffsetPpm,
        frequencyOffsetHz,
        echoDelaySamples,
        echoGainDb,
        blockLossRate,
        s);
  }
}
