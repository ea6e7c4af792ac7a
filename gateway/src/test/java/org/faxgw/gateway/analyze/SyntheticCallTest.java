package org.faxgw.gateway.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.faxgw.modem.BitSource;
import org.faxgw.modem.HdlcEncoder;
import org.faxgw.modem.ModemListener;
import org.faxgw.modem.ModemTransmitter;
import org.faxgw.modem.V17Config;
import org.faxgw.modem.V17Transmitter;
import org.faxgw.modem.V21Config;
import org.faxgw.modem.V21Transmitter;
import org.faxgw.t30.Fcf;
import org.faxgw.t30.StationId;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.Resolution;
import org.faxgw.t4.T4EncodeOptions;
import org.faxgw.t4.T4Encoder;
import org.junit.jupiter.api.Test;

/**
 * A sender's side of a call made with the project's own transmitters. ECM: one FCD frame of the
 * first burst is lost and comes again after a PPR; the analyzer must show both bursts and the two
 * PPS and rebuild the page from the frames of both bursts (T.4 Annex A). Non-ECM: two MR pages
 * after one TCF, each in a short-train V.17 burst.
 */
class SyntheticCallTest {
  private final List<short[]> parts = new ArrayList<>();

  private void silence(double seconds) {
    parts.add(new short[(int) (seconds * 8000)]);
  }

  private void send(ModemTransmitter tx) {
    for (int guard = 0; guard < 10_000; guard++) {
      short[] b = new short[160];
      int n = tx.transmit(b, 0, b.length);
      parts.add(Arrays.copyOf(b, n));
      if (n < b.length) {
        return;
      }
    }
    throw new AssertionError("transmitter did not end");
  }

  private void v21(byte[]... frames) {
    HdlcEncoder h = new HdlcEncoder(HdlcEncoder.V21_PREAMBLE_FLAGS);
    for (byte[] f : frames) {
      h.sendFrame(f);
    }
    h.finish();
    send(new V21Transmitter(V21Config.channel2(), h, ModemListener.IGNORE));
  }

  private void v17(V17Config config, BitSource bits) {
    send(new V17Transmitter(config, bits, ModemListener.IGNORE));
  }

  private static byte[] frame(int control, Fcf fcf, int... fif) {
    byte[] f = new byte[3 + fif.length];
    f[0] = (byte) 0xFF;
    f[1] = (byte) control;
    f[2] = (byte) fcf.octet(true);
    for (int i = 0; i < fif.length; i++) {
      f[3 + i] = (byte) fif[i];
    }
    return f;
  }

  private static BitSource zeros(int n) {
    int[] left = {n};
    return () -> left[0]-- > 0 ? 0 : BitSource.END;
  }

  private static byte[] fcd(int number, byte[] data) {
    byte[] f = new byte[4 + data.length];
    f[0] = (byte) 0xFF;
    f[1] = 0x03;
    f[2] = (byte) Fcf.FCD.code();
    f[3] = (byte) number;
    System.arraycopy(data, 0, f, 4, data.length);
    return f;
  }

