package org.faxgw.gateway.api;

import io.javalin.http.Context;
import java.util.Map;

/** Error replies: a status and {@code {"error": text}}, the one error shape of the API. */
final class ApiErrors {
  private ApiErrors() {}

  static void reply(Context ctx, int status, String message) {
    ctx.status(status).json(Map.of("error", message));
  }

  /** Ends the request with this error; the remaining handlers do not run. */
  static void stop(Context ctx, int status, String message) {
    reply(ctx, status, message);
    ctx.skipRemainingHandlers();
  }

  /** Thrown by a route to answer with a status and message. */
  static final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    ApiException(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  static ApiException notFound(String what) {
    return new ApiException(404, what + " not found");
  }

  static ApiException badRequest(String why) {
    return new ApiException(400, why);
  }
}
