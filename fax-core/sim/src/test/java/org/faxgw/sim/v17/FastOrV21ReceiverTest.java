package org.faxgw.sim.v17;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.faxgw.modem.BitSource;
import org.faxgw.modem.FastOrV21Receiver;
import org.faxgw.modem.FastOrV21Receiver.Choice;
import org.faxgw.modem.HdlcEncoder;
import org.faxgw.modem.HdlcListener;
import org.faxgw.modem.ModemListener;
import org.faxgw.modem.ModemTransmitter;
import org.faxgw.modem.V17Config;
import org.faxgw.modem.V17Receiver;
import org.faxgw.modem.V17Transmitter;
import org.faxgw.modem.V21Config;
import org.faxgw.modem.V21Transmitter;
import org.faxgw.modem.V29Config;
import org.faxgw.modem.V29Receiver;
import org.faxgw.modem.V29Transmitter;
import org.faxgw.sim.Companding;
import org.faxgw.sim.LineModel;
import org.faxgw.sim.LineModelConfig;
import org.faxgw.sim.LineSink;
import org.junit.jupiter.api.Test;

/** The combined receive mode picks V.21 when a V.21 frame comes and V.17 when a training comes. */
class FastOrV21ReceiverTest {
  final List<Choice> choices = new ArrayList<>();
  final List<byte[]> frames = new ArrayList<>();
  final StringBuilder fastBits = new StringBuilder();

  FastOrV21Receiver receiver() {
    return new FastOrV21Receiver(
        l -> new V17Receiver(V17Config.longTrain(14400), b -> fastBits.append(b), l),
        ModemListener.IGNORE,
        new HdlcListener() {
          @Override
          public void onFrame(byte[] frame, boolean fcsOk) {
            if (fcsOk) {
              frames.add(frame);
            }
          }
        },
        ModemListener.IGNORE,
        (c, sample) -> choices.add(c));
  }

  static void play(ModemTransmitter tx, FastOrV21Receiver rx) {
    LineModel line =
        new LineModel(
            LineModelConfig.clean().withNoiseDbm0(-48).withCompanding(Companding.ALAW).withSeed(9));
    LineSink sink = LineSink.of(rx);
    short[] buf = new short[160];
    line.process(new short[1600], 0, 1600, sink);
    for (int guard = 0; guard < 100_000; guard++) {
      int n = tx.transmit(buf, 0, 160);
      java.util.Arrays.fill(buf, n, 160, (short) 0);
      line.process(buf, 0, 160, sink);
      if (n < 160) {
        break;
      }
    }
    line.process(new short[1600], 0, 1600, sink);
    line.flush(sink);
  }

  @Test
  void picksV21WhenAnHdlcFrameComes() {
    FastOrV21Receiver rx = receiver();
    HdlcEncoder enc = new HdlcEncoder(HdlcEncoder.V21_PREAMBLE_FLAGS);
    byte[] cfr = {(byte) 0xFF, 0x13, (byte) 0x84};
    enc.sendFrame(cfr);
    enc.finish();
    play(new V21Transmitter(V21Config.channel2().withTxLevel(-13), enc, e -> {}), rx);
    assertThat(choices).containsExactly(Choice.V21);
    assertThat(frames).singleElement().isEqualTo(cfr);
    assertThat(fastBits).isEmpty();
  }

  @Test
  void picksV17WhenATrainingComes() {
    FastOrV21Receiver rx = receiver();
    Random r = new Random(4);
    int[] sent = new int[20_000];
    for (int i = 0; i < sent.length; i++) {
      sent[i] = r.nextInt(2);
    }
    int[] pos = new int[1];
    BitSource src = () -> pos[0] < sent.length ? sent[pos[0]++] : BitSource.END;
    play(new V17Transmitter(V17Config.longTrain(14400).withTxPower(-13), src, e -> {}), rx);
    assertThat(choices).containsExactly(Choice.FAST);
    assertThat(frames).isEmpty();
    StringBuilder expect = new StringBuilder();
    for (int b : sent) {
      expect.append(b);
    }
    assertThat(fastBits.toString()).startsWith(expect.toString());
  }

  @Test
  void aRestartDecidesAgain() {
    FastOrV21Receiver rx = receiver();
    HdlcEncoder enc = new HdlcEncoder(HdlcEncoder.V21_PREAMBLE_FLAGS);
    enc.sendFrame(new byte[] {(byte) 0xFF, 0x13, (byte) 0xFB});
    enc.finish();
    play(new V21Transmitter(V21Config.channel2().withTxLevel(-13), enc, e -> {}), rx);
    rx.restart();
    ((V17Receiver) rx.fast()).restart(V17Config.longTrain(14400));
    int[] left = {5000};
    play(
        new V17Transmitter(
            V17Config.longTrain(14400), () -> left[0]-- > 0 ? 0 : BitSource.END, e -> {}),
        rx);
    assertThat(choices).containsExactly(Choice.V21, Choice.FAST);
  }

  /** Any fast receiver fits through the ModemReceiver interface: here V.29 9600. */
  @Test
  void worksWithV29AsTheFastModem() {
    StringBuilder v29Bits = new StringBuilder();
    FastOrV21Receiver rx =
        new FastOrV21Receiver(
            l -> new V29Receiver(V29Config.of(9600), b -> v29Bits.append(b), l),
            ModemListener.IGNORE,
            new HdlcListener() {
              @Override
              public void onFrame(byte[] frame, boolean fcsOk) {
                frames.add(frame);
              }
            },
            ModemListener.IGNORE,
            (c, sample) -> choices.add(c));
    int[] left = {20_000};
    play(new V29Transmitter(V29Config.of(9600), () -> left[0]-- > 0 ? 0 : BitSource.END), rx);
    assertThat(choices).containsExactly(Choice.FAST);
    assertThat(frames).isEmpty();
    assertThat(v29Bits.length()).isGreaterThan(15_000);
  }
}
