package org.faxgw.gateway.policy;

/** What the outbound policy says about one recipient or one rendered job. */
public sealed interface Decision {
  /** Go ahead. */
  record Accept() implements Decision {}

  /**
   * Refused for good (an SMTP 5xx; a job fails with {@link #text()}).
   *
   * @param code the SMTP reply code, 5xx
   * @param text the RFC 3463 enhanced code and the reason
   */
  record Reject(int code, String text) implements Decision {
    public Reject {
      if (code < 500 || code > 599) {
        throw new IllegalArgumentException("a rejection is a 5xx reply: " + code);
      }
    }
  }

  /**
   * Not now (an SMTP 4xx: the client tries again later).
   *
   * @param code the SMTP reply code, 4xx
   * @param text the RFC 3463 enhanced code and the reason
   */
  record Defer(int code, String text) implements Decision {
    public Defer {
      if (code < 400 || code > 499) {
        throw new IllegalArgumentException("a deferral is a 4xx reply: " + code);
      }
    }
  }

  Decision ACCEPT = new Accept();
}
