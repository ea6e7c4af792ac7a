package org.faxgw.gateway.analyze;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the UDP datagrams of a capture file held in memory: classic pcap (libpcap format, micro- or
 * nanosecond timestamps, either byte order) and pcapng (Section Header, Interface Description,
 * Enhanced and Simple Packet blocks). Link types: Ethernet (1, with 802.1Q tags), BSD loopback (0,
 * 108), raw IP (101, 228, 229), Linux cooked v1 (113) and v2 (276). IPv4 (first fragments only) and
 * IPv6 (no extension headers). Other packets are counted and skipped.
 *
 * <p>A capture cut off in the middle of a packet is read up to the last whole packet and reported
 * as {@link Result#truncated()}; anything that is not a capture at all is a {@link
 * PcapFormatException}.
 */
public final class PcapReader {
  /** Limit on the number of packets read (ARCHITECTURE.md rule 7): a day of 20 ms frames. */
  public static final int MAX_PACKETS = 10_000_000;

  /** What was read. */
  public record Result(
      String format, List<UdpDatagram> datagrams, int packets, int skipped, boolean truncated) {}

  private PcapReader() {}

  /** Reads {@code data}, a whole capture file. */
  public static Result read(byte[] data) throws PcapFormatException {
    if (data.length < 4) {
      throw new PcapFormatException("not a capture file: only " + data.length + " bytes");
    }
    int magicBe = ByteBuffer.wrap(data, 0, 4).order(ByteOrder.BIG_ENDIAN).getInt();
    switch (magicBe) {
      case 0xA1B2C3D4:
        return readPcap(data, ByteOrder.BIG_ENDIAN, false);
      case 0xD4C3B2A1:
        return readPcap(data, ByteOrder.LITTLE_ENDIAN, false);
      case 0xA1B23C4D:
        return readPcap(data, ByteOrder.BIG_ENDIAN, true);
      case 0x4D3CB2A1:
        return readPcap(data, ByteOrder.LITTLE_ENDIAN, true);
      case 0x0A0D0D0A:
        return readPcapng(data);
      default:
        throw new PcapFormatException(
            String.format("not a pcap or pcapng file (magic %08x)", magicBe));
    }
  }

  /** True when {@code data} starts like a capture file. */
  public static boolean looksLikeCapture(byte[] data) {
    if (data.length < 4) {
      return false;
    }
    int m = ByteBuffer.wrap(data, 0, 4).order(ByteOrder.BIG_ENDIAN).getInt();
    return m == 0xA1B2C3D4
        || m == 0xD4C3B2A1
        || m == 0xA1B23C4D
        || m == 0x4D3CB2A1
        || m == 0x0A0D0D0A;
  }

  private static Result readPcap(byte[] data, ByteOrder order, boolean nanos)
      throws PcapFormatException {
    if (data.length < 24) {
      throw new PcapFormatException("pcap file header cut off (" + data.length + " bytes)");
    }
    ByteBuffer b = ByteBuffer.wrap(data).order(order);
    int linkType = b.getInt(20) & 0x0FFFFFFF; // upper bits may carry FCS info
    List<UdpDatagram> out = new ArrayList<>();
    int off = 24;
    int packets = 0;
    int skipped = 0;
    boolean truncated = false;
    while (off < data.length) {
      if (packets >= MAX_PACKETS) {
        throw new PcapFormatException("more than " + MAX_PACKETS + " packets");
      }
      if (off + 16 > data.length) {
        truncated = true;
        break;
      }
      long sec = b.getInt(off) & 0xFFFFFFFFL;
      long frac = b.getInt(off + 4) & 0xFFFFFFFFL;
      long incl = b.getInt(off + 8) & 0xFFFFFFFFL;
      if (incl > 262_144) {
        throw new PcapFormatException(
            "packet " + (packets + 1) + " claims " + incl + " bytes: damaged capture");
      }
      if (off + 16 + incl > data.length) {
        truncated = true;
        break;
      }
      packets++;
      long t = sec * 1_000_000_000L + (nanos ? frac : frac * 1000);
      UdpDatagram d = decodeLink(linkType, data, off + 16, (int) incl, packets, t);
      if (d == null) {
        skipped++;
      } else {
        out.add(d);
      }
      off += 16 + (int) incl;
    }
    return new Result("pcap", out, packets, skipped, truncated);
  }

