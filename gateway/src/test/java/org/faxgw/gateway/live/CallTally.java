package org.faxgw.gateway.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a run of live fax calls: per call whether it completed (both ends agree the page
 * was sent and received) and whether the received page is exact, with its wall time and a note
 * (CommID, reason, where the logs are).
 *
 * @param what the run's name, as printed
 * @param calls every call, by lane and number
 * @param wall wall time of the whole run (lanes in parallel)
 */
record CallTally(String what, List<CallTally.Call> calls, Duration wall) {
  /**
   * One call.
   *
   * @param lane the lane (lab) it ran in
   * @param n its number in the lane, from 1
   * @param completed both ends say the call ended well with every page
   * @param exact the received page equals the reference
   * @param took from submitting the fax to both ends done
   * @param note CommIDs, the reason of a failure, the lab folder
   */
  record Call(int lane, int n, boolean completed, boolean exact, Duration took, String note) {}

  CallTally {
    calls = List.copyOf(calls);
  }

  static CallTally of(String what, List<List<Call>> lanes, Duration wall) {
    List<Call> all = new ArrayList<>();
    lanes.forEach(all::addAll);
    all.sort(Comparator.comparingInt(Call::lane).thenComparingInt(Call::n));
    return new CallTally(what, all, wall);
  }

  long completed() {
    return calls.stream().filter(Call::completed).count();
  }

  /** Calls that completed with the exact page. */
  long exact() {
    return calls.stream().filter(c -> c.completed() && c.exact()).count();
  }

  /** One line: "what: 20/20 completed, 20/20 exact pages, wall 7m12s, per call 41-58 s". */
  String summary() {
    long min = calls.stream().mapToLong(c -> c.took().toSeconds()).min().orElse(0);
    long max = calls.stream().mapToLong(c -> c.took().toSeconds()).max().orElse(0);
    return String.format(
        Locale.ROOT,
        "%s: %d/%d completed, %d/%d exact pages, wall %dm%02ds, per call %d-%d s",
        what,
        completed(),
        calls.size(),
        exact(),
        calls.size(),
        wall.toMinutes(),
        wall.toSecondsPart(),
        min,
        max);
  }

  /** The summary and one line per call. */
  String report() {
    StringBuilder b = new StringBuilder(summary()).append('\n');
    for (Call c : calls) {
      b.append(
          String.format(
              Locale.ROOT,
              "  lane %d call %2d: %s%s %3d s  %s%n",
              c.lane(),
              c.n(),
              c.completed() ? "completed" : "FAILED",
              c.completed() && !c.exact() ? " NOT EXACT" : "",
              c.took().toSeconds(),
              c.note()));
    }
    return b.toString();
  }
}
