package org.faxgw.modem;

/**
 * Configuration of a V.21 FSK modem (300 bit/s, ITU-T V.21).
 *
 * @param markHz frequency sent for a binary 1 (V.21 §2: channel 2 1650 Hz, channel 1 980 Hz)
 * @param spaceHz frequency sent for a binary 0 (V.21 §2: channel 2 1850 Hz, channel 1 1180 Hz)
 * @param txLevelDbm0 transmit level in dBm0 (spandsp convention, see {@link Dbm0})
 * @param carrierOnDbm0 receiver: power above which the carrier is declared up
 * @param carrierOffDbm0 receiver: power below which the carrier is declared down
 */
public record V21Config(
    double markHz,
    double spaceHz,
    double txLevelDbm0,
    double carrierOnDbm0,
    double carrierOffDbm0) {

  /** V.21 §1: the modulation rate and data signalling rate, 300 bit/s. */
  public static final int BIT_RATE = 300;

  /** V.21 §2: channel 2 (the one T.30 uses), mark = 1650 Hz. */
  public static final double CHANNEL_2_MARK_HZ = 1650.0;

  /** V.21 §2: channel 2, space = 1850 Hz. */
  public static final double CHANNEL_2_SPACE_HZ = 1850.0;

  /** V.21 §2: channel 1, mark = 980 Hz. */
  public static final double CHANNEL_1_MARK_HZ = 980.0;

  /** V.21 §2: channel 1, space = 1180 Hz. */
  public static final double CHANNEL_1_SPACE_HZ = 1180.0;

  /**
   * Thresholds of V.21's data channel received line signal detector: "on" above −43 dBm, "off"
   * below −48 dBm (taken as dBm0 here).
   */
  public static final double DEFAULT_CARRIER_ON_DBM0 = -43.0;

  public static final double DEFAULT_CARRIER_OFF_DBM0 = -48.0;

  /** A usual fax transmit level (spandsp's fax default is around −14 dBm0). */
  public static final double DEFAULT_TX_LEVEL_DBM0 = -13.0;

  public V21Config {
    if (!(markHz > 0 && markHz < 4000 && spaceHz > 0 && spaceHz < 4000 && markHz != spaceHz)) {
      throw new IllegalArgumentException("mark/space frequencies out of range");
    }
    if (!(carrierOffDbm0 <= carrierOnDbm0)) {
      throw new IllegalArgumentException("carrier off threshold above on threshold");
    }
    if (txLevelDbm0 > Dbm0.FULL_SCALE_SINE_DBM0) {
      throw new IllegalArgumentException("transmit level above full scale");
    }
  }

  /** V.21 channel 2 as T.30 uses it, at the default levels. */
  public static V21Config channel2() {
    return new V21Config(
        CHANNEL_2_MARK_HZ,
        CHANNEL_2_SPACE_HZ,
        DEFAULT_TX_LEVEL_DBM0,
        DEFAULT_CARRIER_ON_DBM0,
        DEFAULT_CARRIER_OFF_DBM0);
  }

  /** V.21 channel 1 at the default levels. */
  public static V21Config channel1() {
    return new V21Config(
        CHANNEL_1_MARK_HZ,
        CHANNEL_1_SPACE_HZ,
        DEFAULT_TX_LEVEL_DBM0,
        DEFAULT_CARRIER_ON_DBM0,
        DEFAULT_CARRIER_OFF_DBM0);
  }

  /** This configuration with another transmit level. */
  public V21Config withTxLevel(double dbm0) {
    return new V21Config(markHz, spaceHz, dbm0, carrierOnDbm0, carrierOffDbm0);
  }

  /** This configuration with other carrier detect thresholds. */
  public V21Config withCarrierThresholds(double onDbm0, double offDbm0) {
    return new V21Config(markHz, spaceHz, txLevelDbm0, onDbm0, offDbm0);
  }
}
