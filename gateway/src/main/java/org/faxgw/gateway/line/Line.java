package org.faxgw.gateway.line;

import java.util.Objects;

/**
 * One fax line: one call at a time on one IAX2 peer (HylaFAX's modem). Its state is written by the
 * call on it (from the call's event loop) and read by the admin API, hence volatile.
 */
public final class Line {
  private final String name;
  private final String peer;
  private final String localId;
  private final boolean sends;
  private final boolean receives;
  private volatile LineState state = LineState.IDLE;
  private boolean busy; // guarded by the LinePool
  private volatile boolean retired; // set under the LinePool's lock; read by the admin API
  private volatile long jobId; // the job its call sends, 0 for none
  private volatile String commId = ""; // its call's CommID, empty for none

  public Line(String name, String peer, String localId, boolean sends, boolean receives) {
    this.name = Objects.requireNonNull(name);
    this.peer = Objects.requireNonNull(peer);
    this.localId = Objects.requireNonNullElse(localId, "");
    this.sends = sends;
    this.receives = receives;
  }

  /** e.g. {@code pbx/1}: the peer and the line's number on it. */
  public String name() {
    return name;
  }

  public String peer() {
    return peer;
  }

  /** TSI/CSI configured for this line, empty for the gateway's. */
  public String localId() {
    return localId;
  }

  public boolean sends() {
    return sends;
  }

  public boolean receives() {
    return receives;
  }

  public LineState state() {
    return state;
  }

  public void state(LineState s) {
    this.state = Objects.requireNonNull(s);
  }

  /** The job its call sends, 0 when idle or receiving. */
  public long jobId() {
    return jobId;
  }

  /** The CommID of its call, empty when idle or not yet known. */
  public String commId() {
    return commId;
  }

  /** The call on it: job (0 for a received call) and CommID; (0, "") when it falls free. */
  public void call(long job, String id) {
    this.jobId = job;
    this.commId = Objects.requireNonNullElse(id, "");
  }

  /** Gone from {@code fax.lines} by a reload: takes no new call, leaves when its call ends. */
  public boolean retired() {
    return retired;
  }

  void retire() {
    retired = true;
  }

  /** Same name, peer, station id and direction. */
  boolean sameAs(Line o) {
    return name.equals(o.name)
        && peer.equals(o.peer)
        && localId.equals(o.localId)
        && sends == o.sends
        && receives == o.receives;
  }

  boolean busy() {
    return busy;
  }

  void busy(boolean b) {
    this.busy = b;
  }
}
