package org.faxgw.iax2.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * MD5 challenge/response, RFC 5456 8.6.16: MD5_RESULT is the MD5 digest of the CHALLENGE text
 * followed by the shared secret, written as 32 lower-case hexadecimal digits.
 */
public final class Md5Auth {
  private Md5Auth() {}

  /** The MD5_RESULT for this challenge and secret. */
  public static String result(String challenge, String secret) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      md.update(challenge.getBytes(StandardCharsets.ISO_8859_1));
      md.update(secret.getBytes(StandardCharsets.ISO_8859_1));
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has MD5", e);
    }
  }

  /** Whether {@code answer} (hex, either case) is right for this challenge and secret. */
  public static boolean verify(String challenge, String secret, String answer) {
    byte[] want = result(challenge, secret).getBytes(StandardCharsets.ISO_8859_1);
    byte[] got =
        answer.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1);
    return MessageDigest.isEqual(want, got);
  }
}
