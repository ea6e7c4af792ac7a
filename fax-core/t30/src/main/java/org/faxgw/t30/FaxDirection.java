package org.faxgw.t30;

/** Which way the pages go for this terminal. */
public enum FaxDirection {
  /** This terminal transmits pages (DCS, TCF, image). */
  SEND,
  /** This terminal receives pages (DIS, CFR/FTT, MCF/RTN/RTP). */
  RECEIVE
}
