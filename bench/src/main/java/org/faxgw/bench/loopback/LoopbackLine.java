package org.faxgw.bench.loopback;

import org.faxgw.modem.V17Config;
import org.faxgw.sim.LineModelConfig;

/**
 * The line of a loopback call, the same both ways.
 *
 * @param snrDb signal-to-noise ratio against the modems' transmit level ({@link #SIGNAL_DBM0}), or
 *     +∞ for no noise
 * @param lossRate probability that a 20 ms block is lost (0..1)
 * @param seed the caller→answerer line uses {@code seed}, the answerer→caller line {@code seed + 1}
 */
public record LoopbackLine(double snrDb, double lossRate, long seed) {
  /** The level the SNR is measured against: the fast modems' transmit level. */
  public static final double SIGNAL_DBM0 = V17Config.DEFAULT_TX_POWER_DBM0;

  public LoopbackLine {
    if (!(lossRate >= 0 && lossRate <= 1)) {
      throw new IllegalArgumentException("loss rate out of 0..1: " + lossRate);
    }
    if (Double.isNaN(snrDb)) {
      throw new IllegalArgumentException("SNR is not a number");
    }
  }

  public static LoopbackLine clean() {
    return new LoopbackLine(Double.POSITIVE_INFINITY, 0, 1);
  }

  LineModelConfig callerToAnswerer() {
    return model(seed);
  }

  LineModelConfig answererToCaller() {
    return model(seed + 1);
  }

  private LineModelConfig model(long s) {
    LineModelConfig c = LineModelConfig.clean().withSeed(s).withBlockLossRate(lossRate);
    return Double.isInfinite(snrDb) ? c : c.withNoiseDbm0(SIGNAL_DBM0 - snrDb);
  }
}
