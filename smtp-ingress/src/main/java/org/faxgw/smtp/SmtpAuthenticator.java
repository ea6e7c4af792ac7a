package org.faxgw.smtp;

import java.net.InetAddress;

/**
 * Checks AUTH PLAIN/LOGIN credentials (RFC 4954). The gateway supplies one backed by its accounts
 * store, so this module knows no store.
 */
@FunctionalInterface
public interface SmtpAuthenticator {
  /** Whether {@code user} with {@code password} may submit mail from {@code client}. */
  boolean authenticate(String user, String password, InetAddress client);
}
