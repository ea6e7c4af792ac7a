package org.faxgw.t30;

import java.util.HexFormat;

/** Frames as HylaFAX prints them (T.30 bit notation) turned into received octets. */
final class T30NotationSupport {
  private T30NotationSupport() {}

  static byte[] wire(String hylafaxHex) {
    return BitReversal.reverseEach(HexFormat.of().parseHex(hylafaxHex.replace(" ", "")));
  }

  static T30Frame frame(String hylafaxHex) {
    return T30Frame.of(wire(hylafaxHex));
  }
}
