package org.faxgw.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.faxgw.gateway.events.GatewayEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/events}: server-sent events for the console. {@code event: job} with the job
 * as {@link JobView} (to its owner and to admins) on every change, {@code event: jobRemoved} with
 * {@code {"id"}}, {@code event: line} with {@code {"name","state"}}, {@code event: received} with
 * {@code {"commId","pages"}} (admins). A comment line every 15 s keeps proxies from closing the
 * stream. At most {@value #MAX_CLIENTS} streams. Publishers never wait for a client: events are
 * queued (at most {@value #MAX_QUEUED}, beyond that dropped with a warning) and written by one
 * thread, {@code faxgw-sse}, each write bounded by Jetty's idle timeout.
 */
final class EventRoutes {
  private static final Logger log = LoggerFactory.getLogger(EventRoutes.class);
  static final int MAX_CLIENTS = 200;
  static final int MAX_QUEUED = 10_000;
  static final long PING_SECONDS = 15;
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Client(SseClient sse, ApiSession session) {}

  private final Set<Client> clients = ConcurrentHashMap.newKeySet();
  private final AtomicInteger queued = new AtomicInteger();
  private final ScheduledExecutorService writer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "faxgw-sse");
            t.setDaemon(true);
            return t;
          });
  private final AutoCloseable subscription;

  EventRoutes(org.faxgw.gateway.events.GatewayEvents events) {
    this.subscription = events.subscribe(this::enqueue);
    writer.scheduleWithFixedDelay(this::ping, PING_SECONDS, PING_SECONDS, TimeUnit.SECONDS);
  }

  /** Stops the writer and closes every stream. */
  void close() {
    try {
      subscription.close();
    } catch (Exception e) {
      // a list removal: cannot fail
    }
    writer.shutdownNow();
    for (Client c : clients) {
      c.sse().close();
    }
    clients.clear();
  }

  private void enqueue(GatewayEvent e) {
    if (clients.isEmpty()) {
      return;
    }
    if (queued.incrementAndGet() > MAX_QUEUED) {
      queued.decrementAndGet();
      log.warn("event stream: {} events queued, one dropped", MAX_QUEUED);
      return;
    }
    try {
      writer.execute(
          () -> {
            queued.decrementAndGet();
            publish(e);
          });
    } catch (java.util.concurrent.RejectedExecutionException ex) {
      queued.decrementAndGet(); // closed
    }
  }

  void register(RouteTable r) {
    r.sse("/api/v1/events", this::open);
  }

  private void open(SseClient sse) {
    ApiSession s = sse.ctx().attribute(AccessFilter.ATTRIBUTE);
    if (s == null || clients.size() >= MAX_CLIENTS) {
      sse.close();
      return;
    }
    Client c = new Client(sse, s);
    sse.keepAlive();
    sse.onClose(() -> clients.remove(c));
    sse.sendComment("faxgw events for " + s.user());
    clients.add(c);
  }

  /** Sends a comment to every stream (the keep-alive timer). */
  private void ping() {
    for (Client c : clients) {
      if (c.sse().terminated()) {
        clients.remove(c);
      } else {
        c.sse().sendComment("ping");
      }
    }
  }

  private void publish(GatewayEvent e) {
    String type;
    Object data;
    String owner = null;
    boolean adminOnly = false;
    if (e instanceof GatewayEvent.JobChanged j) {
      owner = j.job().owner();
      if (j.kind() == GatewayEvent.JobChanged.Kind.REMOVED) {
        type = "jobRemoved";
        data = Map.of("id", j.job().id());
      } else {
        type = "job";
        data = JobView.of(j.job());
      }
    } else if (e instanceof GatewayEvent.LineChanged l) {
      type = "line";
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", l.line());
      m.put("state", l.state());
      data = m;
    } else {
      GatewayEvent.FaxReceived r = (GatewayEvent.FaxReceived) e;
      type = "received";
      adminOnly = true;
      data = Map.of("commId", r.commId(), "pages", r.pages());
    }
    String json;
    try {
      json = JSON.writeValueAsString(data);
    } catch (JsonProcessingException ex) {
      log.warn("event not sent: {}", ex.toString());
      return;
    }
    for (Client c : clients) {
      boolean mayKnow =
          adminOnly ? c.session().admin() : owner == null || c.session().maySee(owner);
      if (!mayKnow) {
        continue;
      }
      if (c.sse().terminated()) {
        clients.remove(c);
      } else {
        c.sse().sendEvent(type, json);
      }
    }
  }
}
