package org.faxgw.iax2;

/** Subclasses of CONTROL (type 4) frames, RFC 5456 section 8.3. */
public enum ControlSubclass {
  HANGUP(1),
  RING(2),
  RINGING(3),
  ANSWER(4),
  BUSY(5),
  CONGESTION(8),
  FLASH_HOOK(9),
  OPTION(11),
  KEY_RADIO(12),
  UNKEY_RADIO(13),
  CALL_PROGRESS(14),
  CALL_PROCEEDING(15),
  HOLD(16),
  UNHOLD(17);

  private final int code;

  ControlSubclass(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /**
   * @return the subclass with this value, or {@code null} when unknown
   */
  public static ControlSubclass of(int code) {
    for (ControlSubclass s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    return null;
  }
}
