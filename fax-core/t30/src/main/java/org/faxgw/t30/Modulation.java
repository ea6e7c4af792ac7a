package org.faxgw.t30;

/** The image (high-speed) modems a G3 fax uses, T.30 Table 2 bits 11-14. */
public enum Modulation {
  V27TER("V.27ter"),
  V29("V.29"),
  V17("V.17"),
  /** V.33 (obsolete in T.30; decoded for completeness, never used by this project). */
  V33("V.33");

  private final String label;

  Modulation(String label) {
    this.label = label;
  }

  /** The ITU-T name, e.g. "V.27ter". */
  public String label() {
    return label;
  }
}
