package org.faxgw.t30;

/** The T.30 timers and delays, counted in 8 kHz samples (ARCHITECTURE.md: time is an input). */
final class T30Timers {
  private T30Timers() {}

  /** Samples per second. */
  static final int RATE = 8000;

  /** T.30 5.4.3.1: T1 = 35 s ± 5 s, the time to identify the far terminal (phase B). */
  static final long T1 = 35L * RATE;

  /** T.30 5.4.3.1: T2 = 6 s ± 1 s, waiting for a command (or for phase C after CFR/MCF). */
  static final long T2 = 6L * RATE;

  /** T.30 5.4.3.1: T4 = 3.0 s ± 15 %, waiting for a response before the command is repeated. */
  static final long T4 = 3L * RATE;

  /** T.30 Annex A (A.4.4): T5 = 60 s ± 5 s, the longest RNR/RR exchange before DCN. */
  static final long T5 = 60L * RATE;

  /**
   * After flags were heard, or after a carrier dropped without a valid frame, a timer is restarted
   * with this short delay instead of running out at once (T.30 5.4.3.1 notes on T2/T4; spandsp uses
   * 200 ms): the frame may still be on its way, and the line must be quiet before we talk.
   */
  static final long DROPPED = RATE / 5;

  /**
   * T.30 clause 5, note 3: a V.21 signal is followed by 75 ms ± 20 ms of silence before a signal in
   * another modulation (e.g. between DCS and TCF); we keep the same gap before every burst.
   */
  static final int GAP = 75 * RATE / 1000;

  /** T.30 5.2 (phase A): the called terminal waits at least 0.2 s before sending CED. */
  static final int BEFORE_CED = RATE / 5;

  /**
   * After DCS the image receiver is started when the V.21 carrier has dropped (its tail would start
   * a V.27ter or V.29 training on V.21 tones), or at the latest this long after the frame: well
   * inside the 75 ms gap plus the training that follows.
   */
  static final long TCF_SWITCH = 150 * RATE / 1000;

  /** T.30 5.4.3.3: a command is sent at most three times when no valid response comes. */
  static final int MAX_COMMAND_TRIES = 3;

  /**
   * Our policy beside T.30's three tries: a command whose response was heard but damaged (bad FCS,
   * or CRP) is repeated without counting as one of the three, up to this many repeats in all. On a
   * VoIP path a lost 20 ms block spoils a frame without the far end being gone.
   */
  static final int MAX_REPEATS = 9;

  /** T.30 Annex A (A.4.3): after the fourth PPR for one block the sender sends CTC or EOR. */
  static final int PPR_LIMIT = 4;

  /** How often a page refused with RTN is sent again before giving up (our policy). */
  static final int MAX_PAGE_TRIES = 3;

  /**
   * The longest image burst we accept (our limit, ARCHITECTURE.md rule 7): ten minutes, more than a
   * dense page at 2400 bit/s needs.
   */
  static final long MAX_IMAGE = 600L * RATE;

  /** Trailing quiet after our final DCN so it leaves the line before we finish (spandsp: 1 s). */
  static final int AFTER_DCN = RATE / 2;
}
