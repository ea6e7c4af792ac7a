package org.faxgw.gateway.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's event bus: listeners subscribe, changes are published. A listener runs on the
 * publishing thread and must not block; one that throws is logged and the others still run.
 * Thread-safe.
 */
public final class GatewayEvents {
  private static final Logger log = LoggerFactory.getLogger(GatewayEvents.class);
  private final List<Consumer<GatewayEvent>> listeners = new CopyOnWriteArrayList<>();

  /** Adds a listener; the returned handle removes it. */
  public AutoCloseable subscribe(Consumer<GatewayEvent> l) {
    listeners.add(l);
    return () -> listeners.remove(l);
  }

  public void publish(GatewayEvent e) {
    for (Consumer<GatewayEvent> l : listeners) {
      try {
        l.accept(e);
      } catch (RuntimeException ex) {
        log.warn("event listener failed on {}: {}", e.getClass().getSimpleName(), ex.toString());
      }
    }
  }
}
