package org.faxgw.iax2.protocol;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless CALLTOKENs as callee (RFC 5456 does not define them; Asterisk's CALLTOKEN IE 54 and
 * frame 40, chan_iax2.c handle_call_token): the token is {@code "<seconds>?<hex HMAC-SHA1>"} of the
 * caller's address, port and the issue time, keyed with our secret, so checking one needs no state.
 * Valid for {@link #VALID_SECONDS}. Belongs to the protocol's thread.
 */
final class CallTokens {
  /** Asterisk accepts a token for 10 s (chan_iax2.c handle_call_token). */
  static final long VALID_SECONDS = 10;

  private final Mac mac;

  CallTokens(byte[] secret) {
    try {
      mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret, "HmacSHA1"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every Java platform", e);
    }
  }

  /** A token for this caller at this time. */
  String issue(InetSocketAddress from, long nowMillis) {
    long s = Math.floorDiv(nowMillis, 1000);
    return s + "?" + digest(from, s);
  }

  /** Whether {@code token} was issued by us to this caller less than 10 s ago. */
  boolean verify(String token, InetSocketAddress from, long nowMillis) {
    int q = token.indexOf('?');
    if (q <= 0 || q > 19) {
      return false;
    }
    long s;
    try {
      s = Long.parseLong(token.substring(0, q));
    } catch (NumberFormatException e) {
      return false;
    }
    long now = Math.floorDiv(nowMillis, 1000);
    if (s > now || now - s > VALID_SECONDS) {
      return false;
    }
    byte[] want = digest(from, s).getBytes(StandardCharsets.ISO_8859_1);
    byte[] got = token.substring(q + 1).getBytes(StandardCharsets.ISO_8859_1);
    return MessageDigest.isEqual(want, got);
  }

  private String digest(InetSocketAddress from, long seconds) {
    byte[] addr = from.getAddress() == null ? new byte[0] : from.getAddress().getAddress();
    mac.update(addr);
    mac.update((byte) (from.getPort() >>> 8));
    mac.update((byte) from.getPort());
    for (int i = 7; i >= 0; i--) {
      mac.update((byte) (seconds >>> (8 * i)));
    }
    return HexFormat.of().formatHex(mac.doFinal());
  }
}
