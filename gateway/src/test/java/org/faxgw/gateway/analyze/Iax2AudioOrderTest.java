package org.faxgw.gateway.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.faxgw.iax2.MediaFormat;
import org.junit.jupiter.api.Test;

/** Voice frames out of order, repeated, missing and across the 16-bit timestamp wrap. */
class Iax2AudioOrderTest {
  private static byte[] payload(int n) {
    byte[] p = new byte[160];
    java.util.Arrays.fill(p, (byte) n);
    return p;
  }

  private static UdpDatagram full(long ts, int n) {
    ByteBuffer b = ByteBuffer.allocate(12 + 160);
    b.putShort((short) 0x8001).putShort((short) 2).putInt((int) ts);
    b.put((byte) 0).put((byte) 0).put((byte) 2).put((byte) 0x08).put(payload(n));
    return new UdpDatagram(0, 0, "a:1", "b:2", b.array());
  }

  private static UdpDatagram mini(long ts, int n) {
    ByteBuffer b = ByteBuffer.allocate(4 + 160);
    b.putShort((short) 1).putShort((short) ts).put(payload(n));
    return new UdpDatagram(0, 0, "a:1", "b:2", b.array());
  }

  @Test
  void framesArePutInTimestampOrder() {
    List<UdpDatagram> in = new ArrayList<>();
    in.add(full(20, 1));
    in.add(mini(60, 3));
    in.add(mini(40, 2)); // late
    in.add(mini(40, 2)); // repeated
    in.add(mini(120, 6)); // 80, 100 missing
    DirectionAudio d = Iax2AudioExtractor.extract(in).directions().get(0);
    assertThat(d.format()).isEqualTo(MediaFormat.ALAW);
    assertThat(d.duplicateFrames()).isEqualTo(1);
    assertThat(d.missingFrames()).isEqualTo(2);
    byte[] a = d.audio();
    assertThat(a).hasSize(6 * 160);
    assertThat(a[0]).isEqualTo((byte) 1);
    assertThat(a[160]).isEqualTo((byte) 2);
    assertThat(a[320]).isEqualTo((byte) 3);
    assertThat(a[480]).isEqualTo((byte) 0xD5); // A-law silence
    assertThat(a[800]).isEqualTo((byte) 6);
  }

  @Test
  void miniFramesFollowTheTimestampAcrossThe16BitWrap() {
    List<UdpDatagram> in = new ArrayList<>();
    in.add(full(65480, 1));
    in.add(mini(65500, 2));
    in.add(mini(65520 & 0xFFFF, 3));
    in.add(mini((65540) & 0xFFFF, 4)); // wrapped: 4
    in.add(mini((65560) & 0xFFFF, 5));
    DirectionAudio d = Iax2AudioExtractor.extract(in).directions().get(0);
    assertThat(d.missingFrames()).isZero();
    byte[] a = d.audio();
    assertThat(a).hasSize(5 * 160);
    for (int i = 0; i < 5; i++) {
      assertThat(a[i * 160]).isEqualTo((byte) (i + 1));
    }
  }

  @Test
  void miniFramesBeforeAnyFormatAreCountedNotGuessed() {
    Iax2AudioExtractor.Extraction x = Iax2AudioExtractor.extract(List.of(mini(20, 1)));
    assertThat(x.directions()).isEmpty();
    assertThat(x.voiceWithoutFormat()).isEqualTo(1);
  }

  @Test
  void aFrameLaterThanThePlayoutDelayIsDroppedAndItsSlotIsMissing() {
    List<UdpDatagram> in = new ArrayList<>();
    in.add(full(20, 1));
    for (int i = 2; i <= 40; i++) {
      if (i != 3) {
        in.add(mini(20L * i, i));
      }
    }
    in.add(mini(60, 3)); // 740 ms late: beyond the 500 ms playout delay
    DirectionAudio d = Iax2AudioExtractor.extract(in).directions().get(0);
    assertThat(d.missingFrames()).isEqualTo(1);
    assertThat(d.voiceFrames()).isEqualTo(39);
    assertThat(d.audio()).hasSize(40 * 160);
    assertThat(d.audio()[2 * 160]).isEqualTo((byte) 0xD5);
  }

  @Test
  void aLongGapIsFilledAndAGapOverAMinuteIsNot() {
    List<UdpDatagram> in = new ArrayList<>();
    in.add(full(20, 1));
    in.add(full(20 + 10_000, 2)); // 10 s later: 499 missing slots
    in.add(full(20 + 10_000 + 120_000, 3)); // 2 min later: not filled
    DirectionAudio d = Iax2AudioExtractor.extract(in).directions().get(0);
    assertThat(d.missingFrames()).isEqualTo(499);
    assertThat(d.audio()).hasSize((3 + 499) * 160);
    assertThat(d.audio()[(1 + 499) * 160]).isEqualTo((byte) 2);
  }
}