  private static Result readPcapng(byte[] data) throws PcapFormatException {
    List<UdpDatagram> out = new ArrayList<>();
    List<int[]> ifLink = new ArrayList<>(); // {linktype}
    List<long[]> ifRes = new ArrayList<>(); // {ticks per second}
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    int off = 0;
    int packets = 0;
    int skipped = 0;
    boolean truncated = false;
    while (off < data.length) {
      if (off + 12 > data.length) {
        truncated = true;
        break;
      }
      ByteBuffer b = ByteBuffer.wrap(data).order(order);
      int type = b.getInt(off);
      if (type == 0x0A0D0D0A) {
        if (off + 12 > data.length) {
          truncated = true;
          break;
        }
        int bom = ByteBuffer.wrap(data, off + 8, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        if (bom == 0x1A2B3C4D) {
          order = ByteOrder.BIG_ENDIAN;
        } else if (bom == 0x4D3C2B1A) {
          order = ByteOrder.LITTLE_ENDIAN;
        } else {
          throw new PcapFormatException("pcapng section header with a bad byte-order magic");
        }
        b = ByteBuffer.wrap(data).order(order);
        ifLink.clear();
        ifRes.clear();
      }
      long len = b.getInt(off + 4) & 0xFFFFFFFFL;
      if (len < 12 || (len & 3) != 0) {
        throw new PcapFormatException("pcapng block of bad length " + len + " at byte " + off);
      }
      if (off + len > data.length) {
        truncated = true;
        break;
      }
      int body = off + 8;
      int bodyLen = (int) len - 12;
      if (type == 1) { // Interface Description Block
        if (bodyLen < 8) {
          throw new PcapFormatException("pcapng interface block too short");
        }
        int linkType = b.getShort(body) & 0xFFFF;
        long ticks = 1_000_000L;
        int o = body + 8;
        while (o + 4 <= body + bodyLen) {
          int code = b.getShort(o) & 0xFFFF;
          int olen = b.getShort(o + 2) & 0xFFFF;
          if (code == 0) {
            break;
          }
          if (code == 9 && olen >= 1 && o + 4 < body + bodyLen) {
            int v = data[o + 4] & 0xFF;
            int exp = v & 0x7F;
            if ((v & 0x80) == 0 && exp <= 18) {
              ticks = 1;
              for (int i = 0; i < exp; i++) {
                ticks *= 10;
              }
            } else if ((v & 0x80) != 0 && exp <= 62) {
              ticks = 1L << exp;
            }
          }
          o += 4 + ((olen + 3) & ~3);
        }
        ifLink.add(new int[] {linkType});
        ifRes.add(new long[] {ticks});
      } else if (type == 6 || type == 3) { // Enhanced / Simple Packet Block
        if (packets >= MAX_PACKETS) {
          throw new PcapFormatException("more than " + MAX_PACKETS + " packets");
        }
        packets++;
        int ifId;
        long t;
        int capLen;
        int pkt;
        if (type == 6) {
          if (bodyLen < 20) {
            throw new PcapFormatException("pcapng packet block too short");
          }
          ifId = b.getInt(body);
          long ts = ((b.getInt(body + 4) & 0xFFFFFFFFL) << 32) | (b.getInt(body + 8) & 0xFFFFFFFFL);
          capLen = b.getInt(body + 12);
          pkt = body + 20;
          long ticks = ifId >= 0 && ifId < ifRes.size() ? ifRes.get(ifId)[0] : 1_000_000L;
          t = ticks == 1_000_000_000L ? ts : (long) (ts * (1e9 / ticks));
        } else {
          ifId = 0;
          capLen = Math.min(b.getInt(body), bodyLen - 4);
          pkt = body + 4;
          t = 0;
        }
        if (ifId < 0 || ifId >= ifLink.size()) {
          throw new PcapFormatException("pcapng packet for undeclared interface " + ifId);
        }
        if (capLen < 0 || pkt + capLen > off + len) {
          throw new PcapFormatException("pcapng packet longer than its block");
        }
        UdpDatagram d = decodeLink(ifLink.get(ifId)[0], data, pkt, capLen, packets, t);
        if (d == null) {
          skipped++;
        } else {
          out.add(d);
        }
      }
      off += (int) len;
    }
    return new Result("pcapng", out, packets, skipped, truncated);
  }

  private static UdpDatagram decodeLink(
      int linkType, byte[] d, int off, int len, int index, long t) {
    int ip;
    int end = off + len;
    switch (linkType) {
      case 1 -> { // Ethernet, with any number of 802.1Q/802.1ad tags
        int p = off + 12;
        if (p + 2 > end) {
          return null;
        }
        int ethType = u16(d, p);
        while ((ethType == 0x8100 || ethType == 0x88A8) && p + 6 <= end) {
          p += 4;
          ethType = u16(d, p);
        }
        if (ethType != 0x0800 && ethType != 0x86DD) {
          return null;
        }
        ip = p + 2;
      }
      case 0, 108 -> ip = off + 4; // BSD loopback / OpenBSD loop: 4-byte family
      case 101, 228, 229, 12, 14 -> ip = off; // raw IP
      case 113 -> ip = off + 16; // Linux cooked v1
      case 276 -> ip = off + 20; // Linux cooked v2
      default -> {
        return null;
      }
    }
    if (ip >= end) {
      return null;
    }
    int version = (d[ip] & 0xFF) >>> 4;
    int udp;
    String src;
    String dst;
    if (version == 4) {
      int ihl = (d[ip] & 0x0F) * 4;
      if (ihl < 20 || ip + ihl + 8 > end || (d[ip + 9] & 0xFF) != 17) {
        return null;
      }
      int fragOff = u16(d, ip + 6) & 0x1FFF;
      if (fragOff != 0) {
        return null;
      }
      src =
          (d[ip + 12] & 0xFF)
              + "."
              + (d[ip + 13] & 0xFF)
              + "."
              + (d[ip + 14] & 0xFF)
              + "."
              + (d[ip + 15] & 0xFF);
      dst =
          (d[ip + 16] & 0xFF)
              + "."
              + (d[ip + 17] & 0xFF)
              + "."
              + (d[ip + 18] & 0xFF)
              + "."
              + (d[ip + 19] & 0xFF);
      udp = ip + ihl;
    } else if (version == 6) {
      if (ip + 40 + 8 > end || (d[ip + 6] & 0xFF) != 17) {
        return null;
      }
      src = "[" + ipv6(d, ip + 8) + "]";
      dst = "[" + ipv6(d, ip + 24) + "]";
      udp = ip + 40;
    } else {
      return null;
    }
    int sport = u16(d, udp);
    int dport = u16(d, udp + 2);
    int ulen = u16(d, udp + 4);
    int payloadLen = Math.min(ulen - 8, end - udp - 8);
    if (payloadLen < 0) {
      return null;
    }
    byte[] payload = new byte[payloadLen];
    System.arraycopy(d, udp + 8, payload, 0, payloadLen);
    return new UdpDatagram(index, t, src + ":" + sport, dst + ":" + dport, payload);
  }

  private static String ipv6(byte[] d, int off) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(Integer.toHexString(u16(d, off + 2 * i)));
    }
    return sb.toString();
  }

  private static int u16(byte[] b, int i) {
    return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
  }
}
