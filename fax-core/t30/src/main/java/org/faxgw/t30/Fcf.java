package org.faxgw.t30;

/**
 * Facsimile control field values, T.30 Table 5 (and T.4 Annex A for the ECM information frames FCD
 * and RCP), as the octet received from HDLC: bits are sent least significant first, so the octet is
 * the bit-reversal of the pattern printed in T.30 (T.30 "0000 0001" = DIS = 0x80).
 *
 * <p>Most FCFs carry the X bit (T.30 5.3.6.1) in their first transmitted bit, the octet's least
 * significant bit: it is 1 in frames from the station that received a valid DIS. The initial
 * identification and polling signals (DIS, CSI, NSF, DTC, CIG, NSC, PWD, SEP, PSA, CIA, ISP) use
 * that bit to tell themselves apart instead, so they match exactly.
 */
public enum Fcf {
  // T.30 Table 5, initial identification, called to calling terminal
  DIS(0x80, false, "digital identification signal"),
  CSI(0x40, false, "called subscriber identification"),
  NSF(0x20, false, "non-standard facilities"),
  // commands to send (polling)
  DTC(0x81, false, "digital transmit command"),
  CIG(0x41, false, "calling subscriber identification"),
  NSC(0x21, false, "non-standard facilities command"),
  PWD(0xC1, false, "password"),
  SEP(0xA1, false, "selective polling"),
  PSA(0x61, false, "polled subaddress"),
  CIA(0xE1, false, "calling subscriber internet address"),
  ISP(0x11, false, "internet selective polling address"),
  // commands to receive
  DCS(0x82, true, "digital command signal"),
  TSI(0x42, true, "transmitting subscriber identification"),
  NSS(0x22, true, "non-standard facilities set-up"),
  SUB(0xC2, true, "subaddress"),
  SID(0xA2, true, "sender identification"),
  CTC(0x12, true, "continue to correct"),
  TSA(0x62, true, "transmitting subscriber internet address"),
  IRA(0xE2, true, "internet routing address"),
  // pre-message responses
  CFR(0x84, true, "confirmation to receive"),
  FTT(0x44, true, "failure to train"),
  CTR(0xC4, true, "response for continue to correct"),
  CSA(0x24, true, "called subscriber internet address"),
  // post-message commands
  EOM(0x8E, true, "end of message"),
  MPS(0x4E, true, "multipage signal"),
  EOP(0x2E, true, "end of procedure"),
  PRI_EOM(0x9E, true, "procedure interrupt - end of message"),
  PRI_MPS(0x5E, true, "procedure interrupt - multipage signal"),
  PRI_EOP(0x3E, true, "procedure interrupt - end of procedure"),
  EOS(0x1E, true, "end of selection"),
  PPS(0xBE, true, "partial page signal"),
  EOR(0xCE, true, "end of retransmission"),
  RR(0x6E, true, "receive ready"),
  // post-message responses
  MCF(0x8C, true, "message confirmation"),
  RTP(0xCC, true, "retrain positive"),
  RTN(0x4C, true, "retrain negative"),
  PIP(0xAC, true, "procedure interrupt positive"),
  PIN(0x2C, true, "procedure interrupt negative"),
  PPR(0xBC, true, "partial page request"),
  RNR(0xEC, true, "receive not ready"),
  ERR(0x1C, true, "response for end of retransmission"),
  FDM(0xFC, true, "file diagnostics message"),
  // other line control signals
  DCN(0xFA, true, "disconnect"),
  CRP(0x1A, true, "command repeat"),
  FNV(0xCA, true, "field not valid"),
  TNR(0xEA, true, "transmit not ready"),
  TR(0x6A, true, "transmit ready"),
  PID(0x6C, true, "procedure interrupt disconnect"),
  // T.4 Annex A: information frames of ECM, sent on the image modem (no X bit)
  FCD(0x06, false, "facsimile coded data"),
  RCP(0x86, false, "return to control for partial page");

  private static final Fcf[] BY_OCTET = new Fcf[256];

  static {
    for (Fcf f : values()) {
      put(f.code, f);
      if (f.xBit) {
        put(f.code | 1, f);
      }
    }
  }

  private static void put(int octet, Fcf f) {
    if (BY_OCTET[octet] != null) {
      throw new IllegalStateException(f + " and " + BY_OCTET[octet] + " share octet " + octet);
    }
    BY_OCTET[octet] = f;
  }

  private final int code;
  private final boolean xBit;
  private final String meaning;

  Fcf(int code, boolean xBit, String meaning) {
    this.code = code;
    this.xBit = xBit;
    this.meaning = meaning;
  }

  /** The octet with the X bit clear. */
  public int code() {
    return code;
  }

  /** True when this FCF carries the X bit in its least significant bit. */
  public boolean hasXBit() {
    return xBit;
  }

  /** The T.30 name in words, e.g. "digital command signal". */
  public String meaning() {
    return meaning;
  }

  /** The octet to send, with the X bit set if {@code x} and this FCF has one. */
  public int octet(boolean x) {
    return xBit && x ? code | 1 : code;
  }

  /**
   * @return the FCF of this received octet, or {@code null} when T.30 Table 5 defines none
   */
  public static Fcf of(int octet) {
    return BY_OCTET[octet & 0xFF];
  }

  /** The name of a post-page FCF2 in a PPS (T.30 A.4.1): NULL (0x00) or an FCF name. */
  public static String fcf2Name(int octet) {
    if ((octet & 0xFE) == 0) {
      return "NULL";
    }
    Fcf f = of(octet);
    return f == null ? String.format("0x%02X", octet & 0xFF) : f.name();
  }
}
