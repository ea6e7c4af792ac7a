package org.faxgw.modem;

/**
 * Configuration of a V.29 modem (ITU-T V.29: 2400 baud, carrier 1700 Hz, 9600/7200/4800 bit/s).
 *
 * @param bitRate 9600, 7200 or 4800
 * @param transmitLevelDbm0 transmitter level of the data signal (fax default −14 dBm0)
 * @param carrierOnDbm0 receiver: level at which a carrier is declared present
 * @param carrierOffDbm0 receiver: level under which it is declared lost
 */
public record V29Config(
    int bitRate, double transmitLevelDbm0, double carrierOnDbm0, double carrierOffDbm0) {

  /** Default transmit level of fax modems (spandsp uses −14 dBm0). */
  public static final double DEFAULT_TRANSMIT_DBM0 = -14.0;

  /** Carrier on threshold: −45.5 dBm0 ± 2.5 dB hysteresis, as fax front ends set it. */
  public static final double DEFAULT_ON_DBM0 = -43.0;

  public static final double DEFAULT_OFF_DBM0 = -48.0;

  public V29Config {
    if (bitRate != 9600 && bitRate != 7200 && bitRate != 4800) {
      throw new IllegalArgumentException("V.29 bit rate must be 9600, 7200 or 4800: " + bitRate);
    }
    if (carrierOffDbm0 > carrierOnDbm0) {
      throw new IllegalArgumentException("carrier off threshold above on threshold");
    }
  }

  /** The defaults at {@code bitRate}. */
  public static V29Config of(int bitRate) {
    return new V29Config(bitRate, DEFAULT_TRANSMIT_DBM0, DEFAULT_ON_DBM0, DEFAULT_OFF_DBM0);
  }

  /** This configuration with another transmit level. */
  public V29Config withTransmitLevel(double dbm0) {
    return new V29Config(bitRate, dbm0, carrierOnDbm0, carrierOffDbm0);
  }

  /** Data bits per symbol. */
  public int bitsPerSymbol() {
    return bitRate / V29Signal.BAUD;
  }
}
