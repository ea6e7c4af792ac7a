package org.faxgw.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.gateway.config.HostPort;
import org.faxgw.gateway.inbound.ReceivedQueue;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The admin API server (see the package documentation for the endpoints). */
public final class AdminServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer http;
  private final ExecutorService pool;
  private final AdminJobs jobs;
  private final FaxgwConfig config;
  private final long maxRequestBytes;
  private final org.faxgw.gateway.line.LinePool lines;
  private volatile ReloadHook reload;

  /** Re-reads the configuration; returns what changed, or throws with the reason it refused. */
  @FunctionalInterface
  public interface ReloadHook {
    String reload() throws Exception;
  }

  /** Enables {@code POST /v1/reload}. */
  public void setReloadHook(ReloadHook hook) {
    this.reload = hook;
  }

  public AdminServer(HostPort listen, AdminJobs jobs, FaxgwConfig config) throws IOException {
    this(listen, jobs, config, null);
  }

  /**
   * @param lines the fax lines, for their state in {@code /v1/status} and {@code /v1/lines}; null
   *     when there are none
   */
  public AdminServer(
      HostPort listen, AdminJobs jobs, FaxgwConfig config, org.faxgw.gateway.line.LinePool lines)
      throws IOException {
    this.lines = lines;
    this.jobs = jobs;
    this.config = config;
    // base64 grows documents by 4/3; allow the mail size limit's worth of documents
    this.maxRequestBytes = config.smtp().maxMessageBytes().bytes() * 4 / 3 + 65536;
    this.http = HttpServer.create(listen.toSocketAddress(), 16);
    this.pool =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "faxgw-admin");
              t.setDaemon(true);
              return t;
            });
    http.setExecutor(pool);
    http.createContext("/v1/", this::handle);
  }

  public void start() {
    http.start();
  }

  public InetSocketAddress address() {
    return http.getAddress();
  }

  @Override
  public void close() {
    http.stop(0);
    pool.shutdownNow();
  }

  private Path spoolRoot() {
    return config.dataPath().resolve("spool");
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      if (path.equals("/v1/status") && method.equals("GET")) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("server", "faxgw");
        m.put("version", "0.1.0");
        m.put("smtp", config.smtp().listen().toString());
        m.put("faxLines", lines == null ? 0 : lines.lines().size());
        m.put("lines", lineViews());
        reply(ex, 200, m);
      } else if (path.equals("/v1/reload") && method.equals("POST")) {
        ReloadHook h = reload;
        if (h == null) {
          reply(ex, 404, Map.of("error", "reload is not available"));
          return;
        }
        try {
          reply(ex, 200, Map.of("reloaded", h.reload()));
        } catch (Exception e) {
          reply(ex, 422, Map.of("error", String.valueOf(e.getMessage())));
        }
      } else if (path.equals("/v1/lines") && method.equals("GET")) {
        reply(ex, 200, Map.of("lines", lineViews()));
      } else if (path.equals("/v1/jobs") && method.equals("GET")) {
        String queue = query(ex).getOrDefault("queue", "all");
        Set<JobState> states =
            switch (queue) {
              case "send" -> JobState.SEND_QUEUE;
              case "done" -> JobState.DONE_QUEUE;
              default -> EnumSet.allOf(JobState.class);
            };
        List<Object> out = new ArrayList<>();
        for (FaxJob j : jobs.list(states)) {
          out.add(JobJson.of(j, spoolRoot()));
        }
        reply(ex, 200, Map.of("jobs", out));
      } else if (path.startsWith("/v1/jobs/")
          && (method.equals("GET") || method.equals("DELETE"))) {
        long id;
        try {
          id = Long.parseLong(path.substring("/v1/jobs/".length()));
        } catch (NumberFormatException e) {
          reply(ex, 400, Map.of("error", "bad job id"));
          return;
        }
        Optional<FaxJob> j = method.equals("GET") ? jobs.find(id) : jobs.remove(id);
        if (j.isEmpty()) {
          reply(ex, 404, Map.of("error", "job " + id + " not found"));
        } else if (method.equals("GET")) {
          reply(ex, 200, JobJson.of(j.get(), spoolRoot()));
        } else {
          reply(ex, 200, Map.of("removed", JobJson.of(j.get(), spoolRoot())));
        }
      } else if (path.equals("/v1/jobs") && method.equals("POST")) {
        submit(ex);
      } else if (path.equals("/v1/received") && method.equals("GET")) {
        List<Object> out = new ArrayList<>();
        for (ReceivedQueue.Received r : ReceivedQueue.list(config.dataPath().resolve("recvq"))) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("commId", r.commId());
          m.put("pages", r.pages());
          m.put("sender", r.sender());
          m.put("callerNumber", r.callerNumber());
          m.put("did", r.did());
          m.put("received", r.received().toString());
          m.put("file", r.file());
          m.put("size", r.size());
          m.put("protect", r.protect());
          m.put("owner", r.owner());
          m.put("error", r.error());
          // call capture: the files beside the session log, relative to dataDir
          List<String> capture =
              org.faxgw.gateway.line.CallCapture.filesOf(
                  config.dataPath().resolve("log"), r.commId());
          if (!capture.isEmpty()) {
            m.put("capture", capture);
          }
          out.add(m);
        }
        reply(ex, 200, Map.of("received", out));
      } else {
        reply(ex, 404, Map.of("error", "no such endpoint: " + method + " " + path));
      }
    } catch (RuntimeException e) {
      log.error("admin API", e);
      try {
        reply(ex, 500, Map.of("error", String.valueOf(e.getMessage())));
      } catch (IOException ignored) {
        // the client is gone
      }
    }
  }

  /** Each line: name, peer, localId, direction and its state in faxstat's words. */
  private List<Object> lineViews() {
    List<Object> out = new ArrayList<>();
    if (lines == null) {
      return out;
    }
    for (org.faxgw.gateway.line.Line l : lines.lines()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", l.name());
      m.put("peer", l.peer());
      m.put("localId", l.localId());
      m.put("direction", l.sends() && l.receives() ? "both" : l.sends() ? "send" : "receive");
      m.put("state", l.state().text());
      out.add(m);
    }
    return out;
  }

  private void submit(HttpExchange ex) throws IOException {
    byte[] body =
        ex.getRequestBody().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxRequestBytes + 1));
    if (body.length > maxRequestBytes) {
      reply(ex, 413, Map.of("error", "request larger than " + maxRequestBytes + " bytes"));
      return;
    }
    try {
      JsonNode req = JSON.readTree(body);
      List<String> numbers = new ArrayList<>();
      req.path("numbers").forEach(n -> numbers.add(n.asText()));
      List<AdminJobs.LocalDocument> docs = new ArrayList<>();
      for (JsonNode d : req.path("documents")) {
        byte[] data = Base64.getDecoder().decode(d.path("data").asText());
        docs.add(
            new AdminJobs.LocalDocument(
                d.path("name").asText("doc"),
                text(d, "contentType"),
                (InputStream) new ByteArrayInputStream(data)));
      }
      String owner = text(req, "owner");
      String sendAt = text(req, "sendAt");
      String resolution = text(req, "resolution");
      if (resolution != null && !resolution.equals("fine") && !resolution.equals("normal")) {
        reply(ex, 400, Map.of("error", "resolution must be fine or normal"));
        return;
      }
      List<FaxJob> made =
          jobs.submit(
              owner == null ? "unknown" : owner,
              numbers,
              docs,
              text(req, "cover"),
              resolution,
              text(req, "notify"),
              sendAt == null ? null : OffsetDateTime.parse(sendAt).toInstant(),
              req.path("capture").asBoolean(false));
      List<Object> out = new ArrayList<>();
      for (FaxJob j : made) {
        out.add(JobJson.of(j, spoolRoot()));
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("host", config.admin().listen().host());
      m.put("jobs", out);
      reply(ex, 200, m);
    } catch (AdminJobs.BadRequestException e) {
      reply(ex, 400, Map.of("error", e.getMessage()));
    } catch (IllegalArgumentException
        | java.time.DateTimeException
        | com.fasterxml.jackson.core.JsonProcessingException e) {
      reply(ex, 400, Map.of("error", "bad request: " + e.getMessage()));
    }
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Map<String, String> query(HttpExchange ex) {
    Map<String, String> m = new LinkedHashMap<>();
    String q = ex.getRequestURI().getRawQuery();
    if (q != null) {
      for (String kv : q.split("&")) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
          m.put(
              URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return m;
  }

  private static void reply(HttpExchange ex, int status, Object body) throws IOException {
    byte[] b = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }
}
