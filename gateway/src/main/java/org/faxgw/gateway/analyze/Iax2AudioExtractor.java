package org.faxgw.gateway.analyze;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
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
import org.faxgw.iax2.media.PlayoutBuffer;
import org.faxgw.iax2.media.PlayoutConfig;
import org.faxgw.iax2.media.VoiceTimestamps;

/**
 * Rebuilds each direction's audio from the IAX2 VOICE frames of a capture (RFC 5456 8.1): full
 * VOICE frames carry the format and the whole 32-bit timestamp; mini frames carry the low 16 bits,
 * extended from the direction's last timestamp ({@link VoiceTimestamps}; a full frame is sent when
 * the upper bits change, RFC 5456 8.1.2). The frames go through the endpoint's own {@link
 * PlayoutBuffer} in its offline mode with a delay of {@link #DELAY_MILLIS}: it puts them in
 * timestamp order, drops repeats, and reports missing 20 ms slots, which are filled with silence (a
 * frame later than the delay is dropped and its slot counts as missing). A direction is a (source,
 * destination) address pair, because both ends of a call may use the same call number.
 */
public final class Iax2AudioExtractor {
  /** How far out of order a frame may arrive and still be put in its place. */
  static final int DELAY_MILLIS = 500;

  /** Gaps longer than this are not filled with silence (a capture of two calls, say). */
  static final long MAX_FILLED_GAP_MILLIS = 60_000;

  /** Summary of the IAX2 signalling seen, plus the audio. */
  public record Extraction(
      List<DirectionAudio> directions,
      List<String> signalling,
      int iax2Frames,
      int fullFrames,
      int malformedFrames,
      int voiceWithoutFormat) {}

  private record Voice(byte[] payload, boolean full) {}

  private static final class Dir {
    final String src;
    final String dst;
    MediaFormat format; // of the last full VOICE frame, for mini frames
    MediaFormat audioFormat; // of the first frame: decides the direction's audio
    long lastTs = -1;
    long firstTs = -1;
    final PlayoutBuffer<Voice> playout =
        new PlayoutBuffer<>(PlayoutConfig.offline(DELAY_MILLIS), v -> false);
    final ByteArrayOutputStream audio = new ByteArrayOutputStream();
    int used;
    int full;
    int missing;

    Dir(String src, String dst) {
      this.src = src;
      this.dst = dst;
    }

    void add(long ts, boolean isFull, byte[] payload, MediaFormat mf) {
      long previous = lastTs;
      lastTs = Math.max(lastTs, ts);
      if (audioFormat == null) {
        audioFormat = mf;
      }
      if (mf != audioFormat) {
        return; // a mid-call format change is not a fax call's business
      }
      if (previous >= 0 && ts - previous > MAX_FILLED_GAP_MILLIS) {
        finish();
        playout.restartAt(ts); // too long to fill: start again there
      }
      Voice v = new Voice(payload, isFull);
      PlayoutBuffer.Offer r = playout.offer(ts, v);
      // Bounded: the gap is below a minute, and each poll moves the playout point by 20 ms.
      while (r == PlayoutBuffer.Offer.TOO_EARLY) {
        play(playout.poll());
        r = playout.offer(ts, v);
      }
      int delayFrames = playout.config().delayFrames();
      while (playout.depthFrames() > delayFrames) {
        play(playout.poll());
      }
    }

    void finish() {
      while (!playout.isEmpty()) {
        play(playout.poll());
      }
    }

    private void play(PlayoutBuffer.Slot<Voice> s) {
      switch (s.kind()) {
        case PLAYED -> {
          byte[] p = s.frame().payload();
          audio.write(p, 0, p.length);
          used++;
          full += s.frame().full() ? 1 : 0;
          if (firstTs < 0) {
            firstTs = s.timestamp();
          }
        }
        case GAP -> {
          if (used > 0) { // a gap can only follow audio
            byte[] silence = AudioCodec.silence(audioFormat);
            for (int i = 0; i < 160; i++) {
              audio.write(silence, 0, silence.length);
            }
            missing++;
          }
        }
        default -> {}
      }
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
          dir.add(ff.timestamp(), true, ff.payload(), mf);
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
        dir.add(VoiceTimestamps.extend(dir.lastTs, m.timestamp16()), false, m.payload(), mf);
      }
    }
    List<DirectionAudio> out = new ArrayList<>();
    for (Dir dir : dirs.values()) {
      if (dir.audioFormat == null) {
        continue;
      }
      dir.finish();
      String role =
          caller == null
              ? "unknown"
              : caller.equals(dir.src) ? "caller" : caller.equals(dir.dst) ? "callee" : "unknown";
      out.add(
          new DirectionAudio(
              dir.src,
              dir.dst,
              role,
              dir.audioFormat,
              dir.audio.toByteArray(),
              dir.firstTs,
              dir.used,
              dir.full,
              dir.missing,
              (int) dir.playout.stats().duplicates()));
    }
    return new Extraction(out, signalling, iax2, fullFrames, malformed, noFormat);
  }
}
