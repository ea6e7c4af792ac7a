package org.faxgw.t30;

import java.util.List;

/**
 * What a {@link T30Session} asks of its front end (the modems, or a test's script). The seam
 * through which tests inject frames: a session only sees {@link T30Input}s and calls this.
 */
interface T30Io {
  /**
   * Starts {@code program}, replacing whatever is being sent; {@link T30Input.TransmitDone} comes
   * when it has all left (never for a program ending in CNG).
   */
  void transmit(List<TxItem> program);

  /**
   * What to listen for: at once when nothing is being sent (or in observer mode), otherwise when
   * the program now being sent has ended (our receiver is muted while we talk).
   */
  void listen(Listen mode);

  /** True while energy is on the line (a carrier we must not talk over). */
  boolean lineBusy();

  /** The session's clock: samples since the start. */
  long now();
}
