package org.faxgw.t30;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.faxgw.t4.FaxCompression;

/**
 * Builds DIS/DTC and DCS information fields (T.30 Table 2) and makes the sender's choice; the
 * counterpart of {@link DisDcsFields}, which decodes them. Bit {@code n} of T.30's numbering lives
 * in octet {@code (n-1)/8}, mask {@code 1 << ((n-1) % 8)} (the octet order of the line).
 */
final class DisDcsEncoder {
  private DisDcsEncoder() {}

  /** Octets of our DIS/DTC and DCS: bits 1-32 (bit 24 extends into the fourth octet). */
  static final int FIF_OCTETS = 4;

  static void set(byte[] fif, int n) {
    fif[(n - 1) >>> 3] |= (byte) (1 << ((n - 1) & 7));
  }

  /** Writes {@code code} (T.30 notation, first bit leftmost) from bit {@code from} on. */
  private static void setBits(byte[] fif, int from, String code) {
    for (int i = 0; i < code.length(); i++) {
      if (code.charAt(i) == '1') {
        set(fif, from + i);
      }
    }
  }

  /** T.30 Table 2, DCS bits 11-14 for each rate. */
  static String dcsRateCode(SignalRate r) {
    return switch (r) {
      case V27TER_2400 -> "0000";
      case V27TER_4800 -> "0100";
      case V29_9600 -> "1000";
      case V29_7200 -> "1100";
      case V17_14400 -> "0001";
      case V17_12000 -> "0101";
      case V17_9600 -> "1001";
      case V17_7200 -> "1101";
    };
  }

  /** The rate a DCS (or CTC) selects, or null for a code we do not implement (V.33, invalid). */
  static SignalRate rateOf(DisDcsFields dcs) {
    for (SignalRate r : SignalRate.values()) {
      if (dcsRateCode(r).equals(dcs.rateCode())) {
        return r;
      }
    }
    return null;
  }

  /** T.30 Table 2, DIS bits 11-14: the widest combination our rates allow. */
  static String disRateCode(Set<SignalRate> rates) {
    boolean v17 = rates.stream().anyMatch(r -> r.modulation() == Modulation.V17);
    boolean v29 = rates.stream().anyMatch(r -> r.modulation() == Modulation.V29);
    boolean v27 = rates.contains(SignalRate.V27TER_4800);
    if (v17) {
      return "1101"; // V.27ter, V.29 and V.17
    }
    if (v29) {
      return v27 || rates.contains(SignalRate.V27TER_2400) ? "1100" : "1000";
    }
    return v27 ? "0100" : "0000";
  }

  /** Bits 21-23 of a DIS for a minimum scan-line time (T.30 Table 2). */
  private static String scanCode(int ms) {
    return switch (ms) {
      case 0 -> "111";
      case 5 -> "100";
      case 10 -> "010";
      case 40 -> "001";
      default -> "000"; // 20 ms
    };
  }

  /**
   * Our DIS (or DTC) FIF from {@code caps}.
   *
   * @param readyToReceive bit 10 (we have no document waiting: a receiver)
   * @param readyToTransmit bit 9 (we have a document to be polled)
   */
  static byte[] dis(Capabilities caps, boolean readyToReceive, boolean readyToTransmit) {
    byte[] fif = new byte[FIF_OCTETS];
    if (readyToTransmit) {
      set(fif, 9);
    }
    if (readyToReceive) {
      set(fif, 10);
    }
    setBits(fif, 11, disRateCode(caps.rates()));
    if (caps.fine()) {
      set(fif, 15);
    }
    if (caps.codings().contains(FaxCompression.MR)) {
      set(fif, 16);
    }
    // bits 17-18 = 00: 215 mm; bits 19-20 = 01: unlimited length
    set(fif, 20);
    setBits(fif, 21, scanCode(caps.minScanLineMs()));
    set(fif, 24); // extend field
    if (caps.ecm()) {
      set(fif, 27);
      if (caps.codings().contains(FaxCompression.MMR)) {
        set(fif, 31); // T.6 coding, only with ECM (T.30 Table 2 note)
      }
    }
    return fif;
  }

