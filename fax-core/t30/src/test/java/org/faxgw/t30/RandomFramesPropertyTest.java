package org.faxgw.t30;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Random;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.Resolution;
import org.junit.jupiter.api.Test;

/**
 * 10 000 random sequences of frames and modem reports, injected at the HDLC level into sessions of
 * every role: none throws, and every session ends within T1 + T5 of the last input (its own timers
 * end it: nothing is left waiting forever).
 */
class RandomFramesPropertyTest {
  static final int SEQUENCES = 10_000;
  static final List<BilevelPage> PAGES = List.of(BackToBack.page(9, Resolution.FINE, 60));
  static final Fcf[] FCFS = Fcf.values();

  @Test
  void randomInputNeverThrowsAndEverySessionEnds() {
    Random r = new Random(20261202);
    int[] statuses = new int[FaxStatus.values().length];
    for (int n = 0; n < SEQUENCES; n++) {
      long seed = r.nextLong();
      FaxTerminalConfig config = config(n % 4);
      SessionHarness[] h = new SessionHarness[1];
      assertThatCode(() -> h[0] = drive(config, new Random(seed)))
          .as("sequence %d (seed %d, %s)", n, seed, config)
          .doesNotThrowAnyException();
      assertThat(h[0].session.isFinished())
          .as("sequence %d (seed %d) still in %s:\n%s", n, seed, h[0].session.state, h[0].ladder())
          .isTrue();
      statuses[h[0].result().status().ordinal()]++;
    }
    StringBuilder sb = new StringBuilder("random sequences ended with:");
    for (FaxStatus s : FaxStatus.values()) {
      if (statuses[s.ordinal()] > 0) {
        sb.append(' ').append(s).append('=').append(statuses[s.ordinal()]);
      }
    }
    System.out.println(sb);
  }

  static FaxTerminalConfig config(int k) {
    Capabilities c = Capabilities.full();
    return switch (k) {
      case 0 -> FaxTerminalConfig.sender("1", c);
      case 1 -> FaxTerminalConfig.receiver("2", c);
      case 2 -> new FaxTerminalConfig(FaxRole.CALLED, FaxDirection.SEND, "3", c, false);
      default -> new FaxTerminalConfig(FaxRole.CALLING, FaxDirection.RECEIVE, "4", c, false);
    };
  }

  static SessionHarness drive(FaxTerminalConfig config, Random r) {
    SessionHarness h =
        new SessionHarness(config, config.direction() == FaxDirection.SEND ? PAGES : List.of());
    int inputs = 1 + r.nextInt(40);
    for (int i = 0; i < inputs && !h.session.isFinished(); i++) {
      h.advance(r.nextInt(4) == 0 ? r.nextDouble() * 6 : r.nextDouble() * 0.5);
      h.busy = r.nextInt(10) == 0;
      h.input(r.nextBoolean() ? plausibleInput(h.session.state, r) : randomInput(r));
    }
    h.busy = false;
    h.advance((T30Timers.T1 + T30Timers.T5) / 8000.0);
    return h;
  }

  static T30Frame v21(Random r, Fcf fcf, byte... fif) {
    byte[] o = new byte[3 + fif.length];
    o[0] = (byte) 0xFF;
    o[1] = 0x13;
    o[2] = (byte) fcf.octet(r.nextBoolean());
    System.arraycopy(fif, 0, o, 3, fif.length);
    return T30Frame.of(o);
  }

