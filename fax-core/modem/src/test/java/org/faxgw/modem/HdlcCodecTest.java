package org.faxgw.modem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HdlcCodecTest {

  static final class Recorder implements HdlcListener {
    final List<byte[]> good = new ArrayList<>();
    final List<byte[]> bad = new ArrayList<>();
    int framingOk;
    int aborts;

    @Override
    public void onFrame(byte[] frame, boolean fcsOk) {
      (fcsOk ? good : bad).add(frame);
    }

    @Override
    public void onFramingOk() {
      framingOk++;
    }

    @Override
    public void onAbort() {
      aborts++;
    }
  }

  static List<Integer> drain(HdlcEncoder enc) {
    List<Integer> bits = new ArrayList<>();
    for (int i = 0; i < 1_000_000; i++) {
      int b = enc.getBit();
      if (b == BitSource.END) {
        return bits;
      }
      bits.add(b);
    }
    throw new AssertionError("encoder did not end");
  }

  @Test
  void preambleIsFlagsSentLsbFirst() {
    HdlcEncoder enc = new HdlcEncoder(3, 1, 0);
    enc.finish();
    List<Integer> bits = drain(enc);
    assertThat(bits)
        .containsExactly(0, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 0);
  }

  @Test
  void zeroIsInsertedAfterFiveOnesAndNoSixOnesAppearInAFrame() {
    HdlcEncoder enc = new HdlcEncoder(1, 1, 0);
    byte[] ones = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF8};
    enc.sendFrame(ones);
    enc.finish();
    List<Integer> bits = drain(enc);
    // between the opening and closing flags, never more than five ones in a row
    List<Integer> body = bits.subList(8, bits.size() - 8);
    int run = 0;
    for (int b : body) {
      run = b == 1 ? run + 1 : 0;
      assertThat(run).isLessThanOrEqualTo(5);
    }
    // 5 octets + 2 FCS = 56 data bits plus the inserted zeros: 32 leading ones give 6 zeros
    assertThat(body.size()).isGreaterThanOrEqualTo(56 + 6);
  }

  @Test
  void randomFramesRoundTripIncludingRunsOfOnes() {
    Random r = new Random(7);
    HdlcEncoder enc = new HdlcEncoder(10);
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      byte[] f = new byte[3 + r.nextInt(300)];
      r.nextBytes(f);
      if (i % 3 == 0) {
        java.util.Arrays.fill(f, (byte) 0xFF);
      } else if (i % 3 == 1) {
        java.util.Arrays.fill(f, 0, f.length / 2, (byte) 0x7E); // flag-looking data
      }
      sent.add(f);
      enc.sendFrame(f);
    }
    enc.finish();
    Recorder rec = new Recorder();
    HdlcDecoder dec = new HdlcDecoder(rec);
    for (int b : drain(enc)) {
      dec.putBit(b);
    }
    assertThat(rec.bad).isEmpty();
    assertThat(rec.good).hasSize(sent.size());
    for (int i = 0; i < sent.size(); i++) {
      assertThat(rec.good.get(i)).isEqualTo(sent.get(i));
    }
    assertThat(rec.framingOk).isEqualTo(1);
  }

  @Test
  void badFcsIsReportedAsSuchAndAbortIsReported() {
    HdlcEncoder enc = new HdlcEncoder(8);
    byte[] f = {(byte) 0xFF, 0x13, (byte) 0x84};
    enc.sendFrame(f, 0, 3, true);
    enc.sendAbortedFrame(new byte[] {(byte) 0xFF, 0x13, 0x01, 0x02, 0x03}, 4);
    enc.sendFrame(f);
    enc.finish();
    Recorder rec = new Recorder();
    HdlcDecoder dec = new HdlcDecoder(rec);
    for (int b : drain(enc)) {
      dec.putBit(b);
    }
    assertThat(rec.bad).hasSize(1);
    assertThat(rec.bad.get(0)).isEqualTo(f);
    assertThat(rec.aborts).isEqualTo(1);
    // after the abort the framing is re-established by a good frame only
    assertThat(rec.good).hasSize(1);
    assertThat(rec.good.get(0)).isEqualTo(f);
  }

  @Test
  void framesAreNotReportedBeforeFramingIsEstablished() {
    HdlcEncoder enc = new HdlcEncoder(2);
    enc.sendFrame(new byte[] {(byte) 0xFF, 0x13, (byte) 0x84}, 0, 3, true);
    enc.finish();
    Recorder rec = new Recorder();
    HdlcDecoder dec = new HdlcDecoder(rec, 5, 64);
    for (int b : drain(enc)) {
      dec.putBit(b);
    }
    assertThat(rec.bad).isEmpty();
    assertThat(rec.framingOk).isZero();
  }

  @Test
  void randomBitsProduceNoGoodFrames() {
    Random r = new Random(3);
    Recorder rec = new Recorder();
    HdlcDecoder dec = new HdlcDecoder(rec);
    for (int i = 0; i < 200_000; i++) {
      dec.putBit(r.nextInt(2));
    }
    assertThat(rec.good).isEmpty();
  }

  @Test
  void tooLongFrameIsReportedBad() {
    HdlcEncoder enc = new HdlcEncoder(8);
    enc.sendFrame(new byte[100]);
    enc.finish();
    Recorder rec = new Recorder();
    HdlcDecoder dec = new HdlcDecoder(rec, 5, 50);
    for (int b : drain(enc)) {
      dec.putBit(b);
    }
    assertThat(rec.good).isEmpty();
    assertThat(rec.bad).hasSize(1);
  }

  @Test
  void frameWhoseFcsEndsInFiveOnesGetsItsStuffedZeroBeforeTheFlag() {
    // find a frame whose last FCS octet ends (in transmission order, MSB last) in 0 + five ones
    byte[] frame = null;
    for (int v = 0; v < 65536 && frame == null; v++) {
      byte[] f = {(byte) 0xFF, 0x13, (byte) (v >> 8), (byte) v};
      int fcs = HdlcFcs.fcs(f, 0, f.length);
      if (((fcs >>> 8) & 0xFC) == 0xF8) { // 0 then five ones, last sent
        frame = f;
      }
    }
    assertThat(frame).isNotNull();
    HdlcEncoder enc = new HdlcEncoder(1, 1, 0);
    enc.sendFrame(frame);
    enc.finish();
    List<Integer> bits = drain(enc);
    List<Integer> body = bits.subList(8, bits.size() - 8);
    assertThat(body.get(body.size() - 1)).isZero(); // the inserted zero
    assertThat(body.subList(body.size() - 6, body.size() - 1)).containsOnly(1);
    Recorder rec = new Recorder();
    HdlcDecoder dec = new HdlcDecoder(rec, 1, 64);
    bits.forEach(dec::putBit);
    assertThat(rec.good).hasSize(1);
    assertThat(rec.good.get(0)).isEqualTo(frame);
  }
}
