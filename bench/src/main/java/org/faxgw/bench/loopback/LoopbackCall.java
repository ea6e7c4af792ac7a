package org.faxgw.bench.loopback;

import java.util.ArrayList;
import java.util.List;
import org.faxgw.sim.LineModel;
import org.faxgw.sim.LineSink;
import org.faxgw.t30.FaxEvent;
import org.faxgw.t30.FaxResult;
import org.faxgw.t30.FaxTerminal;
import org.faxgw.t30.FaxTerminalConfig;
import org.faxgw.t30.FaxTerminalFactory;
import org.faxgw.t30.FaxTerminalListener;
import org.faxgw.t4.BilevelPage;

/**
 * Runs one call between a sending and a receiving terminal back to back. Per 20 ms tick both
 * terminals first hear the other's previous block through their line (or its loss through {@code
 * fillIn}), then transmit. Bounded by {@link #MAX_TICKS}. Belongs to the thread that calls {@link
 * #run}.
 */
public final class LoopbackCall {
  /** At most one hour of line time (T.30 timers end every call far sooner). */
  public static final int MAX_TICKS = 180_000;

  /** One line of either terminal's session log, with the terminal's name. */
  public record LogLine(long atSample, String who, String text) {}

  /**
   * What came of the call.
   *
   * @param sender the sending (calling) terminal's result, null if it never finished
   * @param receiver the receiving (called) terminal's result, null if it never finished
   * @param received the pages the receiver stored, in order
   * @param ladder both session logs merged in sample order
   * @param samples line time the call took, in samples
   * @param lostBlocks blocks lost on the two lines together
   */
  public record Outcome(
      FaxResult sender,
      FaxResult receiver,
      List<BilevelPage> received,
      List<LogLine> ladder,
      long samples,
      long lostBlocks) {

    public boolean success() {
      return sender != null && receiver != null && sender.success() && receiver.success();
    }
  }

  private final FaxTerminalFactory factory;

  public LoopbackCall(FaxTerminalFactory factory) {
    this.factory = factory;
  }

  public Outcome run(
      FaxTerminalConfig senderConfig,
      List<BilevelPage> pages,
      FaxTerminalConfig receiverConfig,
      LoopbackLine line) {
    List<LogLine> ladder = new ArrayList<>();
    List<BilevelPage> received = new ArrayList<>();
    FaxTerminal caller =
        factory.sender(
            senderConfig,
            pages,
            FaxTerminalListener.NONE,
            (t, s) -> ladder.add(new LogLine(t, "caller", s)));
    FaxTerminal answerer =
        factory.receiver(
            receiverConfig,
            e -> {
              if (e instanceof FaxEvent.PageReceived p) {
                received.add(p.page());
              }
            },
            (t, s) -> ladder.add(new LogLine(t, "answerer", s)));
    LineModel toAnswerer = new LineModel(line.callerToAnswerer());
    LineModel toCaller = new LineModel(line.answererToCaller());
    LineSink intoCaller = sink(caller);
    LineSink intoAnswerer = sink(answerer);
    short[] callerOut = new short[FaxTerminal.BLOCK];
    short[] answererOut = new short[FaxTerminal.BLOCK];
    int tick = 0;
    for (; tick < MAX_TICKS && !(caller.isFinished() && answerer.isFinished()); tick++) {
      toCaller.process(answererOut, 0, FaxTerminal.BLOCK, intoCaller);
      toAnswerer.process(callerOut, 0, FaxTerminal.BLOCK, intoAnswerer);
      caller.transmit(callerOut, 0, FaxTerminal.BLOCK);
      answerer.transmit(answererOut, 0, FaxTerminal.BLOCK);
    }
    if (!caller.isFinished()) {
      caller.abort(true);
    }
    if (!answerer.isFinished()) {
      answerer.abort(true);
    }
    // the two logs arrive interleaved per tick; a stable sort keeps each terminal's own order
    ladder.sort((a, b) -> Long.compare(a.atSample(), b.atSample()));
    return new Outcome(
        caller.result(),
        answerer.result(),
        received,
        List.copyOf(ladder),
        (long) tick * FaxTerminal.BLOCK,
        toAnswerer.blocksLost() + toCaller.blocksLost());
  }

  private static LineSink sink(FaxTerminal t) {
    return new LineSink() {
      @Override
      public void accept(short[] samples, int off, int len) {
        t.receive(samples, off, len);
      }

      @Override
      public void lost(int samples) {
        t.fillIn(samples);
      }
    };
  }
}
