package org.faxgw.gateway.line;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.faxgw.gateway.config.FaxLineConfig;

/**
 * The fax lines of the gateway ({@code fax.lines}: so many calls per peer). A call takes a line for
 * its whole length and gives it back when it ends. Thread-safe.
 */
public final class LinePool {
  private final List<Line> lines;

  public LinePool(List<Line> lines) {
    this.lines = List.copyOf(lines);
  }

  /** The lines the config describes, named {@code peer/1}, {@code peer/2}, ... */
  public static LinePool of(FaxLineConfig config) {
    List<Line> out = new ArrayList<>();
    for (FaxLineConfig.LineSpec s : config.lines()) {
      int already = (int) out.stream().filter(l -> l.peer().equals(s.peer())).count();
      for (int i = 1; i <= s.calls(); i++) {
        out.add(
            new Line(
                s.peer() + "/" + (already + i),
                s.peer(),
                s.localId().isEmpty() ? config.localId() : s.localId(),
                s.sends(),
                s.receives()));
      }
    }
    return new LinePool(out);
  }

  public List<Line> lines() {
    return lines;
  }

  public boolean isEmpty() {
    return lines.isEmpty();
  }

  /** A free line that may send, marked busy; empty when every such line is in use. */
  public synchronized Optional<Line> takeForSending() {
    for (Line l : lines) {
      if (l.sends() && !l.busy()) {
        l.busy(true);
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  /**
   * A free receiving line for a call from {@code peer}: one of that peer's lines when it has one
   * free, else (for a caller not named in {@code fax.lines}) any free receiving line.
   */
  public synchronized Optional<Line> takeForReceiving(String peer) {
    boolean peerHasLines = lines.stream().anyMatch(l -> l.receives() && l.peer().equals(peer));
    for (Line l : lines) {
      if (l.receives() && !l.busy() && (!peerHasLines || l.peer().equals(peer))) {
        l.busy(true);
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  /** Gives a line back: idle and free. */
  public synchronized void release(Line l) {
    l.state(LineState.IDLE);
    l.busy(false);
  }

  /** Lines able to send. */
  public long sendingLines() {
    return lines.stream().filter(Line::sends).count();
  }
}
