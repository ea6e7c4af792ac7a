package org.faxgw.gateway.api;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.faxgw.gateway.accounts.Role;

/**
 * The console sessions, in memory (a restart logs everyone out). A session ends after {@code
 * idleTimeout} without a request, or at logout. At most {@link #MAX_SESSIONS}; beyond that the
 * oldest idle one is dropped. Thread-safe; time from the clock.
 */
public final class SessionStore {
  static final int MAX_SESSIONS = 10_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, ApiSession> sessions = new ConcurrentHashMap<>();
  private final Duration idleTimeout;
  private final Clock clock;

  public SessionStore(Duration idleTimeout, Clock clock) {
    this.idleTimeout = idleTimeout;
    this.clock = clock;
  }

  /** A new session for a user who has just logged in. */
  public ApiSession open(String user, Role role) {
    Instant now = clock.instant();
    if (sessions.size() >= MAX_SESSIONS) {
      sweep(now);
      sessions.values().stream()
          .min(java.util.Comparator.comparing(ApiSession::lastUsed))
          .ifPresent(s -> sessions.remove(s.id()));
    }
    ApiSession s = new ApiSession(token(), user, role, token(), now);
    sessions.put(s.id(), s);
    return s;
  }

  /** The live session of this cookie value, its idle time restarted; empty when none. */
  public Optional<ApiSession> use(String id) {
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    ApiSession s = sessions.get(id);
    if (s == null) {
      return Optional.empty();
    }
    if (now.isAfter(s.lastUsed().plus(idleTimeout))) {
      sessions.remove(id);
      return Optional.empty();
    }
    ApiSession t = s.touched(now);
    sessions.put(id, t);
    return Optional.of(t);
  }

  public void close(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  /** Ends every session of {@code user} (password changed, account removed). */
  public void closeAll(String user) {
    sessions.values().removeIf(s -> s.user().equals(user));
  }

  /** Whether a request's token is the session's, compared in constant time. */
  public static boolean csrfMatches(ApiSession s, String token) {
    return token != null
        && MessageDigest.isEqual(
            s.csrf().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            token.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  private void sweep(Instant now) {
    for (Iterator<ApiSession> it = sessions.values().iterator(); it.hasNext(); ) {
      if (now.isAfter(it.next().lastUsed().plus(idleTimeout))) {
        it.remove();
      }
    }
  }

  private static String token() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
