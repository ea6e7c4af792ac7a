package org.faxgw.gateway.http;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.faxgw.gateway.admin.AdminJobs;
import org.faxgw.gateway.api.ApiDeps;
import org.faxgw.gateway.api.ApiRoutes;
import org.faxgw.gateway.api.RouteTable;
import org.faxgw.gateway.config.AdminConfig;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.gateway.line.Line;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP server (Javalin on Jetty) on {@code admin.listen}: the REST API {@code
 * /api/v1} with its sessions, the web console's static files at {@code /} (from the jar's {@code
 * web/}), {@code /metrics} for Prometheus and the loopback-only command API {@code /v1}. HTTPS only
 * when {@code admin.tls} names a key and certificate. Worker threads {@code faxgw-http-N}, at most
 * {@code admin.threads}.
 */
public final class GatewayHttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GatewayHttpServer.class);

  private final Javalin app;
  private final ServerConnector[] connector = new ServerConnector[1];
  private final RouteTable routes;
  private final ApiRoutes api;
  private final HostPortBinding bind;
  private volatile ReloadHook reload;

  /** Re-reads the configuration; returns what changed, or throws with the reason it refused. */
  @FunctionalInterface
  public interface ReloadHook {
    String reload() throws Exception;
  }

  private record HostPortBinding(String host, int port) {}

  /** Enables {@code POST /v1/reload}. */
  public void setReloadHook(ReloadHook hook) {
    this.reload = hook;
  }

  ReloadHook reloadHook() {
    return reload;
  }

  /**
   * @param lines the fax lines (empty when there are none)
   * @param deps what the REST API works with
   * @param metrics the Prometheus text of {@code /metrics}, or null for none
   */
  public GatewayHttpServer(
      FaxgwConfig config, AdminJobs jobs, List<Line> lines, ApiDeps deps, Supplier<String> metrics)
      throws IOException {
    AdminConfig ac = config.admin();
    this.bind = new HostPortBinding(ac.listen().host(), ac.listen().port());
    PemTls.Keys keys =
        ac.tls().enabled()
            ? PemTls.load(Path.of(ac.tls().key()), Path.of(ac.tls().certificate()))
            : null;
    long maxBody = config.smtp().maxMessageBytes().bytes() * 4 / 3 + 65536;
    this.app =
        Javalin.create(
            c -> {
              c.showJavalinBanner = false;
              c.startupWatcherEnabled = false;
              c.http.maxRequestSize = maxBody;
              c.jsonMapper(
                  new JavalinJackson(new com.fasterxml.jackson.databind.ObjectMapper(), false));
              QueuedThreadPool pool = new QueuedThreadPool(ac.threads(), 2, 60_000);
              pool.setName("faxgw-http");
              pool.setDaemon(true);
              c.jetty.threadPool = pool;
              c.jetty.multipartConfig.maxFileSize(maxBody, io.javalin.config.SizeUnit.BYTES);
              c.jetty.multipartConfig.maxTotalRequestSize(
                  maxBody, io.javalin.config.SizeUnit.BYTES);
              c.jetty.multipartConfig.maxInMemoryFileSize(1, io.javalin.config.SizeUnit.MB);
              c.jetty.addConnector((server, http) -> connector(server, http, keys));
              if (GatewayHttpServer.class.getResource("/web/index.html") != null) {
                c.staticFiles.add(
                    s -> {
                      s.hostedPath = "/";
                      s.directory = "/web";
                      s.location = Location.CLASSPATH;
                    });
              }
            });
    app.before(GatewayHttpServer::securityHeaders);
    app.exception(
        Exception.class,
        (e, ctx) -> {
          log.error("HTTP {} {}", ctx.method(), ctx.path(), e);
          ctx.status(500).json(Map.of("error", String.valueOf(e.getMessage())));
        });
    this.routes = new RouteTable(app);
    new CommandRoutes(jobs, config, lines, this, deps.cluster()).register(app, routes);
    this.api = ApiRoutes.register(app, routes, deps);
    if (metrics != null) {
      routes.get(
          "/metrics",
          ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.get()));
    }
    app.error(
        404,
        ctx -> {
          if (ctx.path().startsWith("/api/") || ctx.path().startsWith("/v1/")) {
            if (ctx.result() == null || ctx.result().isEmpty()) {
              ctx.json(Map.of("error", "no such endpoint: " + ctx.method() + " " + ctx.path()));
            }
          }
        });
  }

  private ServerConnector connector(
      org.eclipse.jetty.server.Server server, HttpConfiguration http, PemTls.Keys keys) {
    ServerConnector c;
    if (keys == null) {
      c = new ServerConnector(server, new HttpConnectionFactory(http));
    } else {
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStore(keys.store());
      ssl.setKeyStorePassword(new String(keys.password()));
      ssl.setKeyManagerPassword(new String(keys.password()));
      HttpConfiguration https = new HttpConfiguration(http);
      SecureRequestCustomizer src = new SecureRequestCustomizer();
      src.setSniHostCheck(false); // a certificate for a name, reached by address on loopback
      https.addCustomizer(src);
      c = new ServerConnector(server, ssl, new HttpConnectionFactory(https));
    }
    c.setHost(bind.host());
    c.setPort(bind.port());
    connector[0] = c;
    return c;
  }

  /**
   * Headers on every answer: no sniffing, no framing, scripts, styles and images from this origin
   * only (the console has no inline script or style).
   */
  private static void securityHeaders(io.javalin.http.Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self';"
            + " connect-src 'self'; object-src 'none'; frame-ancestors 'none';"
            + " form-action 'self'; base-uri 'none'");
    if (ctx.path().startsWith("/api/") || ctx.path().startsWith("/v1/")) {
      ctx.header("Cache-Control", "no-store");
    }
  }

  public void start() {
    app.start();
    log.info("admin HTTP server on {}", address());
  }

  /** Where it listens (the port chosen when {@code admin.listen} has port 0). */
  public InetSocketAddress address() {
    ServerConnector c = connector[0];
    return new InetSocketAddress(bind.host(), c == null ? bind.port() : c.getLocalPort());
  }

  /** Every route served, for the OpenAPI check. */
  public List<RouteTable.Route> routes() {
    return routes.routes();
  }

  @Override
  public void close() {
    api.close();
    app.stop();
  }
}