  @Test
  void pageIsRebuiltFromTheFirstBurstAndTheRetransmission() {
    // a page with some ink: diagonal bars
    int w = 1728;
    int h = 120;
    byte[] bits = new byte[BilevelPage.stride(w) * h];
    for (int y = 0; y < h; y++) {
      for (int x = (y * 7) % 200; x < w; x += 211) {
        for (int k = 0; k < 40 && x + k < w; k++) {
          bits[y * 216 + ((x + k) >>> 3)] |= (byte) (0x80 >>> ((x + k) & 7));
        }
      }
    }
    BilevelPage page = new BilevelPage(w, h, Resolution.NORMAL, bits);
    byte[] coded =
        T4Encoder.encode(page, T4EncodeOptions.forLine(FaxCompression.MMR, Resolution.NORMAL, 0));
    int frames = (coded.length + 255) / 256;
    assertThat(frames).isBetween(2, 200);
    byte[][] data = new byte[frames][];
    for (int i = 0; i < frames; i++) {
      data[i] = Arrays.copyOfRange(coded, i * 256, i * 256 + 256); // last one zero padded
    }
    int lost = frames / 2;

    silence(0.5);
    // TSI, DCS: V.17 14400, MMR, ECM 256, A4, unlimited, 0 ms (FIF as in the recorded calls)
    byte[] tsi = new byte[3 + 20];
    tsi[0] = (byte) 0xFF;
    tsi[1] = 0x03;
    tsi[2] = (byte) Fcf.TSI.octet(true);
    System.arraycopy(StationId.encode("+49 30 555 0100"), 0, tsi, 3, 20);
    v21(tsi, frame(0x13, Fcf.DCS, 0x00, 0x22, 0xF8, 0x44));
    silence(0.1);
    v17(V17Config.longTrain(14400), zeros(21600));
    silence(1.0);
    HdlcEncoder burst1 = new HdlcEncoder(360, 1, 2);
    for (int i = 0; i < frames; i++) {
      if (i != lost) {
        burst1.sendFrame(fcd(i, data[i]));
      }
    }
    byte[] rcp = new byte[] {(byte) 0xFF, 0x03, (byte) Fcf.RCP.code()};
    for (int i = 0; i < 3; i++) {
      burst1.sendFrame(rcp);
    }
    burst1.finish();
    v17(V17Config.shortTrain(14400), burst1);
    silence(0.1);
    byte[] ppsEop = frame(0x13, Fcf.PPS, Fcf.EOP.octet(true), 0, 0, frames - 1);
    v21(ppsEop);
    silence(2.0); // the receiver's PPR
    HdlcEncoder burst2 = new HdlcEncoder(360, 1, 2);
    burst2.sendFrame(fcd(lost, data[lost]));
    for (int i = 0; i < 3; i++) {
      burst2.sendFrame(rcp);
    }
    burst2.finish();
    v17(V17Config.shortTrain(14400), burst2);
    silence(0.1);
    v21(ppsEop);
    silence(1.0);
    v21(frame(0x13, Fcf.DCN));
    silence(0.5);

    int total = parts.stream().mapToInt(p -> p.length).sum();
    short[] pcm = new short[total];
    int at = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, pcm, at, p.length);
      at += p.length;
    }
    CallAnalyzer.Result r = CallAnalyzer.analyze(pcm, CallAnalyzer.PageWriter.NONE);

    List<String> ladder = new ArrayList<>();
    for (TimelineEvent e : r.events()) {
      if (e instanceof TimelineEvent.Frame f && !f.name().equals("FCD")) {
        ladder.add(f.name());
      } else if (e instanceof TimelineEvent.Burst b) {
        ladder.add(b.purpose().label() + ":" + b.trainingLabel());
      } else if (e instanceof TimelineEvent.Page) {
        ladder.add("page");
      }
    }
    assertThat(ladder)
        .containsExactly(
            "TSI", "DCS", "TCF:ok", "ECM:ok", "RCP", "RCP", "RCP", "PPS-EOP", "ECM:ok", "RCP",
            "RCP", "RCP", "PPS-EOP", "page", "DCN");
    List<TimelineEvent.Burst> bursts = RealCallSupport.bursts(r);
    assertThat(bursts.get(0).ones()).isZero();
    assertThat(bursts.get(1).frames()).isEqualTo(frames - 1 + 3);
    assertThat(bursts.get(2).frames()).isEqualTo(1 + 3);
    assertThat(r.pages()).hasSize(1);
    BilevelPage got = r.pages().get(0).page();
    assertThat(got.width()).isEqualTo(w);
    assertThat(got.height()).isEqualTo(h);
    assertThat(RealCallImageTest.differingRows(got, page)).isZero();
  }

  private static BitSource octets(byte[] data) {
    int[] i = {0};
    return () -> {
      if (i[0] >= data.length * 8) {
        return BitSource.END;
      }
      int b = (data[i[0] >>> 3] >>> (i[0] & 7)) & 1; // LSB first: line order
      i[0]++;
      return b;
    };
  }

  private static BilevelPage pattern(int seed, int w, int h) {
    byte[] bits = new byte[BilevelPage.stride(w) * h];
    java.util.Random rnd = new java.util.Random(seed);
    for (int y = 0; y < h; y++) {
      int x = rnd.nextInt(w - 300);
      for (int k = 0; k < 5; k++, x += 50) {
        for (int j = 0; j < 25; j++) {
          bits[y * BilevelPage.stride(w) + ((x + j) >>> 3)] |= (byte) (0x80 >>> ((x + j) & 7));
        }
      }
    }
    return new BilevelPage(w, h, Resolution.NORMAL, bits);
  }

  @Test
  void nonEcmPagesAfterOneTcfUseTheShortTrainAndDecodeExactly() {
    BilevelPage p1 = pattern(1, 1728, 80);
    BilevelPage p2 = pattern(2, 1728, 60);
    T4EncodeOptions mr = T4EncodeOptions.forLine(FaxCompression.MR, Resolution.NORMAL, 0);
    silence(0.3);
    // DCS: V.17 14400, MR, no ECM ("00 45 1E" in T.30 notation, as s-v17-noecm-mr-alaw-1p)
    v21(frame(0x13, Fcf.DCS, 0x00, 0xA2, 0x78));
    silence(0.1);
    v17(V17Config.longTrain(14400), zeros(21600));
    silence(1.0);
    v17(V17Config.shortTrain(14400), octets(T4Encoder.encode(p1, mr)));
    silence(0.1);
    v21(frame(0x13, Fcf.MPS));
    silence(1.5); // MCF
    v17(V17Config.shortTrain(14400), octets(T4Encoder.encode(p2, mr)));
    silence(0.1);
    v21(frame(0x13, Fcf.EOP));
    silence(1.0);

    CallAnalyzer.Result r = CallAnalyzer.analyze(concat(), CallAnalyzer.PageWriter.NONE);
    List<String> ladder = new ArrayList<>();
    for (TimelineEvent e : r.events()) {
      if (e instanceof TimelineEvent.Frame f) {
        ladder.add(f.name());
      } else if (e instanceof TimelineEvent.Burst b) {
        ladder.add(b.purpose().label() + ":" + b.trainingLabel());
      } else if (e instanceof TimelineEvent.Page p) {
        ladder.add("page:" + p.badRows());
      }
    }
    assertThat(ladder)
        .containsExactly("DCS", "TCF:ok", "page:ok", "page:0", "MPS", "page:ok", "page:0", "EOP");
    assertThat(r.pages()).hasSize(2);
    assertThat(RealCallImageTest.differingRows(r.pages().get(0).page(), p1)).isZero();
    assertThat(RealCallImageTest.differingRows(r.pages().get(1).page(), p2)).isZero();
  }

  private short[] concat() {
    int total = parts.stream().mapToInt(p -> p.length).sum();
    short[] pcm = new short[total];
    int at = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, pcm, at, p.length);
      at += p.length;
    }
    return pcm;
  }
}
