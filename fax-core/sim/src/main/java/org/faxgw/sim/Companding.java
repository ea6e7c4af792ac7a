package org.faxgw.sim;

/** The G.711 coding a simulated line passes its samples through. */
public enum Companding {
  /** 16-bit linear, no companding. */
  NONE,
  /** G.711 A-law encode then decode. */
  ALAW,
  /** G.711 µ-law encode then decode. */
  ULAW
}
