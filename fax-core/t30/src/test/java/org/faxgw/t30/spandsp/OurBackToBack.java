package org.faxgw.t30.spandsp;

import java.util.ArrayList;
import java.util.List;
import org.faxgw.sim.LineModel;
import org.faxgw.sim.LineModelConfig;
import org.faxgw.sim.LineSink;
import org.faxgw.t30.FaxEvent;
import org.faxgw.t30.FaxResult;
import org.faxgw.t30.FaxTerminal;
import org.faxgw.t30.FaxTerminalConfig;
import org.faxgw.t30.FaxTerminalFactory;
import org.faxgw.t30.FaxTerminalListener;
import org.faxgw.t30.SessionLogSink;
import org.faxgw.t4.BilevelPage;

/**
 * Two of our terminals back to back in memory, each direction through a {@link LineModel}, in the
 * same tick order as {@code spandsp_fax b2b} (both receive the other's previous block, then both
 * transmit), so that call lengths and loss runs compare one to one. Bounded: 10 minutes of line
 * time.
 */
final class OurBackToBack {
  private OurBackToBack() {}

  static final int MAX_TICKS = 30_000;

  /**
   * Both results and the pages the receiver stored.
   *
   * @param samples the call's length: the later of the two terminals' durations
   */
  record Outcome(FaxResult sender, FaxResult receiver, List<BilevelPage> received, long samples) {
    boolean success(List<BilevelPage> sent) {
      return sender != null
          && receiver != null
          && sender.success()
          && receiver.success()
          && received.equals(sent);
    }
  }

  static Outcome run(
      FaxTerminalFactory factory,
      FaxTerminalConfig senderConfig,
      List<BilevelPage> pages,
      FaxTerminalConfig receiverConfig,
      LineModelConfig senderLine,
      LineModelConfig receiverLine) {
    List<BilevelPage> received = new ArrayList<>();
    FaxTerminal a =
        factory.sender(senderConfig, pages, FaxTerminalListener.NONE, SessionLogSink.NONE);
    FaxTerminal b =
        factory.receiver(
            receiverConfig,
            e -> {
              if (e instanceof FaxEvent.PageReceived p) {
                received.add(p.page());
              }
            },
            SessionLogSink.NONE);
    LineModel aToB = new LineModel(senderLine);
    LineModel bToA = new LineModel(receiverLine);
    short[] aOut = new short[FaxTerminal.BLOCK];
    short[] bOut = new short[FaxTerminal.BLOCK];
    LineSink intoA = sink(a);
    LineSink intoB = sink(b);
    for (int tick = 0; tick < MAX_TICKS && !(a.isFinished() && b.isFinished()); tick++) {
      bToA.process(bOut, 0, FaxTerminal.BLOCK, intoA);
      aToB.process(aOut, 0, FaxTerminal.BLOCK, intoB);
      a.transmit(aOut, 0, FaxTerminal.BLOCK);
      b.transmit(bOut, 0, FaxTerminal.BLOCK);
    }
    FaxResult ra = a.result();
    FaxResult rb = b.result();
    long samples =
        Math.max(
            ra == null ? a.sampleClock() : ra.durationSamples(),
            rb == null ? b.sampleClock() : rb.durationSamples());
    return new Outcome(ra, rb, received, samples);
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
