package org.faxgw.t30;

import java.util.HexFormat;
import org.faxgw.modem.HdlcFcs;
import org.faxgw.t4.FaxCompression;

/** HylaFAX's session-log wording (its Class 1 driver's lines), for {@link SessionLogSink}. */
final class HylaFaxLog {
  private HylaFaxLog() {}

  private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

  /** A frame we send: {@code <-- HDLC<n:FF C8 01 ...>} in T.30 notation, without FCS. */
  static String sent(T30Frame f) {
    byte[] o = f.octets();
    return "<-- HDLC<" + o.length + ":" + HEX.formatHex(BitReversal.reverseEach(o)) + ">";
  }

  /** A frame received: {@code --> HDLC<n:...>} in T.30 notation, FCS included as HylaFAX shows. */
  static String received(byte[] o) {
    byte[] withFcs = java.util.Arrays.copyOf(o, o.length + 2);
    int fcs = HdlcFcs.fcs(o, 0, o.length);
    withFcs[o.length] = (byte) fcs;
    withFcs[o.length + 1] = (byte) (fcs >>> 8);
    return "--> HDLC<"
        + withFcs.length
        + ":"
        + HEX.formatHex(BitReversal.reverseEach(withFcs))
        + ">";
  }

  /** Octets in T.30 notation (each bit-reversed), space separated, e.g. an NSF's FIF. */
  static String octets(byte[] o) {
    return HEX.formatHex(BitReversal.reverseEach(o));
  }

  /** "v.17 14400 bit/s", as in "SEND training at v.17 14400 bit/s". */
  static String modem(SignalRate r) {
    return r.modulation().label().toLowerCase(java.util.Locale.ROOT)
        + " "
        + r.bitsPerSecond()
        + " bit/s";
  }

  /** "1-D MH", "2-D MR", "2-D MMR". */
  static String format(FaxCompression c) {
    return switch (c) {
      case MH -> "1-D MH";
      case MR -> "2-D MR";
      case MMR -> "2-D MMR";
    };
  }

  static String vres(boolean fine) {
    return fine ? "7.7 line/mm" : "3.85 line/mm";
  }

  /**
   * The words HylaFAX adds to a post-page or response FCF, e.g. "MPS (more pages, same document)".
   */
  static String describe(Fcf f) {
    return switch (f) {
      case MPS -> "MPS (more pages, same document)";
      case EOP -> "EOP (no more pages or documents)";
      case EOM -> "EOM (more documents)";
      case MCF -> "MCF (message confirmation)";
      case RTP -> "RTP (retrain positive)";
      case RTN -> "RTN (retrain negative)";
      case PPR -> "PPR (partial page request)";
      case CTC -> "CTC (continue to correct)";
      case CTR -> "CTR (response for continue to correct)";
      case EOR -> "EOR (end of retransmission)";
      case ERR -> "ERR (response for end of retransmission)";
      case RR -> "RR (receive ready)";
      case RNR -> "RNR (receive not ready)";
      case DCN -> "DCN (disconnect)";
      case DCS -> "DCS (command signal)";
      case CFR -> "CFR (confirmation to receive)";
      case FTT -> "FTT (failure to train)";
      default -> f.name() + " (" + f.meaning() + ")";
    };
  }

  /** "0:00:26" from samples. */
  static String duration(long samples) {
    long s = samples / T30Timers.RATE;
    return String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }
}
