package org.faxgw.modem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** V.21 transmitter → receiver on a clean line, with HDLC on both ends. */
class V21LoopbackTest {

  record Got(byte[] frame, boolean ok) {}

  static List<Got> loop(List<byte[]> frames, V21Config txc, V21Config rxc, int blockSize) {
    HdlcEncoder enc = new HdlcEncoder(HdlcEncoder.V21_PREAMBLE_FLAGS);
    for (byte[] f : frames) {
      enc.sendFrame(f);
    }
    enc.finish();
    List<ModemEvent> events = new ArrayList<>();
    V21Transmitter tx = new V21Transmitter(txc, enc, events::add);
    List<Got> got = new ArrayList<>();
    HdlcDecoder dec = new HdlcDecoder((f, ok) -> got.add(new Got(f, ok)));
    V21Receiver rx = new V21Receiver(rxc, dec, events::add);
    short[] buf = new short[blockSize];
    short[] silence = new short[blockSize];
    rx.receive(silence, 0, blockSize);
    for (int guard = 0; guard < 1_000_000; guard++) {
      int n = tx.transmit(buf, 0, blockSize);
      rx.receive(buf, 0, n);
      if (n < blockSize) {
        break;
      }
    }
    for (int i = 0; i < 10; i++) {
      rx.receive(silence, 0, blockSize);
    }
    assertThat(events).anyMatch(e -> e instanceof ModemEvent.CarrierUp);
    assertThat(events).anyMatch(e -> e instanceof ModemEvent.CarrierDown);
    assertThat(events).anyMatch(e -> e instanceof ModemEvent.TransmitComplete);
    return got;
  }

  @Test
  void framesSurviveACleanLine() {
    Random r = new Random(1);
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      byte[] f = new byte[3 + r.nextInt(40)];
      r.nextBytes(f);
      f[0] = (byte) 0xFF;
      frames.add(f);
    }
    frames.add(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
    List<Got> got = loop(frames, V21Config.channel2(), V21Config.channel2(), 160);
    assertThat(got).hasSize(frames.size());
    for (int i = 0; i < frames.size(); i++) {
      assertThat(got.get(i).ok()).isTrue();
      assertThat(got.get(i).frame()).isEqualTo(frames.get(i));
    }
  }

  @Test
  void connectTonesDoNotRaiseTheCarrier() {
    for (ModemTransmitter tone :
        new ModemTransmitter[] {
          ToneGenerator.ced(-6, ModemListener.IGNORE),
          ToneGenerator.cng(-6, 2, ModemListener.IGNORE)
        }) {
      List<ModemEvent> events = new ArrayList<>();
      V21Receiver rx = new V21Receiver(V21Config.channel2(), bit -> {}, events::add);
      short[] buf = new short[160];
      for (int guard = 0; guard < 10_000; guard++) {
        int n = tone.transmit(buf, 0, buf.length);
        rx.receive(buf, 0, n);
        if (n < buf.length) {
          break;
        }
      }
      assertThat(events).isEmpty();
    }
  }

  @Test
  void carrierUpAndDownLatencies() {
    HdlcEncoder enc = new HdlcEncoder(HdlcEncoder.V21_PREAMBLE_FLAGS);
    enc.sendFrame(new byte[] {(byte) 0xFF, 0x13, (byte) 0x84});
    enc.finish();
    List<ModemEvent> txEvents = new ArrayList<>();
    V21Transmitter tx = new V21Transmitter(V21Config.channel2(), enc, txEvents::add);
    List<ModemEvent> rxEvents = new ArrayList<>();
    V21Receiver rx = new V21Receiver(V21Config.channel2(), bit -> {}, rxEvents::add);
    short[] buf = new short[160];
    short[] silence = new short[800];
    rx.receive(silence, 0, 800); // the signal starts at receiver sample 800
    for (int guard = 0; guard < 10_000; guard++) {
      int n = tx.transmit(buf, 0, buf.length);
      rx.receive(buf, 0, n);
      if (n < buf.length) {
        break;
      }
    }
    rx.receive(silence, 0, 800);
    long end = 800 + ((ModemEvent.TransmitComplete) txEvents.get(0)).sample();
    assertThat(rxEvents).hasSize(2);
    // carrier-on within 20 ms (160 samples) of the signal's start, carrier-off within 30 ms (240
    // samples) of the last symbol
    assertThat(rxEvents.get(0).sample() - 800).isBetween(0L, 160L);
    assertThat(rxEvents.get(1)).isInstanceOf(ModemEvent.CarrierDown.class);
    assertThat(rxEvents.get(1).sample() - end).isBetween(0L, 240L);
  }

  @Test
  void channel1WorksAndChannelsDoNotTalkToEachOther() {
    List<byte[]> frames = List.of(new byte[] {(byte) 0xFF, 0x13, (byte) 0x84, 0x55});
    List<Got> got = loop(frames, V21Config.channel1(), V21Config.channel1(), 160);
    assertThat(got).hasSize(1);
    assertThat(got.get(0).frame()).isEqualTo(frames.get(0));
    // a channel 2 receiver hears nothing of a channel 1 transmitter
    HdlcEncoder enc = new HdlcEncoder(HdlcEncoder.V21_PREAMBLE_FLAGS);
    enc.sendFrame(frames.get(0));
    enc.finish();
    V21Transmitter tx = new V21Transmitter(V21Config.channel1(), enc, ModemListener.IGNORE);
    List<ModemEvent> events = new ArrayList<>();
    V21Receiver rx = new V21Receiver(V21Config.channel2(), bit -> {}, events::add);
    short[] buf = new short[160];
    for (int guard = 0; guard < 10_000; guard++) {
      int n = tx.transmit(buf, 0, buf.length);
      rx.receive(buf, 0, n);
      if (n < buf.length) {
        break;
      }
    }
    assertThat(events).isEmpty();
  }
}