  /** A DCS FIF for {@code choice} at {@code rate}. */
  static byte[] dcs(DcsChoice choice, SignalRate rate) {
    byte[] fif = new byte[FIF_OCTETS];
    set(fif, 10); // receive fax document
    setBits(fif, 11, dcsRateCode(rate));
    if (choice.fine()) {
      set(fif, 15);
    }
    if (choice.coding() == FaxCompression.MR) {
      set(fif, 16);
    }
    set(fif, 20); // unlimited length
    setBits(fif, 21, choice.ecm() ? "111" : scanCode(choice.minScanLineMs()));
    set(fif, 24);
    if (choice.ecm()) {
      set(fif, 27);
      if (choice.ecmFrameSize() == 64) {
        set(fif, 28);
      }
      if (choice.coding() == FaxCompression.MMR) {
        set(fif, 31);
      }
    }
    return fif;
  }

  /** A CTC FIF (T.30 Annex A): DCS-style octets whose bits 11-14 give the new rate. */
  static byte[] ctc(SignalRate rate) {
    byte[] fif = new byte[2];
    setBits(fif, 11, dcsRateCode(rate));
    return fif;
  }

  /** The rates a DIS offers, in step-down order. */
  static List<SignalRate> offered(DisDcsFields dis) {
    List<SignalRate> out = new ArrayList<>();
    for (SignalRate r : SignalRate.values()) {
      boolean ok =
          switch (r.modulation()) {
            case V17 -> dis.modulations().contains(Modulation.V17);
            case V29 -> dis.modulations().contains(Modulation.V29);
            case V27TER ->
                r == SignalRate.V27TER_2400
                    ? dis.modulations().contains(Modulation.V27TER) || "0000".equals(dis.rateCode())
                    : dis.modulations().contains(Modulation.V27TER)
                        && !"0000".equals(dis.rateCode());
            default -> false;
          };
      if (ok) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * The sender's choice: the common rates in {@link SignalRate} order, ECM if both, MMR only with
   * ECM, else MR, else MH, fine only if both and the pages are fine, the far end's scan-line time.
   *
   * @return null when nothing usable is in common (no rate, or the far end cannot receive)
   */
  static DcsChoice choose(DisDcsFields dis, Capabilities ours, boolean wantFine) {
    List<SignalRate> rates = new ArrayList<>();
    for (SignalRate r : offered(dis)) {
      if (ours.rates().contains(r)) {
        rates.add(r);
      }
    }
    if (rates.isEmpty() || dis.widthMm() == 0) {
      return null;
    }
    boolean ecm = dis.ecm() && ours.ecm();
    Set<FaxCompression> common = EnumSet.copyOf(ours.codings());
    common.retainAll(dis.codings());
    FaxCompression coding =
        ecm && common.contains(FaxCompression.MMR)
            ? FaxCompression.MMR
            : common.contains(FaxCompression.MR) ? FaxCompression.MR : FaxCompression.MH;
    boolean fine = wantFine && dis.fine() && ours.fine();
    int scan = dis.minScanTimeMs() < 0 ? 20 : dis.minScanTimeMs();
    if (fine && dis.scanTimeHalvedAtFine()) {
      scan /= 2;
    }
    return new DcsChoice(rates, coding, fine, ecm, ours.ecmFrameSize(), ecm ? 0 : scan);
  }

  /**
   * Receiver: whether a DCS asks only for what our DIS offered.
   *
   * @return null when it does, else what it asked for that we did not offer
   */
  static String notOffered(DisDcsFields dcs, Capabilities ours) {
    SignalRate r = rateOf(dcs);
    if (r == null) {
      return "rate code " + dcs.rateCode();
    }
    DisDcsFields dis = DisDcsFields.decodeDis(dis(ours, true, false));
    if (!offered(dis).contains(r)) {
      return r.label();
    }
    FaxCompression c = dcs.coding();
    if (!ours.codings().contains(c)) {
      return c.name();
    }
    if (c == FaxCompression.MMR && !dcs.ecm()) {
      return "MMR without ECM";
    }
    if (dcs.ecm() && !ours.ecm()) {
      return "ECM";
    }
    if (dcs.fine() && !ours.fine()) {
      return "7.7 line/mm";
    }
    if (dcs.superfine() || dcs.r16() || dcs.r300()) {
      return "a resolution above 7.7 line/mm";
    }
    if (dcs.widthMm() != 215) {
      return "page width " + (dcs.widthMm() == 0 ? "(invalid)" : dcs.widthMm() + " mm");
    }
    return null;
  }
}
