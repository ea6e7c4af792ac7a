package org.faxgw.gateway.line;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.faxgw.gateway.config.FaxLineConfig;

/**
 * The fax lines of the gateway ({@code fax.lines}: so many calls per peer). A call takes a line for
 * its whole length and gives it back when it ends. A reload {@link #replace replaces} the lines: a
 * line that is gone or changed takes no new call, and leaves the pool when its call ends.
 * Thread-safe.
 */
public final class LinePool {
  private volatile List<Line> lines; // replaced whole, under the pool's lock

  public LinePool(List<Line> lines) {
    this.lines = List.copyOf(lines);
  }

  /** The lines the config describes, named {@code peer/1}, {@code peer/2}, ... */
  public static LinePool of(FaxLineConfig config) {
    return new LinePool(linesOf(config));
  }

  private static List<Line> linesOf(FaxLineConfig config) {
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
    return out;
  }

  /**
   * Puts the lines of {@code config} in force. A line whose name, peer, direction and station id
   * stay keeps its state and its call; a line that is gone or changed takes no new call, keeps a
   * call in progress, and leaves when that call ends.
   *
   * @return what changed, e.g. {@code added pbx/2; retired old/1 (call in progress)}, or empty
   */
  public synchronized String replace(FaxLineConfig config) {
    List<Line> next = new ArrayList<>();
    List<String> said = new ArrayList<>();
    for (Line wanted : linesOf(config)) {
      Line same =
          lines.stream().filter(l -> !l.retired() && l.sameAs(wanted)).findFirst().orElse(null);
      next.add(same != null ? same : wanted);
      if (same == null) {
        said.add("added " + wanted.name());
      }
    }
    for (Line l : lines) {
      if (next.contains(l)) {
        continue;
      }
      if (l.busy()) {
        if (!l.retired()) {
          l.retire();
          said.add("retired " + l.name() + " (after its call in progress)");
        }
        next.add(l);
      } else if (!l.retired()) {
        said.add("removed " + l.name());
      }
    }
    lines = List.copyOf(next);
    return String.join("; ", said);
  }

  /** The lines, as they are now (a live view: a reload shows in it). */
  public List<Line> lines() {
    return view;
  }

  private final List<Line> view =
      new AbstractList<>() {
        @Override
        public Line get(int index) {
          return lines.get(index);
        }

        @Override
        public int size() {
          return lines.size();
        }
      };

  public boolean isEmpty() {
    return lines.isEmpty();
  }

  /** A free line that may send, marked busy; empty when every such line is in use. */
  public synchronized Optional<Line> takeForSending() {
    for (Line l : lines) {
      if (l.sends() && free(l)) {
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
    boolean peerHasLines =
        lines.stream().anyMatch(l -> l.receives() && !l.retired() && l.peer().equals(peer));
    for (Line l : lines) {
      if (l.receives() && !l.busy() && !l.retired() && (!peerHasLines || l.peer().equals(peer))) {
        l.busy(true);
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  /**
   * Free for a new call: not busy, not retired, and not the new version of a changed line whose old
   * version still has its call (the peer gets no more calls at once than configured).
   */
  private boolean free(Line l) {
    if (l.busy() || l.retired()) {
      return false;
    }
    for (Line o : lines) {
      if (o.retired() && o.name().equals(l.name())) {
        return false;
      }
    }
    return true;
  }

  /** Gives a line back: idle and free. */
  public synchronized void release(Line l) {
    l.state(LineState.IDLE);
    l.call(0, "");
    l.busy(false);
    if (l.retired()) {
      List<Line> next = new ArrayList<>(lines);
      next.remove(l);
      lines = List.copyOf(next);
    }
  }

  /** Lines able to send (retired ones not counted). */
  public long sendingLines() {
    return lines.stream().filter(l -> l.sends() && !l.retired()).count();
  }
}
