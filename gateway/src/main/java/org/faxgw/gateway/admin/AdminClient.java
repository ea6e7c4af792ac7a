package org.faxgw.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.faxgw.gateway.config.HostPort;

/** The commands' side of the admin API. */
public final class AdminClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final HostPort server;

  public AdminClient(HostPort server) {
    this.server = server;
    String host = server.host().contains(":") ? "[" + server.host() + "]" : server.host();
    if (host.equals("0.0.0.0")) {
      host = "127.0.0.1";
    }
    this.base = URI.create("http://" + host + ":" + server.port());
  }

  /** A reply: HTTP status and JSON body. */
  public record Reply(int status, JsonNode body) {
    public boolean ok() {
      return status / 100 == 2;
    }

    public String error() {
      return body.path("error").asText("HTTP " + status);
    }
  }

  public Reply get(String path) throws IOException {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  public Reply delete(String path) throws IOException {
    return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
  }

  public Reply post(String path, Object body) throws IOException {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
  }

  private Reply send(HttpRequest.Builder b) throws IOException {
    try {
      HttpResponse<byte[]> r =
          http.send(
              b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode body = r.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(r.body());
      return new Reply(r.statusCode(), body);
    } catch (ConnectException e) {
      throw new IOException(
          "cannot reach the faxgw server at " + server + " (is `faxgw serve` running?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
