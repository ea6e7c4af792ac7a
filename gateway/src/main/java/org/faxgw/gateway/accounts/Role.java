package org.faxgw.gateway.accounts;

/** What a user may do: an admin sees and changes every job, a user only their own. */
public enum Role {
  ADMIN,
  USER;

  /** The name as written in the accounts file. */
  public String text() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Role parse(String s) {
    return switch (s == null ? "user" : s.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "admin" -> ADMIN;
      case "user" -> USER;
      default -> throw new IllegalArgumentException("role must be admin or user: " + s);
    };
  }
}
