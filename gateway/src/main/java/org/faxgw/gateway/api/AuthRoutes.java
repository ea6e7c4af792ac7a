package org.faxgw.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.faxgw.gateway.accounts.Account;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/login}, {@code POST /api/v1/logout}, {@code GET /api/v1/me}. A login checks
 * the accounts store (PBKDF2; the user's allowed networks); after {@code admin.maxLoginFailures}
 * failures an address gets 429 for {@code admin.loginLockout} without its passwords being checked.
 * The session cookie is {@code HttpOnly; SameSite=Strict; Path=/}, and {@code Secure} under TLS.
 */
final class AuthRoutes {
  private static final Logger log = LoggerFactory.getLogger(AuthRoutes.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ApiDeps deps;

  AuthRoutes(ApiDeps deps) {
    this.deps = deps;
  }

  void register(RouteTable r) {
    r.post("/api/v1/login", this::login);
    r.post("/api/v1/logout", this::logout);
    r.get("/api/v1/me", ctx -> ctx.json(view(AccessFilter.session(ctx))));
  }

  private void login(Context ctx) throws IOException {
    InetAddress client = InetAddress.getByName(ctx.ip());
    if (deps.throttle().locked(client)) {
      ApiErrors.reply(ctx, 429, "too many failed logins from this address; try again later");
      return;
    }
    String user;
    String password;
    try {
      JsonNode body = JSON.readTree(ctx.bodyAsBytes());
      user = body == null ? null : body.path("user").asText(null);
      password = body == null ? null : body.path("password").asText(null);
    } catch (IOException e) {
      throw ApiErrors.badRequest("the body must be JSON {\"user\", \"password\"}");
    }
    if (user == null || password == null) {
      throw ApiErrors.badRequest("the body must be JSON {\"user\", \"password\"}");
    }
    Optional<Account> a = deps.accounts().authenticate(user, password, client);
    if (a.isEmpty()) {
      deps.throttle().failed(client);
      log.info("console login refused for {} from {}", user, client.getHostAddress());
      ApiErrors.reply(ctx, 401, "wrong user name or password");
      return;
    }
    deps.throttle().succeeded(client);
    ApiSession s = deps.sessions().open(a.get().name(), a.get().role());
    ctx.header("Set-Cookie", cookie(s.id(), false));
    log.info("console login: {} from {}", s.user(), client.getHostAddress());
    ctx.json(view(s));
  }

  private void logout(Context ctx) {
    ApiSession s = AccessFilter.session(ctx);
    deps.sessions().close(s.id());
    ctx.header("Set-Cookie", cookie("", true));
    ctx.json(Map.of("user", s.user(), "loggedOut", true));
  }

  private String cookie(String value, boolean expire) {
    return AccessFilter.COOKIE
        + "="
        + value
        + "; Path=/; HttpOnly; SameSite=Strict"
        + (deps.secure() ? "; Secure" : "")
        + (expire ? "; Max-Age=0" : "");
  }

  static Map<String, Object> view(ApiSession s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("user", s.user());
    m.put("role", s.role().text());
    m.put("csrf", s.csrf());
    return m;
  }
}
