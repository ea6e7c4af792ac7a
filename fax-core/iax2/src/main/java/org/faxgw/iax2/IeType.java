package org.faxgw.iax2;

/**
 * Information element identifiers, RFC 5456 section 8.6 (IANA "IAX Information Element"), with the
 * shape of their value so that a decoder can print them.
 */
public enum IeType {
  CALLED_NUMBER(1, Kind.STRING),
  CALLING_NUMBER(2, Kind.STRING),
  CALLING_ANI(3, Kind.STRING),
  CALLING_NAME(4, Kind.STRING),
  CALLED_CONTEXT(5, Kind.STRING),
  USERNAME(6, Kind.STRING),
  PASSWORD(7, Kind.STRING),
  CAPABILITY(8, Kind.UNSIGNED),
  FORMAT(9, Kind.UNSIGNED),
  LANGUAGE(10, Kind.STRING),
  VERSION(11, Kind.UNSIGNED),
  ADSICPE(12, Kind.UNSIGNED),
  DNID(13, Kind.STRING),
  AUTHMETHODS(14, Kind.UNSIGNED),
  CHALLENGE(15, Kind.STRING),
  MD5_RESULT(16, Kind.STRING),
  RSA_RESULT(17, Kind.STRING),
  APPARENT_ADDR(18, Kind.BYTES),
  REFRESH(19, Kind.UNSIGNED),
  DPSTATUS(20, Kind.UNSIGNED),
  CALLNO(21, Kind.UNSIGNED),
  CAUSE(22, Kind.STRING),
  IAX_UNKNOWN(23, Kind.UNSIGNED),
  MSGCOUNT(24, Kind.UNSIGNED),
  AUTOANSWER(25, Kind.BYTES),
  MUSICONHOLD(26, Kind.BYTES),
  TRANSFERID(27, Kind.UNSIGNED),
  RDNIS(28, Kind.STRING),
  DATETIME(31, Kind.UNSIGNED),
  DEVICETYPE(32, Kind.STRING),
  SERVICEIDENT(33, Kind.STRING),
  FIRMWAREVER(34, Kind.UNSIGNED),
  FWBLOCKDESC(35, Kind.UNSIGNED),
  FWBLOCKDATA(36, Kind.BYTES),
  PROVVER(37, Kind.UNSIGNED),
  CALLINGPRES(38, Kind.UNSIGNED),
  CALLINGTON(39, Kind.UNSIGNED),
  CALLINGTNS(40, Kind.UNSIGNED),
  SAMPLINGRATE(41, Kind.UNSIGNED),
  CAUSECODE(42, Kind.UNSIGNED),
  ENCRYPTION(43, Kind.UNSIGNED),
  ENCKEY(44, Kind.BYTES),
  CODEC_PREFS(45, Kind.STRING),
  RR_JITTER(46, Kind.UNSIGNED),
  RR_LOSS(47, Kind.UNSIGNED),
  RR_PKTS(48, Kind.UNSIGNED),
  RR_DELAY(49, Kind.UNSIGNED),
  RR_DROPPED(50, Kind.UNSIGNED),
  RR_OOO(51, Kind.UNSIGNED),
  VARIABLE(52, Kind.BYTES),
  OSPTOKEN(53, Kind.BYTES),
  CALLTOKEN(54, Kind.BYTES),
  CAPABILITY2(55, Kind.BYTES),
  FORMAT2(56, Kind.BYTES);

  /** How the value octets are read. */
  public enum Kind {
    STRING,
    UNSIGNED,
    BYTES
  }

  private final int code;
  private final Kind kind;

  IeType(int code, Kind kind) {
    this.code = code;
    this.kind = kind;
  }

  public int code() {
    return code;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * @return the element with this identifier, or {@code null} when unknown (unknown elements are
   *     kept and skipped by length, RFC 5456 8.6)
   */
  public static IeType of(int code) {
    for (IeType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
