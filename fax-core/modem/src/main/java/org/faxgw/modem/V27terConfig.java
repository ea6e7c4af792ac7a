package org.faxgw.modem;

/**
 * Configuration of a V.27ter modem (ITU-T V.27ter: carrier 1800 Hz; 4800 bit/s as 8-phase DPSK at
 * 1600 baud, 2400 bit/s as 4-phase DPSK at 1200 baud). Fax uses the long training sequence only.
 *
 * @param bitRate 4800 or 2400
 * @param transmitLevelDbm0 transmitter level (fax default −14 dBm0)
 * @param carrierOnDbm0 receiver: level at which a carrier is declared present
 * @param carrierOffDbm0 receiver: level under which it is declared lost
 */
public record V27terConfig(
    int bitRate, double transmitLevelDbm0, double carrierOnDbm0, double carrierOffDbm0) {

  public static final double DEFAULT_TRANSMIT_DBM0 = -14.0;

  /** Carrier on threshold: −45.5 dBm0 ± 2.5 dB hysteresis, as fax front ends set it. */
  public static final double DEFAULT_ON_DBM0 = -43.0;

  public static final double DEFAULT_OFF_DBM0 = -48.0;

  public V27terConfig {
    if (bitRate != 4800 && bitRate != 2400) {
      throw new IllegalArgumentException("V.27ter bit rate must be 4800 or 2400: " + bitRate);
    }
    if (carrierOffDbm0 > carrierOnDbm0) {
      throw new IllegalArgumentException("carrier off threshold above on threshold");
    }
  }

  /** The defaults at {@code bitRate}. */
  public static V27terConfig of(int bitRate) {
    return new V27terConfig(bitRate, DEFAULT_TRANSMIT_DBM0, DEFAULT_ON_DBM0, DEFAULT_OFF_DBM0);
  }

  /** This configuration with another transmit level. */
  public V27terConfig withTransmitLevel(double dbm0) {
    return new V27terConfig(bitRate, dbm0, carrierOnDbm0, carrierOffDbm0);
  }

  /** Symbol rate: 1600 baud at 4800 bit/s, 1200 baud at 2400 bit/s (V.27ter 2.1, 2.2). */
  public int baud() {
    return bitRate == 4800 ? 1600 : 1200;
  }

  /** Bits per symbol: 3 or 2. */
  public int bitsPerSymbol() {
    return bitRate == 4800 ? 3 : 2;
  }
}
