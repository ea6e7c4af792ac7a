package org.faxgw.sim.v17;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.faxgw.modem.G711;
import org.faxgw.modem.HdlcDecoder;
import org.faxgw.modem.HdlcListener;
import org.faxgw.modem.ModemEvent;
import org.faxgw.modem.V17Config;
import org.faxgw.modem.V17Receiver;
import org.junit.jupiter.api.Test;

/**
 * Our V.17 receiver on real audio from iaxmodem (spandsp 2008 snapshot) calls: the long training
 * and TCF of two calls, then the short training and ECM frames of a page (resources and their
 * provenance in {@code src/test/resources/org/faxgw/sim/v17/}).
 */
class V17RealCallTest {
  /** T.30 5.3.6.2.1: TCF is 1.5 s of zeros; at 14400 bit/s 21 600 bits. */
  static final int TCF_BITS = 21_600;

  static short[] alaw(String name) throws IOException {
    try (InputStream in = V17RealCallTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      byte[] raw = in.readAllBytes();
      short[] pcm = new short[raw.length];
      G711.decodeAlaw(raw, 0, pcm, 0, raw.length);
      return pcm;
    }
  }

  static void feed(V17Receiver rx, short[] pcm) {
    for (int i = 0; i + 160 <= pcm.length; i += 160) {
      rx.receive(pcm, i, 160);
    }
  }

  /** Decodes a TCF burst; returns the bits. */
  static String tcf(V17Receiver rx, StringBuilder bits, String name) throws IOException {
    feed(rx, alaw(name));
    return bits.toString();
  }

  @Test
  void tcfOfTheNonEcmCallIsAllZeros() throws IOException {
    checkTcf("s-v17-noecm-mr-alaw-1p-tcf.alaw");
  }

  @Test
  void tcfOfTheEcmCallIsAllZeros() throws IOException {
    checkTcf("s-v17-ecm-mmr-alaw-3p-tcf.alaw");
  }

  private static void checkTcf(String name) throws IOException {
    StringBuilder bits = new StringBuilder();
    List<ModemEvent> events = new ArrayList<>();
    V17Receiver rx =
        new V17Receiver(
            V17Config.longTrain(14400), b -> bits.append((char) ('0' + b)), events::add);
    String got = tcf(rx, bits, name);
    assertThat(events).anyMatch(e -> e instanceof ModemEvent.TrainingSucceeded);
    assertThat(events).noneMatch(e -> e instanceof ModemEvent.TrainingFailed);
    // the data start with the TCF zeros and not one bit of them is wrong; after them the
    // transmitter's shutdown (scrambled ones) follows
    int firstOne = got.indexOf('1');
    System.out.printf(
        "%s: %d bits, %d zeros before the first one, %d ones after%n",
        name, got.length(), firstOne, got.length() - firstOne);
    assertThat(firstOne).as(events.toString()).isGreaterThanOrEqualTo(TCF_BITS);
    assertThat(got.substring(firstOne)).doesNotContain("0000000000000000");
  }

  @Test
  void shortTrainAndEcmFramesOfThePageAfterTheTcf() throws IOException {
    StringBuilder bits = new StringBuilder();
    List<ModemEvent> events = new ArrayList<>();
    List<byte[]> good = new ArrayList<>();
    int[] bad = new int[1];
    HdlcDecoder hdlc =
        new HdlcDecoder(
            new HdlcListener() {
              @Override
              public void onFrame(byte[] frame, boolean fcsOk) {
                if (fcsOk) {
                  good.add(frame);
                } else {
                  bad[0]++;
                }
              }

              @Override
              public void onAbort() {}
            });
    boolean[] page = new boolean[1];
    V17Receiver rx =
        new V17Receiver(
            V17Config.longTrain(14400),
            b -> {
              if (page[0]) {
                hdlc.putBit(b);
              } else {
                bits.append((char) ('0' + b));
              }
            },
            events::add);
    tcf(rx, bits, "s-v17-ecm-mmr-alaw-3p-tcf.alaw");
    rx.restart(V17Config.shortTrain(14400));
    page[0] = true;
    events.clear();
    feed(rx, alaw("s-v17-ecm-mmr-alaw-3p-page1-start.alaw"));
    assertThat(events).anyMatch(e -> e instanceof ModemEvent.TrainingSucceeded);
    System.out.printf("ECM page start: %d good frames, %d bad%n", good.size(), bad[0]);
    // 3 s at 14400 bit/s carry about 20 frames of 256 octets (T.4 A.3 FCD frames)
    assertThat(good.size()).isGreaterThanOrEqualTo(15);
    assertThat(bad[0]).isZero();
    assertThat(good).allMatch(f -> (f[0] & 0xFF) == 0xFF); // T.30 5.3.4 address field
  }
}
