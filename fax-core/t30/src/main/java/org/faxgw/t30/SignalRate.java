package org.faxgw.t30;

/**
 * The image-phase signalling rates of a G3 fax (T.30 Table 2 bits 11-14), in the order a sender
 * steps down after FTT: V.17 14400, V.17 12000, V.17 9600, V.29 9600, V.17 7200, V.29 7200, V.27ter
 * 4800, V.27ter 2400 (the order T.30 practice and spandsp use across the modem families).
 */
public enum SignalRate {
  V17_14400(Modulation.V17, 14400),
  V17_12000(Modulation.V17, 12000),
  V17_9600(Modulation.V17, 9600),
  V29_9600(Modulation.V29, 9600),
  V17_7200(Modulation.V17, 7200),
  V29_7200(Modulation.V29, 7200),
  V27TER_4800(Modulation.V27TER, 4800),
  V27TER_2400(Modulation.V27TER, 2400);

  private final Modulation modulation;
  private final int bitsPerSecond;

  SignalRate(Modulation modulation, int bitsPerSecond) {
    this.modulation = modulation;
    this.bitsPerSecond = bitsPerSecond;
  }

  public Modulation modulation() {
    return modulation;
  }

  public int bitsPerSecond() {
    return bitsPerSecond;
  }

  /** HylaFAX's wording, e.g. "14400 bit/s" with the modem, as in "V.17 14400 bit/s". */
  public String label() {
    return modulation.label() + " " + bitsPerSecond + " bit/s";
  }
}
