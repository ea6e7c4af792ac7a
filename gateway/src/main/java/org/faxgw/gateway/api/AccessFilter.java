package org.faxgw.gateway.api;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;

/**
 * Runs before every {@code /api/v1} request: without a live session (cookie {@value #COOKIE}) the
 * answer is 401, except for login and the OpenAPI document; a change (POST, PUT, PATCH, DELETE)
 * without the session's token in {@value #CSRF_HEADER} is 403. The session is then an attribute of
 * the request for the routes ({@link #session}).
 */
public final class AccessFilter {
  public static final String COOKIE = "faxgw_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  static final String ATTRIBUTE = "faxgw.session";
  private static final Set<String> OPEN = Set.of("/api/v1/login", "/api/v1/openapi.json");
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  private final SessionStore sessions;

  public AccessFilter(SessionStore sessions) {
    this.sessions = sessions;
  }

  public void handle(Context ctx) {
    String path = ctx.path();
    if (OPEN.contains(path)) {
      return;
    }
    Optional<ApiSession> s = sessions.use(ctx.cookie(COOKIE));
    if (s.isEmpty()) {
      ApiErrors.stop(ctx, 401, "not logged in");
      return;
    }
    if (!SAFE.contains(ctx.method().name())
        && !SessionStore.csrfMatches(s.get(), ctx.header(CSRF_HEADER))) {
      ApiErrors.stop(ctx, 403, "missing or wrong " + CSRF_HEADER);
      return;
    }
    ctx.attribute(ATTRIBUTE, s.get());
  }

  /** The session the filter found for this request. */
  static ApiSession session(Context ctx) {
    ApiSession s = ctx.attribute(ATTRIBUTE);
    if (s == null) {
      throw new ApiErrors.ApiException(401, "not logged in");
    }
    return s;
  }
}
