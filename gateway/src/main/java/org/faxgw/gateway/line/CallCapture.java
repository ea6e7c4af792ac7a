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
 * Opt-in call capture ({@code capture:}, or one job's {@code X-Fax-Capture: yes}): both directions
 * of a call's audio, as the modem heard and said it, written beside the call's session log {@code
 * log/cCOMMID} as {@code cCOMMID.rx.slin} and {@code cCOMMID.tx.slin}: raw 8 kHz 16-bit
 * little-endian samples, which {@code faxgw analyze --codec slin16le} reads. Where the playout
 * buffer had no audio for the modem (a lost or late frame) the file holds silence, and {@code
 * cCOMMID.rx.lost} lists those stretches ({@code START COUNT} in samples, one a line), so that
 * {@code analyze} bridges them as the modem did instead of taking them for a silent line. Kept for
 * {@code keep}, then swept.
 */
public final class CallCapture {
  /** File name endings of the two directions. */
  public static final String RX = ".rx.slin";

  public static final String TX = ".tx.slin";

  /** File name ending of the received direction's lost stretches. */
  public static final String LOST = ".rx.lost";

  /**
   * The file in a job's spool folder that asks for its calls to be captured ({@code X-Fax-Capture:
   * yes}, {@code faxgw sendfax --capture}, the admin API's {@code "capture": true}).
   */
  public static final String JOB_MARKER = org.faxgw.queue.DocumentSpool.CAPTURE_MARKER;

  private final Path logDir;
  private final Set<String> dids;
  private final Set<String> peers;
  private final Set<String> numbers;
  private final Duration keep;

  public CallCapture(Path logDir, List<String> dids, List<String> peers, Duration keep) {
    this(logDir, dids, peers, List.of(), keep);
  }

  /**
   * @param numbers destinations whose outgoing calls are captured, as {@code +E.164}
   */
  public CallCapture(
      Path logDir, List<String> dids, List<String> peers, List<String> numbers, Duration keep) {
    this.logDir = logDir;
    this.dids = Set.copyOf(dids);
    this.peers = Set.copyOf(peers);
    this.numbers = Set.copyOf(numbers);
    this.keep = keep;
  }

  /** The capture the {@code capture:} section asks for, writing into {@code logDir}. */
  public static CallCapture of(Path logDir, org.faxgw.gateway.config.CaptureSection c) {
    return new CallCapture(logDir, c.dids(), c.peers(), c.numbers(), c.keep());
  }

  /** Captures nothing. */
  public static CallCapture off(Path logDir) {
    return new CallCapture(logDir, List.of(), List.of(), Duration.ofDays(7));
  }

  /** A recorder for a call from or to {@code peer} on {@code did}, or null when not wanted. */
  public Recorder recorderFor(String peer, String did) {
    return peers.contains(peer) || dids.contains(did) ? new Recorder(logDir) : null;
  }

  /**
   * A recorder for an outgoing call through {@code peer} to {@code number} ({@code +E.164}), or
   * null when neither the configuration nor the job ({@code jobAsked}) wants one.
   */
  public Recorder recorderForSending(String peer, String number, boolean jobAsked) {
    return jobAsked || peers.contains(peer) || numbers.contains(number)
        ? new Recorder(logDir)
        : null;
  }

  /**
   * Whether the job whose spool folder is {@code folder} (spool-relative, may be null) asked for
   * capture, read through the spool (the marker may have been spooled by another node); false when
   * the shared spool cannot be reached.
   */
  public static boolean jobAsked(org.faxgw.queue.DocumentSpool spool, String folder) {
    if (folder == null) {
      return false;
    }
    try {
      return Files.exists(spool.local(folder + "/" + JOB_MARKER));
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  /** Whether the job whose spool folder is {@code jobFolder} asked for capture (this node's). */
  public static boolean jobAsked(Path jobFolder) {
    return jobFolder != null && Files.exists(jobFolder.resolve(JOB_MARKER));
  }

  /**
   * The capture files of the call {@code commId} that exist, relative to the data folder ({@code
   * log/cCOMMID.rx.slin}, …); empty when the call was not captured or its files were swept.
   */
  public static List<String> filesOf(Path logDir, String commId) {
    if (commId == null || commId.isEmpty() || !commId.chars().allMatch(Character::isDigit)) {
      return List.of();
    }
    List<String> out = new java.util.ArrayList<>();
    for (String end : List.of(RX, TX, LOST)) {
      if (Files.exists(logDir.resolve("c" + commId + end))) {
        out.add(logDir.getFileName() + "/c" + commId + end);
      }
    }
    return out;
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
        if ((name.endsWith(RX) || name.endsWith(TX) || name.endsWith(LOST))
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
    private final StringBuilder lost = new StringBuilder();
    private long rxSamples;

    Recorder(Path logDir) {
      this.logDir = logDir;
    }

    public synchronized void received(short[] s, int off, int len) {
      add(rx, s, off, len);
      rxSamples += len;
    }

    /** Audio the playout buffer did not have: silence in the file, and a line in the lost list. */
    public synchronized void lost(int samples) {
      add(rx, new short[samples], 0, samples);
      lost.append(rxSamples).append(' ').append(samples).append('\n');
      rxSamples += samples;
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

    /**
     * Writes both files for {@code commId}, and the lost list when audio was lost; returns their
     * paths, received first.
     */
    public synchronized List<Path> write(String commId) throws IOException {
      Files.createDirectories(logDir);
      Path r = logDir.resolve("c" + commId + RX);
      Path t = logDir.resolve("c" + commId + TX);
      Files.write(r, rx.toByteArray());
      Files.write(t, tx.toByteArray());
      if (lost.length() == 0) {
        return List.of(r, t);
      }
      Path l = logDir.resolve("c" + commId + LOST);
      Files.writeString(l, lost);
      return List.of(r, t, l);
    }

    /** What the session log says about the files written. */
    public static String describe(List<Path> files) {
      return "CAPTURE: "
          + files.get(0).getFileName()
          + " (received), "
          + files.get(1).getFileName()
          + " (sent)"
          + (files.size() > 2 ? ", " + files.get(2).getFileName() + " (lost audio)" : "")
          + ", 8 kHz slin16le";
    }
  }
}
