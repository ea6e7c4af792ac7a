package org.faxgw.gateway.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faxgw.mail.MailEgress;

/**
 * {@code GET /api/v1/lines} (every user: what each line is doing now), {@code GET /api/v1/outbox}
 * and {@code GET /api/v1/logs/{commId}} (admins: mail addresses and call details of everyone). With
 * several nodes on one database the lines are every node's (each with its {@code node}) and a
 * session log written on another node is read from the cluster directory.
 */
final class LineRoutes {
  static final int MAX_LOG_BYTES = 4 << 20;
  private final ApiDeps deps;

  LineRoutes(ApiDeps deps) {
    this.deps = deps;
  }

  void register(RouteTable r) {
    r.get("/api/v1/lines", ctx -> ctx.json(Map.of("lines", deps.cluster().lineViews())));
    r.get("/api/v1/outbox", this::outbox);
    r.get("/api/v1/logs/{commId}", this::log);
  }

  private void outbox(Context ctx) {
    ReceivedRoutes.adminOnly(ctx);
    List<Object> out = new ArrayList<>();
    java.time.Instant now = deps.clock().instant();
    if (deps.mail() != null) {
      for (MailEgress.Waiting w : deps.mail().pending()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("recipients", w.recipients());
        m.put("attempts", w.attempts());
        m.put("nextTry", w.next() == null ? null : w.next().toString());
        m.put("lastError", w.lastError());
        m.put("created", w.created() == null ? null : w.created().toString());
        out.add(m);
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("transport", deps.mail() == null ? null : deps.mail().transport());
    m.put("now", now.toString());
    m.put("mails", out);
    ctx.json(m);
  }

  private void log(Context ctx) throws IOException {
    ReceivedRoutes.adminOnly(ctx);
    String id = SafeIds.commId(ctx.pathParam("commId"));
    String text =
        deps.cluster()
            .sessionLog(id, MAX_LOG_BYTES)
            .orElseThrow(() -> ApiErrors.notFound("session log " + id));
    ctx.contentType("text/plain; charset=utf-8").result(text);
  }
}
