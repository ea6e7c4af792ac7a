package org.faxgw.modem;

/** Receives what an {@link HdlcDecoder} finds in the bit stream. */
public interface HdlcListener {
  /**
   * A frame ended by a closing flag.
   *
   * @param frame the octets between the flags without the two FCS octets (address, control, FCF,
   *     FIF…), a fresh array the listener may keep
   * @param fcsOk true when the FCS checked (ISO 3309); false for a bad FCS, a frame that is not a
   *     whole number of octets, or one too long (then {@code frame} holds the octets kept)
   */
  void onFrame(byte[] frame, boolean fcsOk);

  /**
   * The preamble was recognised: the configured number of consecutive flags (T.30 5.3.1), or a good
   * frame, since the start or the last abort/reset. Reported once per such run.
   */
  default void onFramingOk() {}

  /** Seven or more consecutive ones inside a frame (ISO 3309 abort): the frame is dropped. */
  default void onAbort() {}
}
