package org.faxgw.gateway.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PcapReaderTest {
  /** An IPv4/UDP packet in an Ethernet frame. */
  static byte[] ethernetUdp(int sport, int dport, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(14 + 20 + 8 + payload.length);
    b.put(new byte[12]).putShort((short) 0x0800);
    b.put((byte) 0x45).put((byte) 0).putShort((short) (28 + payload.length));
    b.putInt(0).put((byte) 64).put((byte) 17).putShort((short) 0);
    b.put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 2});
    b.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload.length));
    b.putShort((short) 0).put(payload);
    return b.array();
  }

  static byte[] pcap(ByteOrder order, byte[]... packets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer h = ByteBuffer.allocate(24).order(order);
    h.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
    h.putInt(65535).putInt(1);
    out.writeBytes(h.array());
    int i = 0;
    for (byte[] p : packets) {
      ByteBuffer r = ByteBuffer.allocate(16).order(order);
      r.putInt(1000 + i).putInt(500_000).putInt(p.length).putInt(p.length);
      out.writeBytes(r.array());
      out.writeBytes(p);
      i++;
    }
    return out.toByteArray();
  }

  static byte[] pcapng(byte[]... packets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer shb = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
    shb.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0);
    shb.putLong(-1).putInt(28);
    out.writeBytes(shb.array());
    // IDB with if_tsresol = 9 (nanoseconds)
    ByteBuffer idb = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    idb.putInt(1).putInt(32).putShort((short) 1).putShort((short) 0).putInt(65535);
    idb.putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3]);
    idb.putInt(0).putInt(32);
    out.writeBytes(idb.array());
    long ts = 1_000_000_000_123L;
    for (byte[] p : packets) {
      int padded = (p.length + 3) & ~3;
      int len = 32 + padded;
      ByteBuffer epb = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
      epb.putInt(6).putInt(len).putInt(0).putInt((int) (ts >>> 32)).putInt((int) ts);
      epb.putInt(p.length).putInt(p.length).put(p).put(new byte[padded - p.length]).putInt(len);
      out.writeBytes(epb.array());
      ts += 20_000_000;
    }
    return out.toByteArray();
  }

  @Test
  void readsClassicPcapInBothByteOrders() throws Exception {
    byte[] pkt = ethernetUdp(4570, 4571, new byte[] {1, 2, 3, 4, 5});
    for (ByteOrder o : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
      PcapReader.Result r = PcapReader.read(pcap(o, pkt, pkt));
      assertThat(r.format()).isEqualTo("pcap");
      assertThat(r.packets()).isEqualTo(2);
      assertThat(r.truncated()).isFalse();
      UdpDatagram d = r.datagrams().get(1);
      assertThat(d.source()).isEqualTo("127.0.0.1:4570");
      assertThat(d.destination()).isEqualTo("127.0.0.2:4571");
      assertThat(d.payload()).containsExactly(1, 2, 3, 4, 5);
      assertThat(d.timeNanos()).isEqualTo(1001_500_000_000L);
    }
  }

  @Test
  void readsPcapngWithNanosecondResolution() throws Exception {
    byte[] pkt = ethernetUdp(4571, 4570, new byte[] {9, 8, 7});
    PcapReader.Result r = PcapReader.read(pcapng(pkt, pkt, pkt));
    assertThat(r.format()).isEqualTo("pcapng");
    assertThat(r.datagrams()).hasSize(3);
    assertThat(r.datagrams().get(0).timeNanos()).isEqualTo(1_000_000_000_123L);
    assertThat(r.datagrams().get(2).payload()).containsExactly(9, 8, 7);
  }

  @Test
  void aCutOffCaptureIsReadUpToItsLastWholePacket() throws Exception {
    byte[] whole = Files.readAllBytes(CallFixture.of("s-v29-7200-mr-ulaw-1p").pcap());
    PcapReader.Result full = PcapReader.read(whole);
    PcapReader.Result cut = PcapReader.read(Arrays.copyOf(whole, whole.length / 2 + 7));
    assertThat(cut.truncated()).isTrue();
    assertThat(cut.packets()).isGreaterThan(100).isLessThan(full.packets());
  }

  @Test
  void nonCapturesAreRefusedWithAReason() {
    assertThatThrownBy(() -> PcapReader.read(new byte[] {1, 2}))
        .isInstanceOf(PcapFormatException.class);
    assertThatThrownBy(() -> PcapReader.read("hello, this is text".getBytes()))
        .isInstanceOf(PcapFormatException.class)
        .hasMessageContaining("not a pcap");
    byte[] badLen = pcap(ByteOrder.LITTLE_ENDIAN, new byte[10]);
    ByteBuffer.wrap(badLen).order(ByteOrder.LITTLE_ENDIAN).putInt(24 + 8, 0x7FFFFFFF);
    assertThatThrownBy(() -> PcapReader.read(badLen)).hasMessageContaining("damaged");
  }

  @Test
  void nonUdpPacketsAreSkipped() throws Exception {
    byte[] arp = new byte[42];
    arp[12] = 0x08;
    arp[13] = 0x06;
    PcapReader.Result r = PcapReader.read(pcap(ByteOrder.LITTLE_ENDIAN, arp));
    assertThat(r.packets()).isEqualTo(1);
    assertThat(r.skipped()).isEqualTo(1);
    assertThat(r.datagrams()).isEmpty();
  }
}
