package org.faxgw.queue;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The state of a fax job, as HylaFAX's job states (faxstat's {@code %a} letter), plus {@link
 * #RENDERING} for the documents being turned into fax pages after the job was accepted.
 */
public enum JobState {
  /** Documents being converted to fax pages (HylaFAX does this before queueing; ours is async). */
  RENDERING('C'),
  /** Waiting for its time to send. */
  PENDING('P'),
  /** Waiting to retry after a failed call. */
  SLEEPING('S'),
  /** Waiting because another job to the same number is being sent. */
  BLOCKED('B'),
  /**
   * Held by its owner (HylaFAX's JSUSP, faxalter's job suspension): never dispatched, nor failed by
   * its kill time, until it is submitted again.
   */
  SUSPENDED('T'),
  /** Ready to go, waiting for a fax line (HylaFAX: waiting for modem). */
  READY('W'),
  /** Being sent now. */
  ACTIVE('R'),
  /** Sent. */
  DONE('D'),
  /** Ended without being sent; the status says why. */
  FAILED('F');

  /** States of the send queue (faxstat -s). */
  public static final Set<JobState> SEND_QUEUE =
      EnumSet.of(RENDERING, PENDING, SLEEPING, BLOCKED, SUSPENDED, READY, ACTIVE);

  /** States of the done queue (faxstat -d). */
  public static final Set<JobState> DONE_QUEUE = EnumSet.of(DONE, FAILED);

  private final char code;

  JobState(char code) {
    this.code = code;
  }

  /** The one-letter code faxstat shows in its S column. */
  public char code() {
    return code;
  }

  public boolean isTerminal() {
    return this == DONE || this == FAILED;
  }

  /** The lower-case name used in files and JSON. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static JobState ofLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
