package org.faxgw.t30;

import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.Resolution;

/**
 * What a {@link FaxTerminal} reports while a call goes on. Every event carries the terminal's
 * sample clock ({@code atSample}: samples since the terminal started) so a log can say when.
 */
public sealed interface FaxEvent {

  long atSample();

  /** The call entered a phase. */
  record PhaseChanged(long atSample, FaxPhase phase) implements FaxEvent {}

  /** We sent a V.21 HDLC frame. */
  record FrameSent(long atSample, T30Frame frame) implements FaxEvent {}

  /**
   * A V.21 HDLC frame arrived; {@code fcsOk} false for a frame whose FCS failed (it was not acted
   * on).
   */
  record FrameReceived(long atSample, T30Frame frame, boolean fcsOk) implements FaxEvent {}

  /** The parameters of the next phase C, from the DCS sent or received. */
  record ParametersNegotiated(
      long atSample,
      SignalRate rate,
      FaxCompression dataFormat,
      Resolution resolution,
      boolean ecm,
      int ecmFrameSize,
      String remoteId)
      implements FaxEvent {}

  /** Training (TCF) result: for a receiver what it measured; for a sender CFR or FTT heard. */
  record TrainingResult(long atSample, SignalRate rate, boolean ok, String detail)
      implements FaxEvent {}

  /**
   * Sender: the receiver confirmed a page (MCF, or RTP). {@code number} counts from 1 within this
   * call.
   */
  record PageSent(long atSample, int number, boolean retrainRequested) implements FaxEvent {}

  /** Sender: a page was refused (RTN) and will be sent again or the call ends. */
  record PageRejected(long atSample, int number) implements FaxEvent {}

  /**
   * Receiver: a page was stored, repaired where rows were bad. {@code quality} is what we answered
   * (MCF, RTP or RTN).
   */
  record PageReceived(
      long atSample,
      int number,
      BilevelPage page,
      FaxCompression dataFormat,
      int badRows,
      int maxConsecutiveBadRows,
      Fcf answer)
      implements FaxEvent {}

  /** The call ended. The terminal does nothing more after this. */
  record Finished(long atSample, FaxResult result) implements FaxEvent {}
}
