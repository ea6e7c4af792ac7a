package org.faxgw.smtp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IP network in CIDR notation (RFC 4632), {@code 192.168.0.0/16} or {@code ::1/128}. */
public final class IpNetwork {
  private final String text;
  private final byte[] address;
  private final int prefix;

  private IpNetwork(String text, byte[] address, int prefix) {
    this.text = text;
    this.address = address;
    this.prefix = prefix;
  }

  /** Parses {@code addr/prefix} or a single address. Literal addresses only, never a DNS name. */
  public static IpNetwork parse(String cidr) {
    String t = cidr.trim();
    int slash = t.indexOf('/');
    String addr = slash < 0 ? t : t.substring(0, slash);
    if (!addr.matches("[0-9a-fA-F:.]+") || !(addr.contains(".") || addr.contains(":"))) {
      throw new IllegalArgumentException(
          "expected an IP network such as 10.0.0.0/8, got \"" + cidr + "\"");
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(addr).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bad IP address in \"" + cidr + "\"");
    }
    int prefix;
    try {
      prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(t.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad prefix length in \"" + cidr + "\"");
    }
    if (prefix < 0 || prefix > bytes.length * 8) {
      throw new IllegalArgumentException("prefix length out of range in \"" + cidr + "\"");
    }
    return new IpNetwork(t, bytes, prefix);
  }

  /** True when {@code a} lies in this network (an IPv4-mapped IPv6 address counts as IPv4). */
  public boolean contains(InetAddress a) {
    byte[] b = a.getAddress();
    if (b.length == 16 && address.length == 4 && isV4Mapped(b)) {
      b = Arrays.copyOfRange(b, 12, 16);
    }
    if (b.length != address.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (b[i] != address[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (b[full] & mask) == (address[full] & mask);
  }

  private static boolean isV4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpNetwork n && n.prefix == prefix && Arrays.equals(n.address, address);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(address) * 31 + prefix;
  }

  @Override
  public String toString() {
    return text;
  }
}
