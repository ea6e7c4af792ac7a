package org.faxgw.gateway.line;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Opt-in call capture ({@code capture:}): both directions of a call's audio, as the modem heard and
 * said it, written beside the call's session log {@code log/cCOMMID} as {@code cCOMMID.rx.slin} and
 * {@code cCOMMID.tx.slin}: raw 8 kHz 16-bit little-endian samples, which {@code faxgw analyze
 * --codec slin16le} reads. Kept for {@code keep}, then swept.
 */
public final class CallCapture {
  /** File name endings of the two directions. */
  public static final String RX = ".rx.slin";

  public static final String TX = ".tx.slin";

  private final Path logDir;
  private final Set<String> dids;
  private final Set<String> peers;
  private final Duration keep;

  public CallCapture(Path logDir, List<String> dids, List<String> peers, Duration keep) {
    this.logDir = logDir;
    this.dids = Set.copyOf(dids);
    this.peers = Set.copyOf(peers);
    this.keep = keep;
  }

  /** Captures nothing. */
  public static CallCapture off(Path logDir) {
    return new CallCapture(logDir, List.of(), List.of(), Duration.ofDays(7));
  }

  /** A recorder for a call from or to {@code peer} on {@code did}, or null when not wanted. */
  public Recorder recorderFor(String peer, String did) {
    return peers.contains(peer) || dids.contains(did) ? new Recorder(logDir) : null;
  }

  /** Removes capture files older than the keep time; the number removed. */
  public int sweep(Instant now) throws IOException {
    if (!Files.isDirectory(logDir)) {
      return 0;
    }
    Instant before = now.minus(keep);
    int n = 0;
    try (Stream<Path> s = Files.list(logDir)) {
      for (Path p : s.toList()) {
        String name = p.getFileName().toString();
        if ((name.endsWith(RX) || name.endsWith(TX))
            && Files.getLastModifiedTime(p).toInstant().isBefore(before)) {
          Files.deleteIfExists(p);
          n++;
        }
      }
    }
    return n;
  }

  /**
   * One call's audio, held in memory while the call is up (16 KB a second per direction; a call is
   * bounded by {@code fax.maxCallTime}) and written when it ends. The adders run on the event loop,
   * {@link #write} on the I/O thread after the call ended.
   */
  public static final class Recorder {
    private final Path logDir;
    private final ByteArrayOutputStream rx = new ByteArrayOutputStream();
    private final ByteArrayOutputStream tx = new ByteArrayOutputStream();

    Recorder(Path logDir) {
      this.logDir = logDir;
    }

    public synchronized void received(short[] s, int off, int len) {
      add(rx, s, off, len);
    }

    /** Silence the playout buffer filled in for lost audio. */
    public synchronized void lost(int samples) {
      add(rx, new short[samples], 0, samples);
    }

    public synchronized void sent(short[] s, int off, int len) {
      add(tx, s, off, len);
    }

    private static void add(ByteArrayOutputStream o, short[] s, int off, int len) {
      for (int i = off; i < off + len; i++) {
        o.write(s[i] & 0xff);
        o.write((s[i] >> 8) & 0xff);
      }
    }

    /** Writes both files for {@code commId}; returns their paths, received first. */
    public synchronized List<Path> write(String commId) throws IOException {
      Files.createDirectories(logDir);
      Path r = logDir.resolve("c" + commId + RX);
      Path t = logDir.resolve("c" + commId + TX);
      Files.write(r, rx.toByteArray());
      Files.write(t, tx.toByteArray());
      return List.of(r, t);
    }
  }
}
