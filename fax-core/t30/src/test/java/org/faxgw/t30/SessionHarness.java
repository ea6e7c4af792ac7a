package org.faxgw.t30;

import java.util.ArrayList;
import java.util.List;
import org.faxgw.t4.BilevelPage;

/**
 * Drives a {@link T30Session} at the frame level through its {@link T30Io} seam: what the session
 * transmits is recorded and "sent" in the time it would take on the line; the test injects the far
 * end's frames and modem reports, and advances time in 20 ms ticks.
 */
final class SessionHarness implements T30Io {
  final T30Session session;
  final List<FaxEvent> events = new ArrayList<>();
  final List<String> log = new ArrayList<>();

  /** Every V.21 frame the session transmitted, repeats included, in order. */
  final List<T30Frame> sent = new ArrayList<>();

  /** Every ECM burst: the FCD frame numbers it carried. */
  final List<List<Integer>> bursts = new ArrayList<>();

  /** Every image-modem burst: its rate and whether it used the short training. */
  final List<String> trainings = new ArrayList<>();

  final List<Listen> listens = new ArrayList<>();
  boolean busy;
  private long clock;
  private long txEnd = -1;

  SessionHarness(FaxTerminalConfig config, List<BilevelPage> pages) {
    session =
        new T30Session(
            config,
            pages,
            this,
            events::add,
            (t, s) -> log.add(String.format("%8.2f %s", t / 8000.0, s)));
    session.start();
  }

  static SessionHarness sender(List<BilevelPage> pages, Capabilities caps) {
    return new SessionHarness(FaxTerminalConfig.sender("+1 555 0100", caps), pages);
  }

  static SessionHarness receiver(Capabilities caps) {
    return new SessionHarness(FaxTerminalConfig.receiver("+1 555 0101", caps), List.of());
  }

  @Override
  public void transmit(List<TxItem> program) {
    long samples = 0;
    boolean endless = false;
    for (TxItem i : program) {
      if (i instanceof TxItem.Silence s) {
        samples += s.samples();
      } else if (i instanceof TxItem.Ced) {
        samples += 24000;
      } else if (i instanceof TxItem.Cng) {
        endless = true;
      } else if (i instanceof TxItem.V21Frames v) {
        sent.addAll(v.frames());
        long bits = 38 * 8;
        for (T30Frame f : v.frames()) {
          bits += (f.length() + 3) * 8L;
        }
        samples += bits * 8000 / 300;
      } else if (i instanceof TxItem.Tcf t) {
        trainings.add(t.rate() + " long TCF");
        samples += 3 * 8000;
      } else if (i instanceof TxItem.Image im) {
        trainings.add(im.rate() + (im.shortTrain() ? " short" : " long"));
        samples += 8000 + im.data().length * 8L * 8000 / im.rate().bitsPerSecond();
      } else if (i instanceof TxItem.ImageFrames f) {
        trainings.add(f.rate() + (f.shortTrain() ? " short" : " long"));
        List<Integer> numbers = new ArrayList<>();
        long bits = 0;
        for (T30Frame fr : f.frames()) {
          if (fr.fcf() == Fcf.FCD) {
            numbers.add(fr.octets()[3] & 0xFF);
          }
          bits += (fr.length() + 3) * 8L;
        }
        bursts.add(numbers);
        samples += 8000 + bits * 8000 / f.rate().bitsPerSecond();
      }
    }
    txEnd = program.isEmpty() || endless ? -1 : clock + samples;
  }

  @Override
  public void listen(Listen mode) {
    listens.add(mode);
  }

  @Override
  public boolean lineBusy() {
    return busy;
  }

  @Override
  public long now() {
    return clock;
  }

  /** Lets {@code seconds} of line time pass (stops early when the session ends). */
  SessionHarness advance(double seconds) {
    long until = clock + Math.round(seconds * 8000);
    while (clock < until && !session.isFinished()) {
      clock += 160;
      if (txEnd >= 0 && clock >= txEnd) {
        txEnd = -1;
        session.on(new T30Input.TransmitDone());
      }
      session.on(new T30Input.Tick());
    }
    return this;
  }

  /** Lets the program being sent finish (and a little more: 100 ms). */
  SessionHarness sendOut() {
    int guard = 0;
    while (txEnd >= 0 && !session.isFinished() && guard++ < 100_000) {
      advance(0.02);
    }
    return advance(0.1);
  }

  /** Injects a far-end frame (final, X bit as the far end would set it). */
  SessionHarness frame(Fcf fcf, byte... fif) {
    boolean farX = session.config.role() == FaxRole.CALLED; // the calling end received DIS
    byte[] o = new byte[3 + fif.length];
    o[0] = (byte) 0xFF;
    o[1] = 0x13;
    o[2] = (byte) fcf.octet(farX);
    System.arraycopy(fif, 0, o, 3, fif.length);
    session.on(new T30Input.Frame(T30Frame.of(o), true));
    session.on(new T30Input.V21CarrierDown());
    return this;
  }

  SessionHarness input(T30Input in) {
    session.on(in);
    return this;
  }

  T30Frame lastSent() {
    return sent.get(sent.size() - 1);
  }

  Fcf lastSentFcf() {
    return lastSent().fcf();
  }

  List<Fcf> sentFcfs() {
    return sent.stream().map(T30Frame::fcf).toList();
  }

  FaxResult result() {
    return session.result();
  }

  String ladder() {
    return String.join("\n", log);
  }
}
