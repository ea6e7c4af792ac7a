package org.faxgw.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
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
import org.faxgw.gateway.admin.AdminJobs;
import org.faxgw.gateway.admin.JobJson;
import org.faxgw.gateway.api.RouteTable;
import org.faxgw.gateway.cluster.ClusterView;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.gateway.inbound.ReceivedQueue;
import org.faxgw.gateway.line.Line;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobState;

/**
 * The command API under {@code /v1} that sendfax, faxstat, faxrm and reload use (see the package
 * documentation for its endpoints). Lines, jobs and received faxes are the whole cluster's, each
 * with its {@code node} ({@link ClusterView}); on one node, this node's. It has no login: it
 * answers clients on a loopback address only (anyone else gets 403), so a console opened to the
 * network does not open it too.
 */
final class CommandRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AdminJobs jobs;
  private final FaxgwConfig config;
  private final List<Line> lines;
  private final GatewayHttpServer server;
  private final ClusterView cluster;

  CommandRoutes(
      AdminJobs jobs,
      FaxgwConfig config,
      List<Line> lines,
      GatewayHttpServer server,
      ClusterView cluster) {
    this.jobs = jobs;
    this.config = config;
    this.lines = lines;
    this.server = server;
    this.cluster = cluster;
  }

  void register(Javalin app, RouteTable r) {
    app.before("/v1/*", CommandRoutes::loopbackOnly);
    r.get("/v1/status", this::status);
    r.post("/v1/reload", this::reload);
    r.get("/v1/lines", ctx -> ctx.json(Map.of("lines", lineViews())));
    r.get("/v1/jobs", this::list);
    r.get("/v1/jobs/{id}", ctx -> one(ctx, false));
    r.delete("/v1/jobs/{id}", ctx -> one(ctx, true));
    r.post("/v1/jobs", this::submit);
    r.get("/v1/received", this::received);
  }

  private static void loopbackOnly(Context ctx) throws IOException {
    if (!InetAddress.getByName(ctx.ip()).isLoopbackAddress()) {
      ctx.status(403).json(Map.of("error", "the /v1 command API answers loopback clients only"));
      ctx.skipRemainingHandlers();
    }
  }

  private Path spoolRoot() {
    return config.dataPath().resolve("spool");
  }

  private void status(Context ctx) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("server", "faxgw");
    m.put("version", "0.1.0");
    m.put("smtp", config.smtp().listen().toString());
    m.put("node", cluster.node());
    m.put("cluster", cluster.shared());
    m.put("faxLines", lines.size());
    m.put("lines", lineViews());
    ctx.json(m);
  }

  private void reload(Context ctx) {
    GatewayHttpServer.ReloadHook h = server.reloadHook();
    if (h == null) {
      ctx.status(404).json(Map.of("error", "reload is not available"));
      return;
    }
    try {
      ctx.json(Map.of("reloaded", h.reload()));
    } catch (Exception e) {
      ctx.status(422).json(Map.of("error", String.valueOf(e.getMessage())));
    }
  }

  private List<Object> lineViews() {
    return cluster.lineViews();
  }

  private void list(Context ctx) {
    String queue = Optional.ofNullable(ctx.queryParam("queue")).orElse("all");
    Set<JobState> states =
        switch (queue) {
          case "send" -> JobState.SEND_QUEUE;
          case "done" -> JobState.DONE_QUEUE;
          default -> EnumSet.allOf(JobState.class);
        };
    List<Object> out = new ArrayList<>();
    for (FaxJob j : jobs.list(states)) {
      out.add(JobJson.of(j, spoolRoot(), cluster.jobNode(j)));
    }
    ctx.json(Map.of("jobs", out));
  }

  private void one(Context ctx, boolean remove) throws IOException {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      ctx.status(400).json(Map.of("error", "bad job id"));
      return;
    }
    Optional<FaxJob> j = remove ? jobs.remove(id) : jobs.find(id);
    if (j.isEmpty()) {
      ctx.status(404).json(Map.of("error", "job " + id + " not found"));
    } else if (remove) {
      ctx.json(Map.of("removed", JobJson.of(j.get(), spoolRoot())));
    } else {
      ctx.json(JobJson.of(j.get(), spoolRoot(), cluster.jobNode(j.get())));
    }
  }

  private void received(Context ctx) throws IOException {
    List<Object> out = new ArrayList<>();
    for (ReceivedQueue.Received r : cluster.received()) {
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
      m.put("node", r.node());
      // call capture: the files beside the session log, relative to dataDir
      List<String> capture =
          org.faxgw.gateway.line.CallCapture.filesOf(config.dataPath().resolve("log"), r.commId());
      if (!capture.isEmpty()) {
        m.put("capture", capture);
      }
      out.add(m);
    }
    ctx.json(Map.of("received", out));
  }

  private void submit(Context ctx) throws IOException {
    try {
      JsonNode req = JSON.readTree(ctx.bodyAsBytes());
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
        ctx.status(400).json(Map.of("error", "resolution must be fine or normal"));
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
      ctx.json(m);
    } catch (AdminJobs.BadRequestException e) {
      ctx.status(400).json(Map.of("error", e.getMessage()));
    } catch (IllegalArgumentException
        | java.time.DateTimeException
        | com.fasterxml.jackson.core.JsonProcessingException e) {
      ctx.status(400).json(Map.of("error", "bad request: " + e.getMessage()));
    }
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }
}