  /** What a far end might plausibly send in {@code state}, so that sequences get deep. */
  static T30Input plausibleInput(T30Session.State state, Random r) {
    SignalRate rate = SignalRate.values()[r.nextInt(SignalRate.values().length)];
    byte[] map = new byte[32];
    map[r.nextInt(4)] = (byte) r.nextInt(256);
    byte[] pps = {(byte) (r.nextBoolean() ? 0 : Fcf.EOP.octet(true)), 0, 0, (byte) r.nextInt(8)};
    Fcf[] responses;
    switch (state) {
      case AWAIT_DIS -> {
        return new T30Input.Frame(
            v21(r, r.nextBoolean() ? Fcf.DIS : Fcf.CSI, ScriptedScenarioTest.DIS), true);
      }
      case AWAIT_DCS -> {
        DcsChoice c =
            DisDcsEncoder.choose(
                DisDcsFields.decodeDis(ScriptedScenarioTest.DIS), Capabilities.full(), true);
        return new T30Input.Frame(
            r.nextInt(3) == 0
                ? v21(r, Fcf.DTC, ScriptedScenarioTest.DIS)
                : v21(r, Fcf.DCS, DisDcsEncoder.dcs(c, rate)),
            true);
      }
      case RECEIVING_TCF, AWAIT_IMAGE, RECEIVING_PAGE, RECEIVING_BLOCK -> {
        return switch (r.nextInt(6)) {
          case 0 -> new T30Input.ImageTrained();
          case 1 -> new T30Input.TcfMeasured(r.nextInt(4) != 0, "plausible");
          case 2 -> new T30Input.ImageCarrierDown();
          case 3 -> new T30Input.ImageFrame(frame(r, Fcf.FCD));
          default -> new T30Input.Frame(v21(r, Fcf.PPS, pps), true);
        };
      }
      case AWAIT_POST_PAGE, AWAIT_DCN -> {
        Fcf[] cmds = {Fcf.MPS, Fcf.EOP, Fcf.EOM, Fcf.PPS, Fcf.EOR, Fcf.CTC, Fcf.RR, Fcf.DCN};
        Fcf c = cmds[r.nextInt(cmds.length)];
        byte[] fif =
            c == Fcf.PPS || c == Fcf.EOR
                ? pps
                : c == Fcf.CTC ? DisDcsEncoder.ctc(rate) : new byte[0];
        return new T30Input.Frame(v21(r, c, fif), true);
      }
      case AWAIT_CFR -> responses = new Fcf[] {Fcf.CFR, Fcf.FTT, Fcf.CRP, Fcf.DIS};
      case AWAIT_MCF -> responses = new Fcf[] {Fcf.MCF, Fcf.RTP, Fcf.RTN, Fcf.PIP, Fcf.CRP};
      case AWAIT_PPS_RESPONSE -> responses = new Fcf[] {Fcf.MCF, Fcf.PPR, Fcf.PPR, Fcf.RNR};
      case AWAIT_CTR -> responses = new Fcf[] {Fcf.CTR};
      case AWAIT_ERR -> responses = new Fcf[] {Fcf.ERR};
      default -> {
        return randomInput(r);
      }
    }
    Fcf f = responses[r.nextInt(responses.length)];
    return new T30Input.Frame(f == Fcf.PPR ? v21(r, f, map) : v21(r, f), true);
  }

  static T30Input randomInput(Random r) {
    switch (r.nextInt(12)) {
      case 0:
        return new T30Input.BadFrame();
      case 1:
        return new T30Input.V21CarrierDown();
      case 2:
        return new T30Input.ImageTrained();
      case 3:
        return new T30Input.ImageCarrierDown();
      case 4:
        return new T30Input.TcfMeasured(r.nextBoolean(), "random");
      case 5:
        return new T30Input.ImageFrame(frame(r, Fcf.FCD));
      case 6:
        return new T30Input.FlagsSeen();
      case 7:
        return new T30Input.ImageTrainingFailed("random");
      default:
        return new T30Input.Frame(frame(r, FCFS[r.nextInt(FCFS.length)]), r.nextInt(8) != 0);
    }
  }

  /** A frame with {@code fcf} (or an undefined FCF), a random or plausible FIF and header. */
  static T30Frame frame(Random r, Fcf fcf) {
    byte[] fif;
    switch (r.nextInt(4)) {
      case 0 -> fif = new byte[0];
      case 1 -> fif = DisDcsEncoder.dis(Capabilities.full(), r.nextBoolean(), r.nextBoolean());
      case 2 -> {
        fif = new byte[] {(byte) FCFS[r.nextInt(FCFS.length)].octet(r.nextBoolean()), 0, 0, 0};
        fif[1] = (byte) r.nextInt(3);
        fif[3] = (byte) r.nextInt(256);
      }
      default -> {
        fif = new byte[r.nextInt(300)];
        r.nextBytes(fif);
      }
    }
    byte[] o = new byte[3 + fif.length];
    o[0] = (byte) (r.nextInt(10) == 0 ? r.nextInt(256) : 0xFF);
    o[1] = (byte) (r.nextInt(10) == 0 ? r.nextInt(256) : r.nextBoolean() ? 0x03 : 0x13);
    o[2] = (byte) (r.nextInt(20) == 0 ? r.nextInt(256) : fcf.octet(r.nextBoolean()));
    System.arraycopy(fif, 0, o, 3, fif.length);
    return T30Frame.of(o);
  }
}
