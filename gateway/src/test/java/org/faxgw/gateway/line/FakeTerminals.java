package org.faxgw.gateway.line;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.faxgw.t30.FaxEvent;
import org.faxgw.t30.FaxResult;
import org.faxgw.t30.FaxStatus;
import org.faxgw.t30.FaxTerminal;
import org.faxgw.t30.FaxTerminalConfig;
import org.faxgw.t30.FaxTerminalFactory;
import org.faxgw.t30.FaxTerminalListener;
import org.faxgw.t30.SessionLogSink;
import org.faxgw.t30.SignalRate;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.Resolution;

/**
 * A {@link FaxTerminalFactory} whose terminals follow scripts instead of speaking T.30: one tick
 * negotiates, then each tick confirms (or receives) one page, up to the script's count, then the
 * terminal finishes with the script's status (or waits for the line to drop when {@code
 * waitForHangup}).
 */
public final class FakeTerminals implements FaxTerminalFactory {
  /**
   * @param pages pages confirmed (sender) or received (receiver) before the end; -1 = all (sender)
   * @param status how it ends
   * @param waitForHangup never finish by itself: the far end hangs up
   */
  public record Script(
      int pages,
      FaxStatus status,
      SignalRate rate,
      boolean ecm,
      String remoteId,
      boolean waitForHangup) {
    public static Script ok() {
      return new Script(-1, FaxStatus.OK, SignalRate.V17_14400, true, "+1 555 0100", false);
    }

    public static Script failAfter(int pages, FaxStatus s) {
      return new Script(pages, s, SignalRate.V17_14400, true, "+1 555 0100", false);
    }

    public static Script dropAfter(int pages) {
      return new Script(pages, FaxStatus.OK, SignalRate.V17_14400, true, "+1 555 0100", true);
    }

    public Script at(SignalRate r) {
      return new Script(pages, status, r, ecm, remoteId, waitForHangup);
    }

    public Script withRemoteId(String id) {
      return new Script(pages, status, rate, ecm, id, waitForHangup);
    }
  }

  /** A terminal made, with what it was given. */
  public record Made(FaxTerminalConfig config, List<BilevelPage> pages, Terminal terminal) {}

  private final Deque<Script> senders = new ArrayDeque<>();
  private final Deque<Script> receivers = new ArrayDeque<>();
  public final List<Made> made = new ArrayList<>();

  public void nextSenders(Script... s) {
    senders.addAll(List.of(s));
  }

  public void nextReceivers(Script... s) {
    receivers.addAll(List.of(s));
  }

  @Override
  public FaxTerminal sender(
      FaxTerminalConfig config,
      List<BilevelPage> pages,
      FaxTerminalListener listener,
      SessionLogSink log) {
    Script s = senders.isEmpty() ? Script.ok() : senders.poll();
    Terminal t = new Terminal(s, pages, true, listener, log);
    made.add(new Made(config, List.copyOf(pages), t));
    return t;
  }

  @Override
  public FaxTerminal receiver(
      FaxTerminalConfig config, FaxTerminalListener listener, SessionLogSink log) {
    Script s = receivers.isEmpty() ? Script.ok() : receivers.poll();
    Terminal t = new Terminal(s, List.of(), false, listener, log);
    made.add(new Made(config, List.of(), t));
    return t;
  }

  /** A scripted terminal. */
  public static final class Terminal implements FaxTerminal {
    private final Script script;
    private final List<BilevelPage> pages;
    private final boolean sending;
    private final FaxTerminalListener listener;
    private final SessionLogSink log;
    private long clock;
    private int ticks;
    private int done;
    private FaxResult result;
    public boolean aborted;
    public boolean dropped;

    Terminal(
        Script script,
        List<BilevelPage> pages,
        boolean sending,
        FaxTerminalListener listener,
        SessionLogSink log) {
      this.script = script;
      this.pages = pages;
      this.sending = sending;
      this.listener = listener;
      this.log = log;
    }

    private int target() {
      if (!sending) {
        return Math.max(0, script.pages());
      }
      return script.pages() < 0 ? pages.size() : Math.min(script.pages(), pages.size());
    }

    @Override
    public void receive(short[] samples, int off, int len) {
      clock += len;
      if (result != null) {
        return;
      }
      ticks++;
      if (ticks == 1) {
        log.line(clock, "<-- HDLC<DIS>");
        listener.onEvent(
            new FaxEvent.ParametersNegotiated(
                clock,
                script.rate(),
                FaxCompression.MMR,
                Resolution.FINE,
                script.ecm(),
                256,
                script.remoteId()));
        return;
      }
      if (aborted) {
        finish(FaxStatus.LOCAL_HANGUP);
        return;
      }
      if (done < target()) {
        done++;
        if (sending) {
          listener.onEvent(new FaxEvent.PageSent(clock, done, false));
        } else {
          BilevelPage p = BilevelPage.blank(1728, 100 + done, Resolution.FINE);
          listener.onEvent(
              new FaxEvent.PageReceived(
                  clock, done, p, FaxCompression.MMR, 0, 0, org.faxgw.t30.Fcf.MCF));
        }
        return;
      }
      if (!script.waitForHangup()) {
        finish(script.status());
      }
    }

    private void finish(FaxStatus s) {
      result =
          new FaxResult(
              s,
              "",
              done,
              script.rate(),
              FaxCompression.MMR,
              Resolution.FINE,
              script.ecm(),
              script.remoteId(),
              clock,
              0,
              0);
      listener.onEvent(new FaxEvent.Finished(clock, result));
    }

    @Override
    public void fillIn(int samples) {
      receive(new short[samples], 0, samples);
    }

    @Override
    public void transmit(short[] out, int off, int len) {
      java.util.Arrays.fill(out, off, off + len, (short) 0);
    }

    @Override
    public void abort(boolean immediately) {
      aborted = true;
      if (immediately && result == null) {
        finish(FaxStatus.LOCAL_HANGUP);
      }
    }

    @Override
    public void lineDropped() {
      dropped = true;
      if (result == null) {
        finish(done > 0 || ticks > 0 ? FaxStatus.REMOTE_DISCONNECTED : FaxStatus.NO_RESPONSE);
      }
    }

    @Override
    public boolean isFinished() {
      return result != null;
    }

    @Override
    public FaxResult result() {
      return result;
    }

    @Override
    public long sampleClock() {
      return clock;
    }
  }
}
