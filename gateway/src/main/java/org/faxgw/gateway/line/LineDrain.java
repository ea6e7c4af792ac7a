package org.faxgw.gateway.line;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.faxgw.iax2.Iax2Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draining the fax lines before a stop: the endpoint rejects new calls (IAX2 REJECT, REGREL to
 * registrars), and every sending line that is or falls free is taken here so that the dispatcher
 * places no new call; ready jobs stay queued. Waits, polling, until no line has a call.
 */
final class LineDrain {
  private static final Logger LOG = LoggerFactory.getLogger(LineDrain.class);
  private static final long POLL_MILLIS = 100;

  private final LinePool lines;
  private final Iax2Endpoint endpoint;
  private final List<Line> held = new ArrayList<>();

  LineDrain(LinePool lines, Iax2Endpoint endpoint) {
    this.lines = lines;
    this.endpoint = endpoint;
  }

  /** Drains; true when every call ended within {@code timeout}. */
  boolean await(Duration timeout) throws InterruptedException {
    endpoint.drain();
    long deadline = System.nanoTime() + timeout.toNanos();
    int calls = busy();
    LOG.info("draining: {} call(s) in progress, waiting up to {}", calls, timeout);
    while (calls > 0 && System.nanoTime() < deadline) {
      Thread.sleep(POLL_MILLIS); // waiting on real calls, not logic
      calls = busy();
    }
    if (calls > 0) {
      LOG.warn("drain timeout: {} call(s) still in progress are cut off", calls);
    }
    return calls == 0;
  }

  /** Takes every free sending line; the number of lines with a call. */
  private int busy() {
    for (Optional<Line> l = lines.takeForSending(); l.isPresent(); l = lines.takeForSending()) {
      held.add(l.get());
    }
    int n = 0;
    for (Line l : lines.lines()) {
      if (l.busy() && !held.contains(l)) {
        n++;
      }
    }
    return n;
  }
}
