package org.faxgw.t30;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.Resolution;

/**
 * Two terminals back to back in memory: blocks of 160 samples passed both ways each tick, the
 * caller's audio optionally through an impairment (noise, lost blocks reported through fillIn).
 */
final class BackToBack {
  /** A one-way path: returns false when the block is lost (then the far end gets fillIn). */
  interface Path {
    boolean pass(short[] block);

    Path CLEAN = b -> true;
  }

  record Outcome(
      FaxResult sender,
      FaxResult receiver,
      List<BilevelPage> received,
      List<FaxEvent> senderEvents,
      List<FaxEvent> receiverEvents,
      List<String> senderLog,
      List<String> receiverLog,
      long samples) {

    boolean pagesExact(List<BilevelPage> sent) {
      if (received.size() != sent.size()) {
        return false;
      }
      for (int i = 0; i < sent.size(); i++) {
        if (!received.get(i).equals(sent.get(i))) {
          return false;
        }
      }
      return true;
    }

    String ladder() {
      return "--- sender\n"
          + String.join("\n", senderLog)
          + "\n--- receiver\n"
          + String.join("\n", receiverLog);
    }
  }

  /** Twenty minutes of line time at most (ten dense pages at 2400 bit/s fit). */
  static final long MAX_SAMPLES = 20L * 60 * 8000;

  private BackToBack() {}

  static Outcome run(List<BilevelPage> pages, Capabilities send, Capabilities receive) {
    return run(pages, send, receive, Path.CLEAN, Path.CLEAN);
  }

  static Outcome run(
      List<BilevelPage> pages,
      Capabilities send,
      Capabilities receive,
      Path toReceiver,
      Path toSender) {
    List<FaxEvent> se = new ArrayList<>();
    List<FaxEvent> re = new ArrayList<>();
    List<String> sl = new ArrayList<>();
    List<String> rl = new ArrayList<>();
    List<BilevelPage> got = new ArrayList<>();
    FaxTerminalFactory f = FaxTerminals.standard();
    FaxTerminal a =
        f.sender(
            FaxTerminalConfig.sender("+1 555 0100", send),
            pages,
            se::add,
            (t, s) -> sl.add(String.format("%8.2f %s", t / 8000.0, s)));
    FaxTerminal b =
        f.receiver(
            FaxTerminalConfig.receiver("+1 555 0101", receive),
            e -> {
              re.add(e);
              if (e instanceof FaxEvent.PageReceived p) {
                got.add(p.page());
              }
            },
            (t, s) -> rl.add(String.format("%8.2f %s", t / 8000.0, s)));
    short[] ab = new short[FaxTerminal.BLOCK];
    short[] ba = new short[FaxTerminal.BLOCK];
    long n = 0;
    while ((!a.isFinished() || !b.isFinished()) && n < MAX_SAMPLES) {
      a.transmit(ab);
      b.transmit(ba);
      if (toReceiver.pass(ab)) {
        b.receive(ab);
      } else {
        b.fillIn(ab.length);
      }
      if (toSender.pass(ba)) {
        a.receive(ba);
      } else {
        a.fillIn(ba.length);
      }
      n += FaxTerminal.BLOCK;
      if (a.isFinished() && !b.isFinished() && n > MAX_SAMPLES / 2) {
        b.lineDropped();
      }
    }
    if (!a.isFinished()) {
      a.lineDropped();
    }
    if (!b.isFinished()) {
      b.lineDropped();
    }
    return new Outcome(a.result(), b.result(), got, se, re, sl, rl, n);
  }

  /** A page with text-like marks: black bars and dots, seeded. */
  static BilevelPage page(int seed, Resolution res, int height) {
    int w = 1728;
    int stride = BilevelPage.stride(w);
    byte[] bits = new byte[stride * height];
    Random r = new Random(seed);
    for (int line = 20; line + 24 < height; line += 60 + r.nextInt(40)) {
      int x = 100 + r.nextInt(100);
      while (x < w - 150) {
        int word = 20 + r.nextInt(80);
        for (int y = line; y < line + 12 + r.nextInt(10); y++) {
          for (int xx = x; xx < x + word; xx++) {
            if (((xx * 7 + y * 3 + seed) % 11) < 6 || (xx - x) % 9 < 2) {
              bits[y * stride + (xx >>> 3)] |= (byte) (0x80 >>> (xx & 7));
            }
          }
        }
        x += word + 40 + r.nextInt(120);
      }
    }
    return new BilevelPage(w, height, res, bits);
  }

  /** Lost 20 ms blocks at {@code rate}, seeded. */
  static Path loss(double rate, long seed) {
    Random r = new Random(seed);
    return b -> r.nextDouble() >= rate;
  }
}
