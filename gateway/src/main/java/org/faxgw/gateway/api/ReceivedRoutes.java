package org.faxgw.gateway.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faxgw.gateway.inbound.ReceivedQueue;
import org.faxgw.render.received.ReceivedPdfWriter;
import org.faxgw.t4.FaxTiffReader;
import org.faxgw.t4.T4FormatException;

/**
 * The received faxes of {@code <dataDir>/recvq/} (admins only: a received fax has no owner among
 * the accounts): list (newest first), detail with the route taken and the mail's delivery state,
 * the TIFF as received, a PDF of it (made once, cached), page thumbnails, and re-delivery. A path
 * whose id is not a CommID (digits) is 404, so nothing outside recvq/ can be named.
 */
final class ReceivedRoutes {
  private final ApiDeps deps;
  private final PageThumbnails thumbnails;
  private final ReceivedRecords records;

  ReceivedRoutes(ApiDeps deps, PageThumbnails thumbnails) {
    this.deps = deps;
    this.thumbnails = thumbnails;
    this.records = new ReceivedRecords(deps);
  }

  void register(RouteTable r) {
    r.get("/api/v1/received", this::list);
    r.get("/api/v1/received/{id}.pdf", this::pdf);
    r.get("/api/v1/received/{id}.tif", this::tiff);
    r.get("/api/v1/received/{id}/pages/{n}.png", this::page);
    r.get("/api/v1/received/{id}", this::detail);
    r.post("/api/v1/received/{id}/redeliver", this::redeliver);
  }

  static void adminOnly(Context ctx) {
    if (!AccessFilter.session(ctx).admin()) {
      throw new ApiErrors.ApiException(403, "received faxes are shown to admins only");
    }
  }

  private void list(Context ctx) throws IOException {
    adminOnly(ctx);
    int limit = JobRoutes.intParam(ctx, "limit", 100, 1, JobRoutes.MAX_LIMIT);
    int offset = JobRoutes.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    List<ReceivedQueue.Received> all = new ArrayList<>(deps.cluster().received());
    all.sort(Comparator.comparing(ReceivedQueue.Received::received).reversed());
    List<Object> page = new ArrayList<>();
    for (int i = offset; i < all.size() && page.size() < limit; i++) {
      page.add(records.summary(all.get(i)));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total", all.size());
    m.put("offset", offset);
    m.put("limit", limit);
    m.put("received", page);
    ctx.json(m);
  }

  private ReceivedQueue.Received find(Context ctx) throws IOException {
    adminOnly(ctx);
    String id = SafeIds.commId(ctx.pathParam("id"));
    return records.find(id).orElseThrow(() -> ApiErrors.notFound("fax " + id));
  }

  private Path tiffOf(ReceivedQueue.Received r) {
    return deps.recvq().resolve("fax" + r.commId() + ".tif");
  }

  private void detail(Context ctx) throws IOException {
    ctx.json(records.detail(find(ctx)));
  }

  private void tiff(Context ctx) throws IOException {
    ReceivedQueue.Received r = find(ctx);
    ctx.contentType("image/tiff")
        .header("Content-Disposition", "attachment; filename=\"fax" + r.commId() + ".tif\"")
        .result(Files.readAllBytes(tiffOf(r)));
  }

  private void pdf(Context ctx) throws IOException {
    ReceivedQueue.Received r = find(ctx);
    Path tiff = tiffOf(r);
    Path dir = deps.dataDir().resolve("cache").resolve("pdf");
    Path pdf =
        dir.resolve("fax" + r.commId() + "-" + Files.getLastModifiedTime(tiff).toMillis() + ".pdf");
    byte[] bytes;
    if (Files.isRegularFile(pdf)) {
      bytes = Files.readAllBytes(pdf);
    } else {
      try {
        GregorianCalendar created = new GregorianCalendar();
        created.setTimeInMillis(r.received().toEpochMilli());
        bytes =
            new ReceivedPdfWriter()
                .write(
                    FaxTiffReader.read(Files.readAllBytes(tiff)),
                    new ReceivedPdfWriter.Info("Fax " + r.commId(), created));
      } catch (T4FormatException e) {
        throw new ApiErrors.ApiException(500, "cannot read the fax pages: " + e.getMessage());
      }
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".pdf-", ".tmp");
      try {
        Files.write(tmp, bytes);
        Files.move(tmp, pdf, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    ctx.contentType("application/pdf")
        .header("Content-Disposition", "inline; filename=\"fax" + r.commId() + ".pdf\"")
        .result(bytes);
  }

  private void page(Context ctx) throws IOException {
    ReceivedQueue.Received r = find(ctx);
    int n = SafeIds.pageNumber(ctx.pathParam("n"));
    byte[] png = thumbnails.page("recv-" + r.commId(), tiffOf(r), n, ctx.queryParam("w"));
    ctx.contentType("image/png").header("Cache-Control", "private, no-cache").result(png);
  }

  private void redeliver(Context ctx) throws IOException {
    ReceivedQueue.Received r = find(ctx);
    if (deps.mail() == null) {
      throw new ApiErrors.ApiException(503, "mail delivery is not running");
    }
    List<String> ids = deps.mail().redeliver(r.commId());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("commId", r.commId());
    m.put("outbox", ids);
    ctx.json(m);
  }
}
