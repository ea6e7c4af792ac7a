package org.faxgw.gateway.events;

import org.faxgw.queue.FaxJob;

/** One thing that happened: a job written, a line's state changed, a fax received. */
public sealed interface GatewayEvent {
  /**
   * A job as just written.
   *
   * @param job the job now
   * @param before the job before the write, or null when it was just created
   * @param kind what the write was
   */
  record JobChanged(FaxJob job, FaxJob before, Kind kind) implements GatewayEvent {
    /** What kind of write. */
    public enum Kind {
      SUBMITTED,
      UPDATED,
      /** a call's progress written under its lease */
      CHECKPOINT,
      /** a call ended: its lease released */
      CALL_ENDED,
      REMOVED
    }
  }

  /** A fax line's state text changed (e.g. idle, dialing, sending page 2/3). */
  record LineChanged(String line, String state) implements GatewayEvent {}

  /**
   * A fax appeared in the receive queue (by a line or {@code faxgw faxrcvd}).
   *
   * @param commId its CommID
   * @param pages its pages, -1 when unknown
   */
  record FaxReceived(String commId, int pages) implements GatewayEvent {}
}
