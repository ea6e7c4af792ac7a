package org.faxgw.iax2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The encoder is the decoder's inverse, for every frame type and IE, and for real captures. */
class Iax2FrameEncoderTest {

  @Test
  void everyFrameTypeAndSubclassRoundTrips() {
    Random r = new Random(1);
    List<long[]> cases = new ArrayList<>();
    for (FrameType t : FrameType.values()) {
      cases.add(new long[] {t.code(), 0});
      cases.add(new long[] {t.code(), 0x7F});
      cases.add(new long[] {t.code(), 1L << 40}); // compressed subclass (C bit)
    }
    for (IaxSubclass s : IaxSubclass.values()) {
      cases.add(new long[] {FrameType.IAX.code(), s.code()});
    }
    for (ControlSubclass s : ControlSubclass.values()) {
      cases.add(new long[] {FrameType.CONTROL.code(), s.code()});
    }
    for (MediaFormat m : MediaFormat.values()) {
      cases.add(new long[] {FrameType.VOICE.code(), m.bit()});
    }
    for (long[] c : cases) {
      byte[] payload = new byte[c[0] == FrameType.IAX.code() ? 0 : r.nextInt(40)];
      r.nextBytes(payload);
      int scall = 1 + r.nextInt(0x7FFF);
      int dcall = r.nextInt(0x8000);
      boolean rbit = r.nextBoolean();
      long ts = r.nextLong() & 0xFFFFFFFFL;
      byte[] b =
          Iax2FrameEncoder.full(
              scall, dcall, rbit, ts, r.nextInt(256), r.nextInt(256), (int) c[0], c[1], payload);
      FullFrame f = (FullFrame) Iax2FrameDecoder.decode(b);
      assertThat(f.sourceCall()).isEqualTo(scall);
      assertThat(f.destinationCall()).isEqualTo(dcall);
      assertThat(f.retransmitted()).isEqualTo(rbit);
      assertThat(f.timestamp()).isEqualTo(ts);
      assertThat(f.typeCode()).isEqualTo((int) c[0]);
      assertThat(f.subclass()).isEqualTo(c[1]);
      assertThat(f.payload()).isEqualTo(payload);
      assertThat(Iax2FrameEncoder.encode(f)).isEqualTo(b);
    }
  }

  @Test
  void everyInformationElementRoundTrips() {
    List<InformationElement> ies = new ArrayList<>();
    for (IeType t : IeType.values()) {
      switch (t.kind()) {
        case STRING -> ies.add(InformationElement.of(t, "v" + t.name()));
        case UNSIGNED -> ies.add(InformationElement.of(t, 0x1234 + t.code(), 4));
        case BYTES -> ies.add(InformationElement.of(t, new byte[] {1, 2, (byte) t.code()}));
      }
    }
    ies.add(new InformationElement(200, new byte[] {9, 9})); // unknown: kept, skipped by length
    ies.add(InformationElement.of(IeType.CALLTOKEN, new byte[0])); // empty
    ies.add(InformationElement.of(IeType.CAUSE, "x".repeat(255))); // longest
    byte[] b = Iax2FrameEncoder.iax(5, 6, 7, 1, 2, IaxSubclass.NEW, ies);
    FullFrame f = (FullFrame) Iax2FrameDecoder.decode(b);
    assertThat(f.informationElements()).containsExactlyElementsOf(ies);
    assertThat(f.element(IeType.VERSION).orElseThrow().asUnsigned()).isEqualTo(0x1234 + 11);
    assertThat(Iax2FrameEncoder.encode(f)).isEqualTo(b);
  }

  @Test
  void miniFramesAndTheRetransmitBit() {
    byte[] audio = new byte[160];
    Arrays.fill(audio, (byte) 0xD5);
    byte[] b = Iax2FrameEncoder.mini(0x1234, 65_540, audio, 0, 160);
    MiniFrame m = (MiniFrame) Iax2FrameDecoder.decode(b);
    assertThat(m.sourceCall()).isEqualTo(0x1234);
    assertThat(m.timestamp16()).isEqualTo(4); // low 16 bits
    assertThat(Iax2FrameEncoder.encode(m)).isEqualTo(b);
    byte[] ff = Iax2FrameEncoder.iax(1, 2, 3, 0, 0, IaxSubclass.PING, List.of());
    assertThat(
            ((FullFrame) Iax2FrameDecoder.decode(Iax2FrameEncoder.withRetransmitBit(ff)))
                .retransmitted())
        .isTrue();
    assertThatThrownBy(() -> Iax2FrameEncoder.subclassOctet(0x81))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Iax2FrameEncoder.mini(0, 0, audio, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static List<String> calls() {
    return FixturePcap.CALLS;
  }

  @ParameterizedTest
  @MethodSource("calls")
  void everyFrameOfTheRecordedCallsReencodesByteForByte(String call) throws Exception {
    int full = 0;
    int mini = 0;
    java.util.Set<String> kinds = new java.util.TreeSet<>();
    for (FixturePcap.Datagram d : FixturePcap.read(call)) {
      Iax2Frame f = Iax2FrameDecoder.decode(d.payload());
      assertThat(f).isNotInstanceOf(MalformedFrame.class);
      if (f instanceof FullFrame ff) {
        full++;
        kinds.add(ff.describe());
        assertThat(Iax2FrameEncoder.encode(ff)).as(ff.toString()).isEqualTo(d.payload());
        if (!ff.informationElements().isEmpty()) {
          assertThat(Iax2FrameEncoder.informationElements(ff.informationElements()))
              .isEqualTo(ff.payload());
        }
      } else if (f instanceof MiniFrame m) {
        mini++;
        assertThat(Iax2FrameEncoder.encode(m)).isEqualTo(d.payload());
      }
    }
    assertThat(full).isGreaterThan(10);
    assertThat(mini).isGreaterThan(1000);
    assertThat(kinds)
        .contains(
            "IAX NEW",
            "IAX ACK",
            "IAX ACCEPT",
            "CONTROL RINGING",
            "CONTROL ANSWER",
            "IAX HANGUP",
            "IAX PING",
            "IAX PONG");
  }
}
