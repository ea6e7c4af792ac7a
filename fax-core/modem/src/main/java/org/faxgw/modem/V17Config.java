package org.faxgw.modem;

/**
 * Settings of a V.17 transmitter or receiver (ITU-T V.17).
 *
 * @param bitRate 14400, 12000, 9600 or 7200
 * @param shortTrain true for the short training sequence of V.17 Table 3 (used after a successful
 *     long training, for the pages after the first); the receiver then reuses its equalizer
 * @param txPowerDbm0 transmit level (V.17 asks for a level set by the network; fax uses −14 to −9
 *     dBm0)
 * @param carrierCutoffDbm0 receiver squelch: carrier is declared present 2.5 dB above and absent
 *     2.5 dB below this level
 */
public record V17Config(
    int bitRate, boolean shortTrain, double txPowerDbm0, double carrierCutoffDbm0) {

  /** Default transmit level, as spandsp and most fax modems use. */
  public static final double DEFAULT_TX_POWER_DBM0 = -14.0;

  /** Default squelch level (spandsp's fax front end uses −45.5 dBm0 for the fast modems). */
  public static final double DEFAULT_CUTOFF_DBM0 = -45.5;

  public V17Config {
    if (bitRate != 14400 && bitRate != 12000 && bitRate != 9600 && bitRate != 7200) {
      throw new IllegalArgumentException("V.17 has no " + bitRate + " bit/s mode");
    }
  }

  /** Long training at {@code bitRate}, default levels. */
  public static V17Config longTrain(int bitRate) {
    return new V17Config(bitRate, false, DEFAULT_TX_POWER_DBM0, DEFAULT_CUTOFF_DBM0);
  }

  /** Short training at {@code bitRate}, default levels. */
  public static V17Config shortTrain(int bitRate) {
    return new V17Config(bitRate, true, DEFAULT_TX_POWER_DBM0, DEFAULT_CUTOFF_DBM0);
  }

  public V17Config withTxPower(double dbm0) {
    return new V17Config(bitRate, shortTrain, dbm0, carrierCutoffDbm0);
  }

  public V17Config withShortTrain(boolean shortTrain) {
    return new V17Config(bitRate, shortTrain, txPowerDbm0, carrierCutoffDbm0);
  }
}
