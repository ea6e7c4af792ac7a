package org.faxgw.gateway.api;

import io.javalin.Javalin;
import java.io.IOException;

/**
 * The REST API under {@code /api/v1}: the access filter, then each resource's routes. {@link
 * #close()} ends the event streams.
 */
public final class ApiRoutes implements AutoCloseable {
  private final EventRoutes events;

  private ApiRoutes(EventRoutes events) {
    this.events = events;
  }

  /**
   * Registers the filter and every route of the API on {@code app}, recording them in {@code r}.
   */
  public static ApiRoutes register(Javalin app, RouteTable r, ApiDeps deps) throws IOException {
    AccessFilter filter = new AccessFilter(deps.sessions());
    app.before("/api/v1/*", filter::handle);
    app.exception(
        ApiErrors.ApiException.class, (e, ctx) -> ApiErrors.reply(ctx, e.status, e.getMessage()));
    PageThumbnails thumbs = new PageThumbnails(deps.dataDir().resolve("cache").resolve("thumbs"));
    new AuthRoutes(deps).register(r);
    new JobRoutes(deps, thumbs).register(r);
    new ReceivedRoutes(deps, thumbs).register(r);
    new LineRoutes(deps).register(r);
    EventRoutes events = new EventRoutes(deps.events());
    events.register(r);
    new OpenApiRoutes().register(r);
    deps.events()
        .subscribe(
            e -> {
              if (e instanceof org.faxgw.gateway.events.GatewayEvent.JobChanged j
                  && j.kind() == org.faxgw.gateway.events.GatewayEvent.JobChanged.Kind.REMOVED) {
                thumbs.forget("job-" + j.job().id());
              }
            });
    return new ApiRoutes(events);
  }

  @Override
  public void close() {
    events.close();
  }
}
