/**
 * The one accounts store: users with PBKDF2-HMAC-SHA256 password hashes ({@link PasswordHash}),
 * roles, allowed networks and per-user limits, kept in one YAML file written atomically (temp file
 * + fsync + rename) and re-read when it changes. SMTP AUTH and the HylaFAX client protocol (port
 * 4559) authenticate against it; {@code faxgw user add|passwd|del|list} manages it.
 */
package org.faxgw.gateway.accounts;
