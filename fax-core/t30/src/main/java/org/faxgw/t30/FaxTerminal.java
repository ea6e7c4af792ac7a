package org.faxgw.t30;

/**
 * One end of a G3 fax call: T.30 plus the modems, driven by audio blocks. The caller owns the
 * clock: every 20 ms of line time it hands the far end's audio to {@link #receive} (or reports it
 * lost with {@link #fillIn}) and takes our audio from {@link #transmit}. Timers inside count those
 * samples, so a terminal runs as fast as it is driven (back-to-back tests run far faster than real
 * time) and behaves the same on a live line.
 *
 * <p>Blocks are normally {@link #BLOCK} samples (20 ms at 8 kHz, one IAX2 voice frame) but any
 * length works. Samples are 16-bit linear at 8 kHz. The order per tick is: receive (or fillIn),
 * then transmit, for the same length.
 *
 * <p>Not thread-safe: a terminal belongs to the one thread that drives it (the call's media tick).
 * Events go synchronously to the {@link FaxTerminalListener} on that thread.
 *
 * <p>A terminal is created by {@code FaxTerminals} (sender with pages, or receiver) and ends with a
 * {@link FaxEvent.Finished} event; after that {@link #isFinished()} is true, {@link #result()} is
 * set, {@code transmit} gives silence and {@code receive} is ignored.
 */
public interface FaxTerminal {
  /** 20 ms at 8 kHz. */
  int BLOCK = 160;

  /** Hands the terminal {@code len} samples of the far end's audio. */
  void receive(short[] samples, int off, int len);

  /** Reports {@code samples} samples of far-end audio as lost (a gap in the packet stream). */
  void fillIn(int samples);

  /** Fills {@code out[off..off+len)} with our next audio (silence when we are not sending). */
  void transmit(short[] out, int off, int len);

  /**
   * The local side ends the call (cancel, drain timeout): the terminal sends DCN if it can within
   * the next blocks and then finishes with {@link FaxStatus#LOCAL_HANGUP}, or finishes at once when
   * {@code immediately}.
   */
  void abort(boolean immediately);

  /**
   * The line went away (hangup from the far end or the network): the terminal finishes at once,
   * with the pages confirmed so far.
   */
  void lineDropped();

  boolean isFinished();

  /** The outcome, or null while the call goes on. */
  FaxResult result();

  /** Samples handled so far (the terminal's clock). */
  long sampleClock();

  /** Convenience: {@code receive(samples, 0, samples.length)}. */
  default void receive(short[] samples) {
    receive(samples, 0, samples.length);
  }

  /** Convenience: {@code transmit(out, 0, out.length)}. */
  default void transmit(short[] out) {
    transmit(out, 0, out.length);
  }
}
