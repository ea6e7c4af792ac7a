package org.faxgw.gateway.live;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the HDLC frames out of a HylaFAX session log (SessionTracing 0x4F). */
public final class HylafaxSessionLog {
  /** {@code <-- HDLC<13:FF C8 01 ...>}: a frame HylaFAX sent; {@code -->} one it received. */
  private static final Pattern HDLC = Pattern.compile("(<--|-->) HDLC<(\\d+):([0-9A-F ]+)>");

  private HylafaxSessionLog() {}

  /**
   * The frames HylaFAX sent, as octets in line order (LSB first, as an HDLC receiver delivers
   * them): HylaFAX prints each octet in T.30 table notation, the first bit on the line as the most
   * significant, so every octet is bit-reversed here. Address, control, FCF and FIF; no FCS.
   */
  public static List<byte[]> sentFrames(String log) {
    return frames(log, "<--");
  }

  /** The frames HylaFAX received (same form as {@link #sentFrames}). */
  public static List<byte[]> receivedFrames(String log) {
    return frames(log, "-->");
  }

  private static List<byte[]> frames(String log, String dir) {
    List<byte[]> out = new ArrayList<>();
    Matcher m = HDLC.matcher(log);
    while (m.find()) {
      if (!m.group(1).equals(dir)) {
        continue;
      }
      byte[] b = HexFormat.ofDelimiter(" ").parseHex(m.group(3).trim());
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (Integer.reverse(b[i] & 0xFF) >>> 24);
      }
      // Received frames carry the two FCS octets at the end; sent ones do not.
      int n = dir.equals("-->") ? b.length - 2 : b.length;
      out.add(java.util.Arrays.copyOf(b, Math.max(0, n)));
    }
    return out;
  }
}
