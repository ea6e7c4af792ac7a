package org.faxgw.gateway.events;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.faxgw.gateway.inbound.ReceivedQueue;
import org.faxgw.gateway.line.Line;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks every {@code period} at what has no write path to hook: each fax line's state (written by
 * its call as a volatile field) and the receive queue folder (filled by the lines and by {@code
 * faxgw faxrcvd}, another process). Publishes {@link GatewayEvent.LineChanged} when a line's state
 * text changes and {@link GatewayEvent.FaxReceived} for each new {@code fax*.tif} once its info
 * file is there (only new faxes are read; each look lists names only); the faxes there at start are
 * known, not new. One thread, {@code faxgw-watch}.
 */
public final class GatewayWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GatewayWatcher.class);

  private final List<Line> lines;
  private final Path recvq;
  private final GatewayEvents events;
  private final Map<String, String> lineStates = new HashMap<>();
  private Set<String> known;
  private volatile String node;
  static final long INFO_WAIT_MILLIS = 10_000;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "faxgw-watch");
            t.setDaemon(true);
            return t;
          });

  public GatewayWatcher(List<Line> lines, Path recvq, GatewayEvents events) {
    this.lines = List.copyOf(lines);
    this.recvq = recvq;
    this.events = events;
  }

  /**
   * This node's name: a fax whose info file names another node (received there, and fetched into
   * this recvq/ when someone here asked for it) is not announced as received here.
   */
  public void node(String name) {
    this.node = name;
  }

  /** Takes the receive queue as it is now as known, then looks every {@code periodMillis}. */
  public void start(long periodMillis) {
    poll();
    timer.scheduleWithFixedDelay(this::poll, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  /** One look (the timer's thread, or a test's). */
  public synchronized void poll() {
    try {
      for (Line l : lines) {
        String s = l.state().text();
        if (!s.equals(lineStates.put(l.name(), s))) {
          events.publish(new GatewayEvent.LineChanged(l.name(), s));
        }
      }
      Set<String> ids = names();
      if (known == null) {
        known = ids;
        return;
      }
      known.retainAll(ids);
      for (String id : ids) {
        if (known.contains(id)) {
          continue;
        }
        // the pipeline writes the TIFF, then its info file: wait for the info (pages, error), or
        // take the fax without it once the TIFF is older than INFO_WAIT
        Path tiff = recvq.resolve("fax" + id + ".tif");
        boolean ready =
            ReceivedQueue.hasInfo(recvq, id)
                || Files.getLastModifiedTime(tiff).toMillis()
                    < System.currentTimeMillis() - INFO_WAIT_MILLIS;
        if (!ready) {
          continue;
        }
        known.add(id);
        java.util.Optional<ReceivedQueue.Received> r = ReceivedQueue.one(recvq, id);
        String here = node;
        if (here != null
            && r.isPresent()
            && !r.get().node().isEmpty()
            && !r.get().node().equals(here)) {
          continue; // another node's fax, fetched: that node announced it
        }
        events.publish(
            new GatewayEvent.FaxReceived(
                id,
                r.map(ReceivedQueue.Received::pages).orElse(-1),
                r.map(ReceivedQueue.Received::error).orElse("")));
      }
    } catch (IOException | RuntimeException e) {
      log.warn("watch: {}", e.toString());
    }
  }

  /** The CommIDs of the {@code fax*.tif} files in recvq/ (names only: no file is read). */
  private Set<String> names() throws IOException {
    Set<String> out = new HashSet<>();
    if (!Files.isDirectory(recvq)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(recvq, "fax*.tif")) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        out.add(n.substring("fax".length(), n.length() - ".tif".length()));
      }
    }
    return out;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
