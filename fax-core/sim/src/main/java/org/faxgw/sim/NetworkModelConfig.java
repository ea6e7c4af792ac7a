package org.faxgw.sim;

/**
 * Impairments of a simulated IP path for media packets (after the ingredients of ITU-T G.1050:
 * bursty loss, delay with jitter, reordering as a consequence of jitter, duplication).
 *
 * @param lossRate long-run fraction of packets lost (0..1)
 * @param meanLossBurst mean number of packets lost in a row (≥ 1; 1 = isolated single losses): a
 *     two-state Gilbert–Elliott chain whose bad state loses every packet
 * @param delayMs fixed one-way delay
 * @param jitterMs standard deviation of an extra delay |N(0, jitterMs)| added per packet; packets
 *     overtake each other when it exceeds their spacing
 * @param duplicateRate fraction of delivered packets delivered twice (the copy with its own delay)
 * @param seed seed of the random generators (runs are reproducible)
 */
public record NetworkModelConfig(
    double lossRate,
    double meanLossBurst,
    double delayMs,
    double jitterMs,
    double duplicateRate,
    long seed) {

  public NetworkModelConfig {
    if (!(lossRate >= 0 && lossRate < 1)) {
      throw new IllegalArgumentException("loss rate out of 0..1");
    }
    if (!(meanLossBurst >= 1)) {
      throw new IllegalArgumentException("mean loss burst below 1");
    }
    if (lossRate > 0 && lossRate / (meanLossBurst * (1 - lossRate)) > 1) {
      throw new IllegalArgumentException("loss rate too high for that burst length");
    }
    if (!(delayMs >= 0 && jitterMs >= 0)) {
      throw new IllegalArgumentException("negative delay or jitter");
    }
    if (!(duplicateRate >= 0 && duplicateRate <= 1)) {
      throw new IllegalArgumentException("duplicate rate out of 0..1");
    }
  }

  /** A perfect network: no loss, no delay. */
  public static NetworkModelConfig perfect() {
    return new NetworkModelConfig(0, 1, 0, 0, 0, 1);
  }

  public NetworkModelConfig withLoss(double rate, double meanBurst) {
    return new NetworkModelConfig(rate, meanBurst, delayMs, jitterMs, duplicateRate, seed);
  }

  public NetworkModelConfig withDelay(double delay, double jitter) {
    return new NetworkModelConfig(lossRate, meanLossBurst, delay, jitter, duplicateRate, seed);
  }

  public NetworkModelConfig withDuplicateRate(double rate) {
    return new NetworkModelConfig(lossRate, meanLossBurst, delayMs, jitterMs, rate, seed);
  }

  public NetworkModelConfig withSeed(long s) {
    return new NetworkModelConfig(lossRate, meanLossBurst, delayMs, jitterMs, duplicateRate, s);
  }
}
