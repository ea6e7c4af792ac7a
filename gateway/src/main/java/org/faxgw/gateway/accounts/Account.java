package org.faxgw.gateway.accounts;

import java.net.InetAddress;
import java.util.List;
import org.faxgw.smtp.IpNetwork;

/**
 * One user of the gateway.
 *
 * @param name login name (letters, digits, {@code . _ - @})
 * @param passwordHash a {@link PasswordHash} string, never the clear password
 * @param role admin or user
 * @param networks where the user may log in from; empty means anywhere
 * @param limits per-user limits
 */
public record Account(
    String name, String passwordHash, Role role, List<IpNetwork> networks, AccountLimits limits) {
  public Account {
    if (name == null || !name.matches("[A-Za-z0-9._@-]{1,64}")) {
      throw new IllegalArgumentException(
          "user name must be 1-64 letters, digits or . _ - @: " + name);
    }
    if (passwordHash == null || !PasswordHash.isHash(passwordHash)) {
      throw new IllegalArgumentException("password of " + name + " is not a PBKDF2 hash");
    }
    role = role == null ? Role.USER : role;
    networks = networks == null ? List.of() : List.copyOf(networks);
    limits = limits == null ? AccountLimits.NONE : limits;
  }

  /** Whether the user may log in from {@code client}. */
  public boolean allowedFrom(InetAddress client) {
    return networks.isEmpty() || networks.stream().anyMatch(n -> n.contains(client));
  }

  public boolean admin() {
    return role == Role.ADMIN;
  }

  public Account withPasswordHash(String hash) {
    return new Account(name, hash, role, networks, limits);
  }
}
