package org.faxgw.gateway.live;

import java.util.List;

/**
 * HylaFAX modem-side fax limits for an iaxmodem line (the Class 1 keys of {@code config.<dev>} that
 * proved to work with iaxmodem's spandsp T.31 modem).
 */
public enum ModemProfile {
  /** HylaFAX's own iaxmodem prototype: V.17 14400, ECM, MMR. */
  DEFAULT(List.of()),
  /** No ECM (so no MMR) and no V.17: at most V.29 9600, MR. */
  LOWRATE(
      List.of(
          "Class1ECMSupport: no",
          "Class1TMQueryCmd: \"!24,48,72,96\"",
          "Class1RMQueryCmd: \"!24,48,72,96\"")),
  /** No ECM, V.27ter only (2400/4800), 1-D MH. */
  V27MH(
      List.of(
          "Class1ECMSupport: no",
          "Class1MRSupport: no",
          "Class1MMRSupport: no",
          "Class1TMQueryCmd: \"!24,48\"",
          "Class1RMQueryCmd: \"!24,48\""));

  private final List<String> lines;

  ModemProfile(List<String> lines) {
    this.lines = lines;
  }

  List<String> configLines() {
    return lines;
  }
}
