package org.faxgw.iax2.protocol;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Values of the IEs a registrar sends in REGACK (RFC 5456 6.2, 8.6.17, 8.6.28). */
final class RegistrarElements {
  private RegistrarElements() {}

  static String hostPort(InetSocketAddress a) {
    return (a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString())
        + ":"
        + a.getPort();
  }

  /**
   * RFC 5456 8.6.17 APPARENT_ADDR: the address as a BSD sockaddr_in (family 2 little-endian as
   * Asterisk on Linux sends it, port and address in network order, 8 zero octets); IPv4 only.
   */
  static byte[] apparentAddress(InetSocketAddress a) {
    if (!(a.getAddress() instanceof Inet4Address v4)) {
      return null;
    }
    byte[] b = new byte[16];
    b[0] = 2;
    b[2] = (byte) (a.getPort() >>> 8);
    b[3] = (byte) a.getPort();
    System.arraycopy(v4.getAddress(), 0, b, 4, 4);
    return b;
  }

  /**
   * RFC 5456 8.6.28 DATETIME: seconds/2 (bits 0-4), minutes (5-10), hours (11-15), day (16-20),
   * month (21-24), years since 2000 (25-31), UTC.
   */
  static long dateTime(long epochMillis) {
    ZonedDateTime t = Instant.ofEpochMilli(Math.max(0, epochMillis)).atZone(ZoneOffset.UTC);
    long year = Math.max(0, Math.min(127, t.getYear() - 2000));
    return (year << 25)
        | ((long) t.getMonthValue() << 21)
        | ((long) t.getDayOfMonth() << 16)
        | ((long) t.getHour() << 11)
        | ((long) t.getMinute() << 5)
        | (t.getSecond() / 2);
  }
}
