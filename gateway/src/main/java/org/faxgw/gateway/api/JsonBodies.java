package org.faxgw.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;

/** Reading small JSON request bodies. */
final class JsonBodies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonBodies() {}

  /** The text of {@code key} in the JSON body, or null (also for an empty body). */
  static String text(Context ctx, String key) {
    byte[] b = ctx.bodyAsBytes();
    if (b.length == 0) {
      return null;
    }
    try {
      JsonNode n = JSON.readTree(b);
      JsonNode v = n == null ? null : n.get(key);
      return v == null || v.isNull() ? null : v.asText();
    } catch (IOException e) {
      throw ApiErrors.badRequest("the body is not JSON: " + e.getMessage());
    }
  }
}
