package org.faxgw.gateway.line;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import org.faxgw.queue.ClusterDirectory;
import org.faxgw.t30.SessionLogSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session log of one call, {@code <dataDir>/log/c<CommID>} as HylaFAX's, each line prefixed
 * {@code Dec 02 13:40:01.23: [line]: }. {@link #line} only queues (it runs on the audio tick);
 * {@link #flush} appends what is queued on the I/O executor, once the CommID is known, and copies
 * it to the cluster directory when several nodes share one database.
 */
public final class SessionLog implements SessionLogSink {
  private static final Logger LOG = LoggerFactory.getLogger(SessionLog.class);
  private static final DateTimeFormatter PREFIX =
      DateTimeFormatter.ofPattern("MMM dd HH:mm:ss.SS", Locale.ROOT);

  private final Path dir;
  private final String lineName;
  private final Clock clock;
  private final Executor io;
  private final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();
  private volatile String commId;
  private final ClusterDirectory directory;

  public SessionLog(Path logDir, String lineName, Clock clock, Executor io) {
    this(logDir, lineName, clock, io, null);
  }

  /**
   * @param directory where each flushed piece is copied for the other nodes, or null
   */
  public SessionLog(
      Path logDir, String lineName, Clock clock, Executor io, ClusterDirectory directory) {
    this.dir = logDir;
    this.lineName = lineName;
    this.clock = clock;
    this.io = io;
    this.directory = directory;
  }

  /** Sets the CommID the log is written under (on the I/O executor, before the first flush). */
  public void bind(String id) {
    this.commId = id;
  }

  public String commId() {
    return commId;
  }

  /** The file of this log, or null before {@link #bind}. */
  public Path file() {
    return commId == null ? null : dir.resolve("c" + commId);
  }

  @Override
  public void line(long atSample, String text) {
    String when = PREFIX.format(clock.instant().atZone(zone()));
    pending.add(when + ": [" + lineName + "]: " + text);
  }

  private ZoneId zone() {
    return clock.getZone();
  }

  /** Appends the queued lines to the file, on the I/O executor. */
  public void flush() {
    io.execute(this::writeNow);
  }

  /** Appends the queued lines now (call on the I/O executor only). */
  public void writeNow() {
    Path f = file();
    if (f == null) {
      return;
    }
    StringBuilder sb = new StringBuilder();
    for (String s; (s = pending.poll()) != null; ) {
      sb.append(s).append('\n');
    }
    if (sb.length() == 0) {
      return;
    }
    try {
      Files.createDirectories(dir);
      Files.writeString(
          f,
          sb,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      LOG.warn("cannot write session log {}: {}", f, e.toString());
    }
    if (directory != null) {
      try {
        directory.appendSessionLog(commId, sb.toString());
      } catch (RuntimeException e) {
        LOG.warn("cannot copy session log {} to the cluster directory: {}", f, e.toString());
      }
    }
  }
}
