package org.faxgw.gateway.api;

import java.io.IOException;
import java.io.InputStream;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3 document of the API, kept by hand beside this
 * class ({@code openapi.json}) and checked against the routes by {@code OpenApiDocumentTest} (every
 * route served is documented, every documented route is served).
 */
final class OpenApiRoutes {
  static final String RESOURCE = "openapi.json";

  void register(RouteTable r) throws IOException {
    byte[] doc = document();
    r.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(doc));
  }

  /** The document's bytes. */
  public static byte[] document() throws IOException {
    try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("openapi.json missing from the jar");
      }
      return in.readAllBytes();
    }
  }
}
