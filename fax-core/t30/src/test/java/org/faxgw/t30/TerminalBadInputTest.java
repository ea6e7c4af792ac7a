package org.faxgw.t30;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.Resolution;
import org.junit.jupiter.api.Test;

/**
 * Bad input at the audio level, through the whole terminal: it ends with a reason, never throws.
 */
class TerminalBadInputTest {
  static final List<BilevelPage> PAGES = List.of(BackToBack.page(11, Resolution.FINE, 200));

  interface Signal {
    void fill(short[] block, long at);
  }

  /** Feeds {@code signal} to {@code t} until it ends; returns the samples it took. */
  static long feed(FaxTerminal t, Signal signal, long maxSamples) {
    short[] in = new short[FaxTerminal.BLOCK];
    short[] out = new short[FaxTerminal.BLOCK];
    long n = 0;
    while (!t.isFinished() && n < maxSamples) {
      signal.fill(in, n);
      t.receive(in);
      t.transmit(out);
      n += in.length;
    }
    return n;
  }

  /** Something like speech: voiced syllables (harmonics of a wandering pitch) and pauses. */
  static Signal voice(long seed) {
    Random r = new Random(seed);
    double[] phase = new double[12];
    double[] pitch = {140};
    double[] level = {0};
    return (b, at) -> {
      if (at % 1600 == 0) {
        pitch[0] = 100 + r.nextInt(150);
        level[0] = r.nextInt(4) == 0 ? 0 : 800 + r.nextInt(4000);
      }
      for (int i = 0; i < b.length; i++) {
        double v = 0;
        for (int h = 0; h < phase.length; h++) {
          phase[h] += 2 * Math.PI * pitch[0] * (h + 1) / 8000;
          v += Math.sin(phase[h]) / (h + 1);
        }
        b[i] = (short) (level[0] * v + r.nextGaussian() * 30);
      }
    };
  }

  @Test
  void aVoiceAnswerEndsTheSendingCallWithNoAnswer() {
    FaxTerminal t =
        FaxTerminals.standard()
            .sender(FaxTerminalConfig.sender("1", Capabilities.full()), PAGES, null, null);
    long n = feed(t, voice(1), 60 * 8000);
    assertThat(t.isFinished()).isTrue();
    assertThat(t.result().status()).isEqualTo(FaxStatus.NO_ANSWER);
    assertThat(n).isLessThanOrEqualTo(T30Timers.T1 + 8000);
  }

  @Test
  void silenceEndsBothRolesWithNoAnswerWithinT1() {
    for (FaxTerminal t :
        List.of(
            FaxTerminals.standard()
                .sender(FaxTerminalConfig.sender("1", Capabilities.full()), PAGES, null, null),
            FaxTerminals.standard()
                .receiver(FaxTerminalConfig.receiver("2", Capabilities.full()), null, null))) {
      long n = feed(t, (b, at) -> java.util.Arrays.fill(b, (short) 0), 60 * 8000);
      assertThat(t.result().status()).isEqualTo(FaxStatus.NO_ANSWER);
      assertThat(n).isLessThanOrEqualTo(T30Timers.T1 + 8000);
    }
  }

  @Test
  void noiseNeverThrowsAndEnds() {
    for (int seed = 0; seed < 4; seed++) {
      Random r = new Random(seed);
      double sigma = 200 + 3000 * r.nextDouble();
      FaxTerminal t =
          seed % 2 == 0
              ? FaxTerminals.standard()
                  .sender(FaxTerminalConfig.sender("1", Capabilities.full()), PAGES, null, null)
              : FaxTerminals.standard()
                  .receiver(FaxTerminalConfig.receiver("2", Capabilities.full()), null, null);
      feed(
          t,
          (b, at) -> {
            for (int i = 0; i < b.length; i++) {
              b[i] = (short) (sigma * r.nextGaussian());
            }
          },
          120 * 8000);
      assertThat(t.isFinished()).isTrue();
      assertThat(t.result().status().success()).isFalse();
    }
  }

  @Test
  void aPeerVanishingMidPageEndsBothSidesWithAReason() {
    long[] clock = {0};
    long cut = 15 * 8000; // in the middle of the first page
    BackToBack.Path vanish =
        b -> {
          if (clock[0] >= cut) {
            java.util.Arrays.fill(b, (short) 0);
          }
          clock[0] += b.length;
          return true;
        };
    BackToBack.Path after =
        b -> {
          if (clock[0] >= cut) {
            java.util.Arrays.fill(b, (short) 0);
          }
          return true;
        };
    List<BilevelPage> pages = List.of(BackToBack.page(12, Resolution.FINE, 800));
    BackToBack.Outcome o =
        BackToBack.run(pages, Capabilities.full(), Capabilities.full(), vanish, after);
    assertThat(o.receiver().status())
        .as(o.ladder())
        .isIn(FaxStatus.REMOTE_DISCONNECTED, FaxStatus.NO_IMAGE_CARRIER);
    assertThat(o.sender().status()).as(o.ladder()).isEqualTo(FaxStatus.NO_RESPONSE_AFTER_COMMAND);
    assertThat(o.receiverLog()).anyMatch(l -> l.contains("<-- HDLC<3:FF C8 5F>")); // DCN, X = 0
    assertThat(o.senderLog()).anyMatch(l -> l.contains("<-- HDLC<3:FF C8 DF>")); // DCN, X = 1
  }

  @Test
  void aLocalAbortSendsDcn() {
    List<FaxEvent> events = new ArrayList<>();
    FaxTerminal a =
        FaxTerminals.standard()
            .sender(FaxTerminalConfig.sender("1", Capabilities.full()), PAGES, events::add, null);
    FaxTerminal b =
        FaxTerminals.standard()
            .receiver(FaxTerminalConfig.receiver("2", Capabilities.full()), null, null);
    short[] ab = new short[160];
    short[] ba = new short[160];
    for (long n = 0; n < 120 * 8000 && !(a.isFinished() && b.isFinished()); n += 160) {
      if (n == 12 * 8000) {
        a.abort(false);
      }
      a.transmit(ab);
      b.transmit(ba);
      b.receive(ab);
      a.receive(ba);
    }
    assertThat(a.result().status()).isEqualTo(FaxStatus.LOCAL_HANGUP);
    assertThat(events)
        .anyMatch(e -> e instanceof FaxEvent.FrameSent f && f.frame().fcf() == Fcf.DCN);
    assertThat(b.result().status()).isIn(FaxStatus.GOT_DCN, FaxStatus.REMOTE_DISCONNECTED);
  }

  @Test
  void afterTheEndTheTerminalIsQuietAndIgnoresInput() {
    FaxTerminal t =
        FaxTerminals.standard()
            .receiver(FaxTerminalConfig.receiver("2", Capabilities.full()), null, null);
    t.abort(true);
    assertThat(t.result().status()).isEqualTo(FaxStatus.LOCAL_HANGUP);
    short[] out = new short[160];
    java.util.Arrays.fill(out, (short) 7);
    t.transmit(out);
    t.receive(new short[160]);
    t.fillIn(160);
    assertThat(out).containsOnly((short) 0);
  }
}
