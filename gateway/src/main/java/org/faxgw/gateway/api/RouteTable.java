package org.faxgw.gateway.api;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Registers routes with the server and remembers them, so that the OpenAPI document can be checked
 * against what is served. Paths use Javalin's {@code {param}} syntax, which is also OpenAPI's.
 */
public final class RouteTable {
  /** One route: method (GET, POST, ...) and path. */
  public record Route(String method, String path) {}

  private final Javalin app;
  private final List<Route> routes = new ArrayList<>();

  public RouteTable(Javalin app) {
    this.app = app;
  }

  public void get(String path, Handler h) {
    add(HandlerType.GET, path, h);
  }

  public void post(String path, Handler h) {
    add(HandlerType.POST, path, h);
  }

  public void delete(String path, Handler h) {
    add(HandlerType.DELETE, path, h);
  }

  /** A server-sent events stream (a GET). */
  public void sse(String path, Consumer<SseClient> client) {
    routes.add(new Route("GET", path));
    app.sse(path, client);
  }

  private void add(HandlerType type, String path, Handler h) {
    routes.add(new Route(type.name(), path));
    app.addHttpHandler(type, path, h);
  }

  /** Every route registered, in order. */
  public List<Route> routes() {
    return List.copyOf(routes);
  }
}
