package org.faxgw.gateway.api;

import java.time.Instant;
import org.faxgw.gateway.accounts.Role;

/**
 * A logged-in console user.
 *
 * @param id the cookie value (256 random bits, base64url)
 * @param user the account name
 * @param role admin or user
 * @param csrf the token every change must carry in {@code X-CSRF-Token} (another 256 random bits)
 * @param lastUsed the time of its last request, for the idle timeout
 */
public record ApiSession(String id, String user, Role role, String csrf, Instant lastUsed) {
  public boolean admin() {
    return role == Role.ADMIN;
  }

  /** Whether this user may see a job or fax owned by {@code owner}. */
  public boolean maySee(String owner) {
    return admin() || user.equals(owner);
  }

  ApiSession touched(Instant now) {
    return new ApiSession(id, user, role, csrf, now);
  }
}
