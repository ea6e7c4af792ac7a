package org.faxgw.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HDLC frames of a HylaFAX session log (SessionTracing 0x4F): {@code <-- HDLC<n:hex>} frames
 * the station sent (without FCS), {@code --> HDLC<n:hex>} frames it received (with the 2-octet
 * FCS). HylaFAX prints each octet in T.30 bit notation (first bit on the line = most significant),
 * so the octets are bit-reversed here into the order HDLC receives them.
 */
public record HylaFaxSessionLog(List<Entry> frames) {
  /** One frame: sent or received, its octets in HDLC order, the log line. */
  public record Entry(boolean sent, byte[] octets, String line) {
    /** The octets without the FCS for a received frame. */
    public byte[] withoutFcs() {
      return sent ? octets : java.util.Arrays.copyOf(octets, octets.length - 2);
    }
  }

  private static final Pattern HDLC = Pattern.compile("(<--|-->) HDLC<(\\d+):([0-9A-Fa-f ]*)>");

  /** Reads a session log file. */
  public static HylaFaxSessionLog read(Path log) throws IOException {
    return parse(Files.readString(log, StandardCharsets.ISO_8859_1));
  }

  /** Parses the text of a session log. */
  public static HylaFaxSessionLog parse(String text) {
    List<Entry> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      Matcher m = HDLC.matcher(line);
      if (!m.find()) {
        continue;
      }
      byte[] printed = HexFormat.of().parseHex(m.group(3).replace(" ", ""));
      if (printed.length != Integer.parseInt(m.group(2))) {
        throw new IllegalStateException("length mismatch in " + line);
      }
      byte[] octets = new byte[printed.length];
      for (int i = 0; i < printed.length; i++) {
        octets[i] = (byte) (Integer.reverse(printed[i] & 0xFF) >>> 24);
      }
      out.add(new Entry(m.group(1).equals("<--"), octets, line));
    }
    return new HylaFaxSessionLog(List.copyOf(out));
  }

  /** The frames the station sent, without FCS. */
  public List<Entry> sent() {
    return frames.stream().filter(Entry::sent).toList();
  }

  /** The frames the station received, with their FCS. */
  public List<Entry> received() {
    return frames.stream().filter(e -> !e.sent()).toList();
  }
}
