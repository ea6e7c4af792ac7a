package org.faxgw.t30.spandsp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.faxgw.t30.FaxEvent;
import org.faxgw.t30.FaxResult;
import org.faxgw.t30.FaxTerminal;
import org.faxgw.t30.FaxTerminalConfig;
import org.faxgw.t30.FaxTerminalFactory;
import org.faxgw.t4.BilevelPage;

/**
 * One call between our {@link FaxTerminal} and libspandsp's terminal through pipes, in lock step:
 * per 20 ms tick ours receives spandsp's previous block and transmits; spandsp receives that and
 * transmits its block. Bounded: 10 minutes of line time; after ours finishes, up to 3 s more so
 * spandsp hears the end of the call.
 */
public final class FarMachineCall {
  private FarMachineCall() {}

  /** Line time a call may take at most (10 minutes of 20 ms ticks). */
  static final int MAX_TICKS = 30_000;

  /** Ticks spandsp gets after ours finished (3 s). */
  static final int GRACE_TICKS = 150;

  /**
   * What both ends reported.
   *
   * @param ours our terminal's result (null if it never finished)
   * @param theirs spandsp's result
   * @param received pages our terminal stored (when it received)
   * @param events every event our terminal reported
   * @param log our session log
   * @param spandspLog spandsp's standard error (its log when asked for)
   */
  public record Outcome(
      FaxResult ours,
      SpandspFaxResult theirs,
      List<BilevelPage> received,
      List<FaxEvent> events,
      List<String> log,
      String spandspLog) {

    /** Our ladder and spandsp's log, for assertion messages. */
    public String describe() {
      return "ours: "
          + ours
          + "\nspandsp: "
          + theirs
          + "\n"
          + String.join("\n", log)
          + "\n"
          + spandspLog;
    }
  }

  /**
   * Runs the call: ours sends {@code pages} (config direction SEND) or receives (RECEIVE, pages
   * null); spandsp runs as {@code spandsp}.
   */
  public static Outcome run(
      FaxTerminalFactory factory,
      FaxTerminalConfig config,
      List<BilevelPage> pages,
      SpandspFaxSpec spandsp,
      Path dir,
      String name)
      throws IOException, InterruptedException {
    List<FaxEvent> events = new ArrayList<>();
    List<BilevelPage> received = new ArrayList<>();
    List<String> log = new ArrayList<>();
    FaxTerminal ours =
        pages == null
            ? factory.receiver(
                config,
                e -> record(e, events, received),
                (t, s) -> log.add(String.format("%8d %s", t, s)))
            : factory.sender(
                config,
                pages,
                e -> record(e, events, received),
                (t, s) -> log.add(String.format("%8d %s", t, s)));
    short[] out = new short[FaxTerminal.BLOCK];
    short[] in = new short[FaxTerminal.BLOCK];
    SpandspFaxResult theirs;
    String spandspLog;
    try (SpandspFax far = SpandspFax.start(spandsp, dir, name)) {
      int after = 0;
      for (int tick = 0; tick < MAX_TICKS && after < GRACE_TICKS; tick++) {
        ours.receive(in, 0, FaxTerminal.BLOCK);
        ours.transmit(out, 0, FaxTerminal.BLOCK);
        System.arraycopy(far.exchange(out), 0, in, 0, FaxTerminal.BLOCK);
        if (ours.isFinished()) {
          after++;
          if (after % 25 == 0 && far.reachedPhaseE()) {
            break;
          }
        }
      }
      theirs = far.finish();
      spandspLog = far.log();
    }
    return new Outcome(ours.result(), theirs, received, events, log, spandspLog);
  }

  private static void record(FaxEvent e, List<FaxEvent> events, List<BilevelPage> received) {
    events.add(e);
    if (e instanceof FaxEvent.PageReceived p) {
      received.add(p.page());
    }
  }
}
