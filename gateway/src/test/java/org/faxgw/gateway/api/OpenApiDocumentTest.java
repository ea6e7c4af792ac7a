package org.faxgw.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document served at /api/v1/openapi.json describes exactly the routes the server has:
 * every route registered is documented, every documented operation is served; its path parameters
 * are declared; every $ref resolves.
 */
class OpenApiDocumentTest {
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options");

  @Test
  void theDocumentAndTheRoutesAgree(@TempDir Path dir) throws Exception {
    try (ApiHarness h = new ApiHarness(dir)) {
      HttpResponse<String> r = h.get("/api/v1/openapi.json", null);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
      JsonNode doc = ApiHarness.json(r);
      assertThat(doc.path("openapi").asText()).startsWith("3.");
      assertThat(doc.path("info").path("title").asText()).isNotEmpty();

      Set<String> served = new TreeSet<>();
      for (RouteTable.Route route : h.server.routes()) {
        served.add(route.method() + " " + route.path());
      }
      Set<String> documented = new TreeSet<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        for (Iterator<String> m = p.getValue().fieldNames(); m.hasNext(); ) {
          String method = m.next();
          if (METHODS.contains(method)) {
            documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey());
            checkOperation(p.getKey(), method, p.getValue().path(method));
          }
        }
      }
      assertThat(served).as("routes served").isNotEmpty();
      assertThat(documented).as("documented operations").isEqualTo(served);
      checkRefs(doc, doc);
    }
  }

  private static void checkOperation(String path, String method, JsonNode op) {
    assertThat(op.path("summary").asText()).as("%s %s summary", method, path).isNotEmpty();
    assertThat(op.path("responses").size()).as("%s %s responses", method, path).isPositive();
    List<String> declared = new ArrayList<>();
    op.path("parameters")
        .forEach(
            p -> {
              if (p.path("in").asText().equals("path")) {
                declared.add(p.path("name").asText());
              }
            });
    List<String> inPath = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(path);
    while (m.find()) {
      inPath.add(m.group(1));
    }
    assertThat(declared)
        .as("%s %s path parameters", method, path)
        .containsExactlyInAnyOrderElementsOf(inPath);
  }

  private static void checkRefs(JsonNode doc, JsonNode n) {
    if (n.isObject()) {
      JsonNode ref = n.get("$ref");
      if (ref != null) {
        String pointer = ref.asText();
        assertThat(pointer).startsWith("#/");
        assertThat(doc.at(pointer.substring(1)).isMissingNode()).as("$ref %s", pointer).isFalse();
      }
      n.elements().forEachRemaining(c -> checkRefs(doc, c));
    } else if (n.isArray()) {
      n.elements().forEachRemaining(c -> checkRefs(doc, c));
    }
  }
}
