package org.faxgw.gateway.accounts;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The one password hash scheme of the accounts store: PBKDF2 with HMAC-SHA256 (RFC 8018 5.2), a
 * 16-byte random salt per user and a 32-byte derived key, stored as {@code
 * $pbkdf2-sha256$ITERATIONS$SALT$KEY} with SALT and KEY in unpadded base64. The iteration count is
 * in the string, so it can be raised later without invalidating stored hashes.
 */
public final class PasswordHash {
  private static final String PREFIX = "$pbkdf2-sha256$";

  /** OWASP cheat sheet (2021) figure for PBKDF2-HMAC-SHA256. */
  public static final int DEFAULT_ITERATIONS = 310_000;

  private static final int SALT_BYTES = 16;
  private static final int KEY_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHash() {}

  public static String hash(char[] password) {
    return hash(password, DEFAULT_ITERATIONS);
  }

  public static String hash(char[] password, int iterations) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(derive(password, salt, iterations));
  }

  /** Whether {@code s} has the form of a stored hash. */
  public static boolean isHash(String s) {
    return s.startsWith(PREFIX) && s.substring(PREFIX.length()).split("\\$", -1).length == 3;
  }

  /** Checks a password against a stored hash in constant time; a malformed hash never matches. */
  public static boolean verify(String password, String stored) {
    if (password == null || password.isEmpty() || stored == null || !isHash(stored)) {
      return false;
    }
    String[] p = stored.substring(PREFIX.length()).split("\\$", -1);
    try {
      int iterations = Integer.parseInt(p[0]);
      if (iterations < 1 || iterations > 10_000_000) {
        return false;
      }
      Base64.Decoder d = Base64.getDecoder();
      byte[] salt = d.decode(p[1]);
      byte[] key = d.decode(p[2]);
      byte[] got = derive(password.toCharArray(), salt, iterations);
      return MessageDigest.isEqual(key, got);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BITS);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from the JDK", e);
    }
  }
}
