package org.faxgw.gateway.api;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.faxgw.gateway.admin.AdminJobs;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobState;

/**
 * The jobs: {@code GET /api/v1/jobs?state=&owner=&limit=&offset=} (newest first), {@code GET
 * /api/v1/jobs/{id}} with its call attempts and T.30 ladders, {@code GET
 * /api/v1/jobs/{id}/pages/{n}.png}, {@code POST /api/v1/jobs} (multipart: number, file...), and the
 * actions cancel, retry, resubmit. A user sees and changes only their own jobs (another's is 404,
 * as if it did not exist); an admin all.
 */
final class JobRoutes {
  static final int MAX_LIMIT = 500;
  private final ApiDeps deps;
  private final JobActions actions;
  private final PageThumbnails thumbnails;
  private final CallAttempts attempts;

  JobRoutes(ApiDeps deps, PageThumbnails thumbnails) {
    this.deps = deps;
    this.actions = new JobActions(deps);
    this.thumbnails = thumbnails;
    this.attempts = new CallAttempts(deps.dataDir());
  }

  void register(RouteTable r) {
    r.get("/api/v1/jobs", this::list);
    r.post("/api/v1/jobs", this::submit);
    r.get("/api/v1/jobs/{id}/pages/{n}.png", this::page);
    r.get("/api/v1/jobs/{id}", this::detail);
    r.post(
        "/api/v1/jobs/{id}/cancel",
        ctx -> ctx.json(JobView.of(actions.cancel(visible(ctx), who(ctx)))));
    r.post(
        "/api/v1/jobs/{id}/retry",
        ctx -> ctx.json(JobView.of(actions.retry(visible(ctx), who(ctx)))));
    r.post("/api/v1/jobs/{id}/resubmit", this::resubmit);
  }

  private static String who(Context ctx) {
    return AccessFilter.session(ctx).user();
  }

  private void list(Context ctx) {
    ApiSession s = AccessFilter.session(ctx);
    Set<JobState> states = states(ctx.queryParam("state"));
    String owner = ctx.queryParam("owner");
    int limit = intParam(ctx, "limit", 100, 1, MAX_LIMIT);
    int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    List<FaxJob> all = new ArrayList<>();
    for (FaxJob j : deps.jobs().list(states)) {
      if (s.maySee(j.owner()) && (owner == null || owner.isEmpty() || owner.equals(j.owner()))) {
        all.add(j);
      }
    }
    all.sort(Comparator.comparingLong(FaxJob::id).reversed());
    List<Object> page = new ArrayList<>();
    for (int i = offset; i < all.size() && page.size() < limit; i++) {
      page.add(JobView.of(all.get(i)));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total", all.size());
    m.put("offset", offset);
    m.put("limit", limit);
    m.put("jobs", page);
    ctx.json(m);
  }

  /** {@code state=pending,sleeping} or a queue name: send, done, all (default). */
  static Set<JobState> states(String q) {
    if (q == null || q.isBlank() || q.equals("all")) {
      return EnumSet.allOf(JobState.class);
    }
    Set<JobState> out = EnumSet.noneOf(JobState.class);
    for (String s : q.split(",")) {
      switch (s.trim()) {
        case "send" -> out.addAll(JobState.SEND_QUEUE);
        case "done" -> out.addAll(JobState.DONE_QUEUE);
        default -> {
          try {
            out.add(JobState.ofLabel(s.trim()));
          } catch (IllegalArgumentException e) {
            throw ApiErrors.badRequest("unknown state: " + s.trim());
          }
        }
      }
    }
    return out;
  }

  static int intParam(Context ctx, String name, int dflt, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Math.max(min, Math.min(max, Integer.parseInt(v.trim())));
    } catch (NumberFormatException e) {
      throw ApiErrors.badRequest(name + " must be a number");
    }
  }

  /** The job of the path's id if this session may see it; 404 otherwise. */
  private FaxJob visible(Context ctx) {
    long id = SafeIds.jobId(ctx.pathParam("id"));
    FaxJob j = deps.jobs().find(id).orElseThrow(() -> ApiErrors.notFound("job " + id));
    if (!AccessFilter.session(ctx).maySee(j.owner())) {
      throw ApiErrors.notFound("job " + id);
    }
    return j;
  }

  private void detail(Context ctx) throws IOException {
    FaxJob j = visible(ctx);
    Map<String, Object> m = JobView.of(j);
    List<Map<String, Object>> docs = new ArrayList<>();
    j.documents()
        .forEach(
            d -> {
              Map<String, Object> dm = new LinkedHashMap<>();
              dm.put("kind", d.kind());
              dm.put("name", d.name());
              dm.put("contentType", d.contentType());
              docs.add(dm);
            });
    m.put("documents", docs);
    m.put("unfaxable", j.unfaxable());
    m.put("thumbnails", j.tiff() == null ? 0 : j.pages());
    m.put("attempts", attempts.of(j));
    ctx.json(m);
  }

  private void page(Context ctx) throws IOException {
    FaxJob j = visible(ctx);
    int n = SafeIds.pageNumber(ctx.pathParam("n"));
    if (j.tiff() == null) {
      throw ApiErrors.notFound("page " + n + " (the job is not rendered yet)");
    }
    byte[] png = thumbnails.page("job-" + j.id(), deps.spoolFile(j.tiff()), n, ctx.queryParam("w"));
    ctx.contentType("image/png").header("Cache-Control", "private, no-cache").result(png);
  }

  private void submit(Context ctx) throws IOException {
    ApiSession s = AccessFilter.session(ctx);
    List<String> numbers = new ArrayList<>();
    for (String n : ctx.formParams("number")) {
      for (String one : n.split("[,;\\s]+")) {
        if (!one.isBlank()) {
          numbers.add(one.trim());
        }
      }
    }
    List<AdminJobs.LocalDocument> docs = new ArrayList<>();
    for (UploadedFile f : ctx.uploadedFiles()) {
      docs.add(new AdminJobs.LocalDocument(f.filename(), f.contentType(), f.content()));
    }
    String cover = ctx.formParam("cover");
    String resolution = ctx.formParam("resolution");
    if (resolution != null && !resolution.isEmpty() && !resolution.matches("fine|normal")) {
      throw ApiErrors.badRequest("resolution must be fine or normal");
    }
    try {
      List<FaxJob> made =
          deps.jobs()
              .submit(
                  s.user(),
                  numbers,
                  docs,
                  cover,
                  resolution == null || resolution.isEmpty() ? null : resolution,
                  ctx.formParam("notify"),
                  null);
      if (made.isEmpty()) {
        throw new ApiErrors.ApiException(409, "no job made (a duplicate of a recent one)");
      }
      List<Object> views = new ArrayList<>();
      made.forEach(j -> views.add(JobView.of(j)));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", made.get(0).id());
      m.put("jobs", views);
      ctx.status(201).json(m);
    } catch (AdminJobs.BadRequestException e) {
      throw ApiErrors.badRequest(e.getMessage());
    }
  }

  private void resubmit(Context ctx) throws IOException {
    FaxJob j = visible(ctx);
    String number = JsonBodies.text(ctx, "number");
    if (number == null || number.isBlank()) {
      throw ApiErrors.badRequest("the body must be JSON {\"number\": ...}");
    }
    FaxJob made = actions.resubmit(j, number, who(ctx));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", made.id());
    m.put("job", JobView.of(made));
    ctx.status(201).json(m);
  }
}
