package org.faxgw.t30;

/** What the front end reports to a {@link T30Session}. */
sealed interface T30Input {
  /** A V.21 HDLC frame; {@code fcsOk} false for a damaged one (then it is not acted on). */
  record Frame(T30Frame frame, boolean fcsOk) implements T30Input {}

  /** A V.21 frame too short to be a T.30 frame, or with a bad FCS. */
  record BadFrame() implements T30Input {}

  /** V.21 flags were recognised (a frame is on its way). */
  record FlagsSeen() implements T30Input {}

  /** The V.21 carrier dropped. */
  record V21CarrierDown() implements T30Input {}

  /** The program given to {@link T30Io#transmit} has been sent. */
  record TransmitDone() implements T30Input {}

  /** The image modem trained: data follow. */
  record ImageTrained() implements T30Input {}

  /** The image modem saw a carrier but could not train. */
  record ImageTrainingFailed(String reason) implements T30Input {}

  /** The image carrier ended (after training). */
  record ImageCarrierDown() implements T30Input {}

  /**
   * TCF measured at the end of its carrier; {@code trained} false when the image modem could not
   * even train on it (then there were no bits to count).
   */
  record TcfMeasured(boolean ok, String detail, boolean trained) implements T30Input {
    TcfMeasured(boolean ok, String detail) {
      this(ok, detail, true);
    }
  }

  /** An HDLC frame of an ECM burst (FCD, RCP), with a good FCS. */
  record ImageFrame(T30Frame frame) implements T30Input {}

  /** A connect tone was recognised (CED or CNG). */
  record ToneHeard(String tone) implements T30Input {}

  /** Time passed (the front end reports it after every block). */
  record Tick() implements T30Input {}

  /** A timer of the session ran out (raised by the session itself on a {@link Tick}). */
  record Timeout(String timer) implements T30Input {}
}
