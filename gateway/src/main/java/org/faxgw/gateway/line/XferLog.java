package org.faxgw.gateway.line;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.faxgw.queue.ClusterDirectory;
import org.faxgw.t30.SignalRate;
import org.faxgw.t4.FaxCompression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounting log {@code <dataDir>/xferfaxlog} in HylaFAX's format: one tab-separated line per
 * SEND or RECV (time, command, CommID, device, job, "jobtag", sender, "dest", "csi", params, pages,
 * jobtime, conntime, "status", "CIDName", "CIDNumber", "CallID3..n", "owner", "DCS"), appended
 * under a file lock. Write only from the I/O executor. With several nodes on one database each
 * record is also copied to the cluster directory ({@link #shareWith}).
 */
public final class XferLog {
  private static final Logger LOG = LoggerFactory.getLogger(XferLog.class);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("MM/dd/yy HH:mm", Locale.ROOT);

  /** One record's fields. */
  public record Entry(
      ZonedDateTime at,
      String command,
      String commId,
      String device,
      String job,
      String jobTag,
      String sender,
      String destination,
      String remoteId,
      long params,
      int pages,
      Duration jobTime,
      Duration connectTime,
      String status,
      String callerName,
      String callerNumber,
      String otherCallIds,
      String owner,
      String dcs) {}

  private final Path file;
  private volatile ClusterDirectory directory;

  public XferLog(Path file) {
    this.file = file;
  }

  /**
   * Copies every record appended from now, and the session logs of the calls that write here, to
   * {@code d} (the cluster directory, when it is shared by several nodes); null for none.
   */
  public void shareWith(ClusterDirectory d) {
    this.directory = d != null && d.shared() ? d : null;
  }

  /** Where records and session logs are copied for the other nodes, or null. */
  public ClusterDirectory directory() {
    return directory;
  }

  public Path file() {
    return file;
  }

  /** The record as one line (without the newline). */
  public static String format(Entry e) {
    return String.join(
        "\t",
        TIME.format(e.at()),
        e.command(),
        e.commId(),
        e.device(),
        e.job(),
        q(e.jobTag()),
        e.sender(),
        q(e.destination()),
        q(e.remoteId()),
        Long.toString(e.params()),
        Integer.toString(e.pages()),
        hms(e.jobTime()),
        hms(e.connectTime()),
        q(e.status()),
        q(e.callerName()),
        q(e.callerNumber()),
        q(e.otherCallIds()),
        q(e.owner()),
        q(e.dcs()));
  }

  private static String q(String s) {
    String t = s == null ? "" : s.replace('\t', ' ').replace("\"", "\\\"").replace('\n', ' ');
    return "\"" + t + "\"";
  }

  /** HylaFAX's fmtTime: H:MM:SS. */
  static String hms(Duration d) {
    long s = d == null ? 0 : Math.max(0, d.toSeconds());
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }

  /**
   * HylaFAX's version-1 encoding of the negotiated parameters: VR bits 0-2, BR 3-6, WD 9-11, LN
   * 12-13, DF 14-15, ECM 16, BF 17, ST 18-20, and bit 21 set.
   */
  public static long params(boolean fine, SignalRate rate, FaxCompression format, boolean ecm) {
    long vr = fine ? 1 : 0;
    long br =
        rate == null
            ? 0
            : switch (rate.bitsPerSecond()) {
              case 4800 -> 1;
              case 7200 -> 2;
              case 9600 -> 3;
              case 12000 -> 4;
              case 14400 -> 5;
              default -> 0;
            };
    long df =
        format == null
            ? 0
            : switch (format) {
              case MH -> 0;
              case MR -> 1;
              case MMR -> 3;
            };
    return vr | br << 3 | df << 14 | (ecm ? 1L : 0L) << 16 | 1L << 21;
  }

  /** Appends one record (I/O executor only). */
  public void append(Entry e) {
    byte[] line = (format(e) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (FileChannel ch =
              FileChannel.open(
                  file,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.APPEND);
          FileLock lock = ch.lock()) {
        ByteBuffer b = ByteBuffer.wrap(line);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.force(false);
      }
    } catch (IOException ex) {
      LOG.warn("cannot append to {}: {}", file, ex.toString());
    }
    ClusterDirectory d = directory;
    if (d != null) {
      try {
        d.appendXfer(format(e));
      } catch (RuntimeException ex) {
        LOG.warn("xferfaxlog: cannot copy a record to the cluster directory: {}", ex.toString());
      }
    }
  }
}
