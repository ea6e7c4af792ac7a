package org.faxgw.t30;

/** What the front end listens for on the line. */
sealed interface Listen {
  /** Nothing: the receivers are idle. */
  record Nothing() implements Listen {}

  /** V.21 channel 2 HDLC frames only. */
  record V21() implements Listen {}

  /**
   * The image modem at {@code rate} or V.21 (T.30 5.3.3: after a response, a command or the image
   * may come), whichever locks first.
   *
   * @param purpose what the image bits are for
   * @param longTrain true when the far end will send the long training (TCF, first burst after
   *     CTC); otherwise V.17 expects the short training after a good one
   */
  record Fast(SignalRate rate, Purpose purpose, boolean longTrain) implements Listen {}

  enum Purpose {
    /** The training check: counted by {@link TcfChecker}. */
    TCF,
    /** A non-ECM page: a T.4 bit stream. */
    PAGE,
    /** An ECM partial page: HDLC frames. */
    ECM
  }

  Listen NOTHING = new Nothing();
  Listen V21 = new V21();
}
