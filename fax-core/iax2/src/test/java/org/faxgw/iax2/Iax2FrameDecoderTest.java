package org.faxgw.iax2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Frames captured between two iaxmodems (fixture s-v17-ecm-mmr-slin-1p, frame-hex.txt, decoded
 * there independently by tshark and the lab's Python reader).
 */
class Iax2FrameDecoderTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  @Test
  void decodesNewWithItsInformationElements() {
    byte[] b =
        hex(
            "eb 3c 00 00 00 00 00 03 00 00 06 01"
                + "0b 02 00 02 02 07 35 35 35 30 31 30 30 04 0a 49 41 58 6d 6f 64 65 6d 20 30 09 04"
                + " 00 00 00 40 08 04 00 00 00 4c 06 09 69 61 78 6d 6f 64 65 6d 30 01 07 35 35 35 30"
                + " 31 30 31 0d 07 35 35 35 30 31 30 31");
    FullFrame f = (FullFrame) Iax2FrameDecoder.decode(b);
    assertThat(f.sourceCall()).isEqualTo(0x6b3c);
    assertThat(f.destinationCall()).isZero();
    assertThat(f.retransmitted()).isFalse();
    assertThat(f.timestamp()).isEqualTo(3);
    assertThat(f.type()).isEqualTo(FrameType.IAX);
    assertThat(f.iaxSubclass()).isEqualTo(IaxSubclass.NEW);
    assertThat(f.informationElements())
        .extracting(InformationElement::type)
        .containsExactly(
            IeType.VERSION,
            IeType.CALLING_NUMBER,
            IeType.CALLING_NAME,
            IeType.FORMAT,
            IeType.CAPABILITY,
            IeType.USERNAME,
            IeType.CALLED_NUMBER,
            IeType.DNID);
    assertThat(f.element(IeType.VERSION).orElseThrow().asUnsigned()).isEqualTo(2);
    assertThat(f.element(IeType.CALLING_NAME).orElseThrow().asString()).isEqualTo("IAXmodem 0");
    assertThat(MediaFormat.ofMask(f.element(IeType.FORMAT).orElseThrow().asUnsigned()))
        .isEqualTo(MediaFormat.SLINEAR);
    assertThat(f.element(IeType.CAPABILITY).orElseThrow().asUnsigned()).isEqualTo(0x4C);
    assertThat(f.element(IeType.CALLED_NUMBER).orElseThrow().describe())
        .isEqualTo("CALLED_NUMBER=\"5550101\"");
  }

  @Test
  void decodesAckControlAndVoiceHeaders() {
    FullFrame ack = (FullFrame) Iax2FrameDecoder.decode(hex("eb3c6b3c000000030001 0604"));
    assertThat(ack.iaxSubclass()).isEqualTo(IaxSubclass.ACK);
    assertThat(ack.destinationCall()).isEqualTo(0x6b3c);
    assertThat(ack.iSeqno()).isEqualTo(1);
    FullFrame answer = (FullFrame) Iax2FrameDecoder.decode(hex("eb3c6b3c00000009020104 04"));
    assertThat(answer.controlSubclass()).isEqualTo(ControlSubclass.ANSWER);
    assertThat(answer.oSeqno()).isEqualTo(2);
    byte[] voice = new byte[12 + 320];
    System.arraycopy(hex("eb3c6b3c000000280103 0240"), 0, voice, 0, 12);
    voice[12 + 2] = 0x13;
    FullFrame v = (FullFrame) Iax2FrameDecoder.decode(voice);
    assertThat(v.mediaFormat()).isEqualTo(MediaFormat.SLINEAR);
    assertThat(v.timestamp()).isEqualTo(40);
    assertThat(v.payloadLength()).isEqualTo(320);
    assertThat(v.payload()[2]).isEqualTo((byte) 0x13);
    assertThat(v.informationElements()).isEmpty();
  }

  @Test
  void decodesMiniFrameAndRetransmitBitAndCompressedSubclass() {
    byte[] mini = new byte[4 + 160];
    mini[0] = 0x6b;
    mini[1] = 0x3c;
    mini[2] = 0x00;
    mini[3] = 0x3c;
    MiniFrame m = (MiniFrame) Iax2FrameDecoder.decode(mini);
    assertThat(m.sourceCall()).isEqualTo(0x6b3c);
    assertThat(m.timestamp16()).isEqualTo(60);
    assertThat(m.payloadLength()).isEqualTo(160);

    FullFrame r = (FullFrame) Iax2FrameDecoder.decode(hex("80 01 80 02 ff ff ff f0 05 06 02 86"));
    assertThat(r.retransmitted()).isTrue();
    assertThat(r.destinationCall()).isEqualTo(2);
    assertThat(r.timestamp()).isEqualTo(0xFFFFFFF0L);
    assertThat(r.subclass()).isEqualTo(64); // C bit: 2^6
    assertThat(r.mediaFormat()).isEqualTo(MediaFormat.SLINEAR);
  }

  @Test
  void badInputIsAValueNotAnException() {
    assertThat(Iax2FrameDecoder.decode(new byte[3])).isInstanceOf(MalformedFrame.class);
    assertThat(Iax2FrameDecoder.decode(hex("8001 0000 00000003 0000 06")))
        .isInstanceOf(MalformedFrame.class);
    // IE length 9 but only 2 octets follow
    assertThat(Iax2FrameDecoder.decode(hex("8001000000000003000006010b09 0002")))
        .isInstanceOfSatisfying(
            MalformedFrame.class, mf -> assertThat(mf.reason()).contains("runs past"));
    assertThat(Iax2FrameDecoder.decode(new byte[Iax2FrameDecoder.MAX_FRAME + 1]))
        .isInstanceOf(MalformedFrame.class);
    assertThat(Iax2FrameDecoder.decode(hex("0000 8000 0000"))).isEqualTo(new MetaFrame(true, 6));
  }

  @Test
  void everyRandomDatagramDecodesToSomeValue() {
    java.util.Random rnd = new java.util.Random(42);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[rnd.nextInt(200)];
      rnd.nextBytes(b);
      assertThat(Iax2FrameDecoder.decode(b)).isNotNull();
    }
  }
}
