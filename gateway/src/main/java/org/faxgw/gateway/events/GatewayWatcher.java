package org.faxgw.gateway.events;

import java.io.IOException;
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
 * text changes and {@link GatewayEvent.FaxReceived} for each new {@code fax*.tif}; the faxes there
 * at start are known, not new. One thread, {@code faxgw-watch}.
 */
public final class GatewayWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GatewayWatcher.class);

  private final List<Line> lines;
  private final Path recvq;
  private final GatewayEvents events;
  private final Map<String, String> lineStates = new HashMap<>();
  private Set<String> known;
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
      List<ReceivedQueue.Received> now = ReceivedQueue.list(recvq);
      Set<String> ids = new HashSet<>();
      for (ReceivedQueue.Received r : now) {
        ids.add(r.commId());
        if (known != null && !known.contains(r.commId())) {
          events.publish(new GatewayEvent.FaxReceived(r.commId(), r.pages()));
        }
      }
      known = ids;
    } catch (IOException | RuntimeException e) {
      log.warn("watch: {}", e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
