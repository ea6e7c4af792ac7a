package org.faxgw.iax2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of a pcap reader for the recorded calls: classic little-endian pcap, Ethernet, IPv4,
 * UDP (what the lab's tcpdump wrote). The captures live in the gateway's test resources ({@code
 * gateway/src/test/resources/calls/*}/iax2.pcap, see PROVENANCE.md there); they are read in place
 * rather than copied. The gateway's analyze package has the full reader.
 */
public final class FixturePcap {
  public static final List<String> CALLS =
      List.of(
          "s-v17-ecm-mmr-alaw-3p",
          "s-v17-ecm-mmr-slin-1p",
          "s-v17-noecm-mr-alaw-1p",
          "s-v27ter-4800-mr-alaw-1p",
          "s-v29-7200-mr-ulaw-1p");

  /** One UDP payload with its ports and capture time. */
  public record Datagram(long timeMicros, int sourcePort, int destinationPort, byte[] payload) {}

  private FixturePcap() {}

  public static Path pcap(String call) {
    String root = System.getProperty("faxgw.root");
    Path base = root != null ? Path.of(root) : Path.of("../..").toAbsolutePath().normalize();
    return base.resolve("gateway/src/test/resources/calls").resolve(call).resolve("iax2.pcap");
  }

  public static List<Datagram> read(String call) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap(call))).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(0) != 0xA1B2C3D4 || b.getInt(20) != 1) {
      throw new IOException("not a little-endian Ethernet pcap: " + call);
    }
    List<Datagram> out = new ArrayList<>();
    int p = 24;
    while (p + 16 <= b.limit()) {
      long time = (b.getInt(p) & 0xFFFFFFFFL) * 1_000_000 + (b.getInt(p + 4) & 0xFFFFFFFFL);
      int incl = b.getInt(p + 8);
      int frame = p + 16;
      p = frame + incl;
      if (p > b.limit()) {
        break;
      }
      int eth = ((b.get(frame + 12) & 0xFF) << 8) | (b.get(frame + 13) & 0xFF);
      int ip = frame + 14;
      if (eth != 0x0800 || (b.get(ip + 9) & 0xFF) != 17) {
        continue;
      }
      int udp = ip + (b.get(ip) & 0x0F) * 4;
      int sport = ((b.get(udp) & 0xFF) << 8) | (b.get(udp + 1) & 0xFF);
      int dport = ((b.get(udp + 2) & 0xFF) << 8) | (b.get(udp + 3) & 0xFF);
      int ulen = ((b.get(udp + 4) & 0xFF) << 8) | (b.get(udp + 5) & 0xFF);
      byte[] payload = new byte[Math.min(ulen - 8, p - (udp + 8))];
      b.get(udp + 8, payload);
      out.add(new Datagram(time, sport, dport, payload));
    }
    return out;
  }
}
