package org.faxgw.iax2;

/** IAX2 full-frame types, RFC 5456 section 8.2 (IANA "IAX Frame Types"). */
public enum FrameType {
  DTMF_END(1),
  VOICE(2),
  VIDEO(3),
  CONTROL(4),
  NULL(5),
  IAX(6),
  TEXT(7),
  IMAGE(8),
  HTML(9),
  CNG(10),
  MODEM(11),
  DTMF_BEGIN(12);

  private final int code;

  FrameType(int code) {
    this.code = code;
  }

  /** The value of the frame-type octet. */
  public int code() {
    return code;
  }

  /**
   * @return the type with this octet value, or {@code null} for a value RFC 5456 does not define
   */
  public static FrameType of(int code) {
    for (FrameType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
