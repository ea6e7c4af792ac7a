package org.faxgw.gateway.analyze;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faxgw.iax2.FrameType;
import org.faxgw.iax2.FullFrame;
import org.faxgw.iax2.Iax2Frame;
import org.faxgw.iax2.Iax2FrameDecoder;
import org.faxgw.iax2.IaxSubclass;
import org.faxgw.iax2.IeType;
import org.faxgw.iax2.InformationElement;
import org.faxgw.iax2.MalformedFrame;
import org.faxgw.iax2.MediaFormat;
import org.faxgw.iax2.MiniFrame;

/**
 * Rebuilds each direction's audio from the IAX2 VOICE frames of a capture (RFC 5456 8.1): full
 * VOICE frames carry the format and the whole 32-bit timestamp; mini frames carry the low 16 bits,
 * extended from the direction's last timestamp (a full frame is sent when the upper bits change,
 * RFC 5456 8.1.2). Frames are put in timestamp order, repeats dropped and missing 20 ms slots
 * filled with silence. A direction is a (source, destination) address pair, because both ends of a
 * call may use the same call number.
 */
public final class Iax2AudioExtractor {

  /** Summary of the IAX2 signalling seen, plus the audio. */
  public record Extraction(
      List<DirectionAudio> directions,
      List<String> signalling,
      int iax2Frames,
      int fullFrames,
      int malformedFrames,
      int voiceWithoutFormat) {}

  private static final class Dir {
    final String src;
    final String dst;
    MediaFormat format;
    long lastTs = -1;
    final List<long[]> order = new ArrayList<>(); // {ts, seq, full?1:0}
    final List<byte[]> payloads = new ArrayList<>();
    final List<MediaFormat> formats = new ArrayList<>();

    Dir(String src, String dst) {
      this.src = src;
      this.dst = dst;
    }
  }

  private Iax2AudioExtractor() {}

  /** Extracts the audio of every direction that sent voice. */
  public static Extraction extract(List<UdpDatagram> datagrams) {
    Map<String, Dir> dirs = new LinkedHashMap<>();
    List<String> signalling = new ArrayList<>();
    String caller = null;
    MediaFormat negotiated = null;
    int iax2 = 0;
    int fullFrames = 0;
    int malformed = 0;
    int noFormat = 0;
    long t0 = datagrams.isEmpty() ? 0 : datagrams.get(0).timeNanos();
    for (UdpDatagram d : datagrams) {
      Iax2Frame f = Iax2FrameDecoder.decode(d.payload());
      Dir dir =
          dirs.computeIfAbsent(
              d.source() + ">" + d.destination(), k -> new Dir(d.source(), d.destination()));
      if (f instanceof MalformedFrame) {
        malformed++;
        continue;
      }
      if (f instanceof FullFrame ff) {
        if (ff.type() == null) {
          malformed++;
          continue;
        }
        iax2++;
        fullFrames++;
        if (ff.type() == FrameType.VOICE) {
          MediaFormat mf = ff.mediaFormat();
          if (mf == null) {
            noFormat++;
            continue;
          }
          dir.format = mf;
          add(dir, ff.timestamp(), true, ff.payload(), mf);
          continue;
        }
        IaxSubclass sub = ff.iaxSubclass();
        if (sub == IaxSubclass.ACK) {
          continue;
        }
        if (sub == IaxSubclass.NEW && caller == null) {
          caller = d.source();
        }
        if (sub == IaxSubclass.NEW || sub == IaxSubclass.ACCEPT) {
          MediaFormat mf =
              ff.element(IeType.FORMAT).map(e -> MediaFormat.ofMask(e.asUnsigned())).orElse(null);
          if (mf != null) {
            negotiated = mf;
          }
        }
        if (ff.type() == FrameType.IAX || ff.type() == FrameType.CONTROL) {
          if (sub == IaxSubclass.PING || sub == IaxSubclass.PONG) {
            continue;
          }
          StringBuilder sb = new StringBuilder();
          sb.append(String.format("%8.3f s  ", (d.timeNanos() - t0) / 1e9));
          sb.append(d.source()).append(" -> ").append(d.destination()).append("  ");
          sb.append(ff.describe());
          for (InformationElement e : ff.informationElements()) {
            sb.append("  ").append(e.describe());
          }
          signalling.add(sb.toString());
        }
      } else if (f instanceof MiniFrame m) {
        iax2++;
        MediaFormat mf = dir.format != null ? dir.format : negotiated;
        if (mf == null) {
          noFormat++;
          continue;
        }
        long ts;
        if (dir.lastTs < 0) {
          ts = m.timestamp16();
        } else {
          ts = (dir.lastTs & ~0xFFFFL) | m.timestamp16();
          if (ts < dir.lastTs - 0x8000) {
            ts += 0x10000;
          } else if (ts > dir.lastTs + 0x8000 && ts >= 0x10000) {
            ts -= 0x10000;
          }
        }
        add(dir, ts, false, m.payload(), mf);
      }
    }
    List<DirectionAudio> out = new ArrayList<>();
    for (Dir dir : dirs.values()) {
      if (dir.order.isEmpty()) {
        continue;
      }
      String role =
          caller == null
              ? "unknown"
              : caller.equals(dir.src) ? "caller" : caller.equals(dir.dst) ? "callee" : "unknown";
      out.add(assemble(dir, role));
    }
    return new Extraction(out, signalling, iax2, fullFrames, malformed, noFormat);
  }

  private static void add(Dir dir, long ts, boolean full, byte[] payload, MediaFormat mf) {
    dir.order.add(new long[] {ts, dir.order.size(), full ? 1 : 0});
    dir.payloads.add(payload);
    dir.formats.add(mf);
    dir.lastTs = Math.max(dir.lastTs, ts);
  }

  private static DirectionAudio assemble(Dir dir, String role) {
    List<long[]> order = new ArrayList<>(dir.order);
    order.sort(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]));
    // The format of the first frame decides; frames in another format are dropped (a mid-call
    // format change is not a fax call's business).
    MediaFormat fmt = dir.formats.get((int) order.get(0)[1]);
    ByteArrayOutputStream audio = new ByteArrayOutputStream();
    byte[] silence = AudioCodec.silence(fmt);
    long prevTs = -1;
    long prevMs = 0;
    int used = 0;
    int full = 0;
    int missing = 0;
    int dup = 0;
    for (long[] o : order) {
      int i = (int) o[1];
      if (dir.formats.get(i) != fmt) {
        continue;
      }
      byte[] p = dir.payloads.get(i);
      long ts = o[0];
      if (ts == prevTs) {
        dup++;
        continue;
      }
      long frameMs = Math.max(1, p.length / fmt.bytesPerSample() / 8);
      if (prevTs >= 0 && prevMs > 0) {
        long gap = ts - prevTs - prevMs;
        if (gap >= prevMs / 2 + 1 && gap < 60_000) {
          long slots = Math.round((double) gap / prevMs);
          for (long s = 0; s < slots * prevMs * 8; s++) {
            audio.write(silence, 0, silence.length);
          }
          missing += (int) slots;
        }
      }
      audio.write(p, 0, p.length);
      used++;
      full += (int) o[2];
      prevTs = ts;
      prevMs = frameMs;
    }
    return new DirectionAudio(
        dir.src,
        dir.dst,
        role,
        fmt,
        audio.toByteArray(),
        order.get(0)[0],
        used,
        full,
        missing,
        dup);
  }
}
