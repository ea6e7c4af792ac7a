package org.faxgw.smtp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Verifies SHA-512 crypt password hashes ({@code $6$salt$hash}, as made by {@code openssl passwd
 * -6} and glibc crypt), following Ulrich Drepper's public specification "Unix crypt using SHA-256
 * and SHA-512" (2007). Only verification: passwords are never stored in clear.
 */
public final class ShaCrypt {
  private static final String B64 =
      "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  /** Spec: default 5000 rounds, allowed 1000..999999999. */
  private static final int DEFAULT_ROUNDS = 5000;

  private ShaCrypt() {}

  /** True when {@code password} matches {@code hash}. */
  public static boolean verify(String password, String hash) {
    if (hash == null || !hash.startsWith("$6$")) {
      return false;
    }
    String rest = hash.substring(3);
    int rounds = DEFAULT_ROUNDS;
    boolean roundsGiven = false;
    if (rest.startsWith("rounds=")) {
      int d = rest.indexOf('$');
      if (d < 0) {
        return false;
      }
      try {
        rounds = Math.max(1000, Math.min(999_999_999, Integer.parseInt(rest.substring(7, d))));
      } catch (NumberFormatException e) {
        return false;
      }
      roundsGiven = true;
      rest = rest.substring(d + 1);
    }
    int d = rest.indexOf('$');
    if (d < 0) {
      return false;
    }
    String salt = rest.substring(0, Math.min(d, 16));
    String expected = hash;
    String actual = crypt(password, salt, rounds, roundsGiven);
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), actual.getBytes(StandardCharsets.US_ASCII));
  }

  static String crypt(String password, String salt, int rounds, boolean roundsGiven) {
    byte[] p = password.getBytes(StandardCharsets.UTF_8);
    byte[] s = salt.getBytes(StandardCharsets.UTF_8);
    MessageDigest a = sha512();
    a.update(p);
    a.update(s);
    MessageDigest b = sha512();
    b.update(p);
    b.update(s);
    b.update(p);
    byte[] bd = b.digest();
    int n;
    for (n = p.length; n > 64; n -= 64) {
      a.update(bd, 0, 64);
    }
    a.update(bd, 0, n);
    for (int cnt = p.length; cnt > 0; cnt >>= 1) {
      if ((cnt & 1) != 0) {
        a.update(bd, 0, 64);
      } else {
        a.update(p);
      }
    }
    byte[] ad = a.digest();
    MessageDigest dp = sha512();
    for (int i = 0; i < p.length; i++) {
      dp.update(p);
    }
    byte[] dpd = dp.digest();
    byte[] pSeq = new byte[p.length];
    for (int i = 0; i < p.length; i++) {
      pSeq[i] = dpd[i % 64];
    }
    MessageDigest ds = sha512();
    for (int i = 0; i < 16 + (ad[0] & 0xFF); i++) {
      ds.update(s);
    }
    byte[] dsd = ds.digest();
    byte[] sSeq = new byte[s.length];
    for (int i = 0; i < s.length; i++) {
      sSeq[i] = dsd[i % 64];
    }
    byte[] c = ad;
    for (int i = 0; i < rounds; i++) {
      MessageDigest r = sha512();
      if ((i & 1) != 0) {
        r.update(pSeq);
      } else {
        r.update(c, 0, 64);
      }
      if (i % 3 != 0) {
        r.update(sSeq);
      }
      if (i % 7 != 0) {
        r.update(pSeq);
      }
      if ((i & 1) != 0) {
        r.update(c, 0, 64);
      } else {
        r.update(pSeq);
      }
      c = r.digest();
    }
    StringBuilder out = new StringBuilder("$6$");
    if (roundsGiven) {
      out.append("rounds=").append(rounds).append('$');
    }
    out.append(salt).append('$');
    int[][] order = {
      {0, 21, 42},
      {22, 43, 1},
      {44, 2, 23},
      {3, 24, 45},
      {25, 46, 4},
      {47, 5, 26},
      {6, 27, 48},
      {28, 49, 7},
      {50, 8, 29},
      {9, 30, 51},
      {31, 52, 10},
      {53, 11, 32},
      {12, 33, 54},
      {34, 55, 13},
      {56, 14, 35},
      {15, 36, 57},
      {37, 58, 16},
      {59, 17, 38},
      {18, 39, 60},
      {40, 61, 19},
      {62, 20, 41}
    };
    for (int[] o : order) {
      b64(out, c[o[0]], c[o[1]], c[o[2]], 4);
    }
    b64(out, (byte) 0, (byte) 0, c[63], 2);
    return out.toString();
  }

  private static void b64(StringBuilder out, byte b2, byte b1, byte b0, int n) {
    int w = ((b2 & 0xFF) << 16) | ((b1 & 0xFF) << 8) | (b0 & 0xFF);
    for (int i = 0; i < n; i++) {
      out.append(B64.charAt(w & 0x3f));
      w >>>= 6;
    }
  }

  private static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 missing from the JDK", e);
    }
  }
}
