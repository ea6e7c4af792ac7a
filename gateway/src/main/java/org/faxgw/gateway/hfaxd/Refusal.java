package org.faxgw.gateway.hfaxd;

/** A command refused with the reply hfaxd gives (code and text). */
final class Refusal extends Exception {
  private static final long serialVersionUID = 1L;
  final int code;

  Refusal(int code, String text) {
    super(text);
    this.code = code;
  }
}
