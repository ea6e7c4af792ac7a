package org.faxgw.t30;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.faxgw.t4.FaxCompression;

/**
 * The fields of a DIS or DTC (capabilities) or DCS (selection) FIF that matter for a G3 audio fax,
 * T.30 Table 2. Bit {@code n} of T.30's numbering (from 1) is bit {@code (n-1) % 8} of FIF octet
 * {@code (n-1) / 8} as received.
 *
 * @param command true for a DCS (the fields say what is used), false for DIS/DTC (what is possible)
 * @param readyToReceive bit 10 (DIS: ready to receive; DCS: receive fax document)
 * @param readyToTransmit bit 9 (DIS: ready to transmit, i.e. has a document to poll)
 * @param modulations DIS: the modems offered; DCS: the one selected (bits 11-14)
 * @param bitRate DCS: the selected rate; DIS: the highest offered; 0 if the code is invalid
 * @param rateCode bits 11, 12, 13, 14 as written in T.30, e.g. "0001"
 * @param fine bit 15: 7.7 lines/mm
 * @param superfine bit 41: R8 x 15.4 lines/mm
 * @param r300 bit 42: 300 x 300 pels/25.4 mm
 * @param r16 bit 43: R16 x 15.4 lines/mm (DIS also 400 x 400)
 * @param codings MH always; MR with bit 16; MMR with bit 31
 * @param uncompressed bit 26
 * @param ecm bit 27
 * @param ecmFrameSize DCS with ECM: 256 or 64 octets (bit 28: 0 = 256, 1 = 64); 0 otherwise
 * @param widthMm DCS: the width selected; DIS: the widest offered (215, 255 or 303); 0 invalid
 * @param length "A4", "B4" or "unlimited" (DIS: the longest offered); "invalid"
 * @param minScanTimeMs bits 21-23, the scan-line time at 3.85 lines/mm in ms; -1 invalid
 * @param scanTimeHalvedAtFine DIS codes that allow half the time at 7.7 lines/mm
 * @param setBits every bit set in the FIF, T.30 numbering
 */
public record DisDcsFields(
    boolean command,
    boolean readyToReceive,
    boolean readyToTransmit,
    Set<Modulation> modulations,
    int bitRate,
    String rateCode,
    boolean fine,
    boolean superfine,
    boolean r300,
    boolean r16,
    Set<FaxCompression> codings,
    boolean uncompressed,
    boolean ecm,
    int ecmFrameSize,
    int widthMm,
    String length,
    int minScanTimeMs,
    boolean scanTimeHalvedAtFine,
    List<Integer> setBits) {

  public DisDcsFields {
    modulations = modulations.isEmpty() ? Set.of() : Set.copyOf(modulations);
    codings = Set.copyOf(codings);
    setBits = List.copyOf(setBits);
  }

  /** True when T.30 bit {@code n} (from 1) is set in {@code fif}. */
  public static boolean bit(byte[] fif, int n) {
    int i = (n - 1) >>> 3;
    return i < fif.length && (fif[i] & (1 << ((n - 1) & 7))) != 0;
  }

  /** Decodes a DIS or DTC FIF. */
  public static DisDcsFields decodeDis(byte[] fif) {
    return decode(fif, false);
  }

  /** Decodes a DCS FIF. */
  public static DisDcsFields decodeDcs(byte[] fif) {
    return decode(fif, true);
  }

  /** A value of bits 11-14: the modulation(s) and the (highest) data signalling rate it names. */
  private record RateCode(List<Modulation> modulations, int bitRate) {
    static final RateCode UNKNOWN = new RateCode(List.of(), 0);

    static RateCode of(int bitRate, Modulation... modulations) {
      return new RateCode(List.of(modulations), bitRate);
    }
  }

  /** T.30 Table 2, DCS bits 11-14: the data signalling rate chosen. */
  private static final Map<String, RateCode> DCS_RATES =
      Map.of(
          "0000", RateCode.of(2400, Modulation.V27TER),
          "0100", RateCode.of(4800, Modulation.V27TER),
          "1000", RateCode.of(9600, Modulation.V29),
          "1100", RateCode.of(7200, Modulation.V29),
          "0001", RateCode.of(14400, Modulation.V17),
          "0101", RateCode.of(12000, Modulation.V17),
          "1001", RateCode.of(9600, Modulation.V17),
          "1101", RateCode.of(7200, Modulation.V17),
          "0010", RateCode.of(14400, Modulation.V33),
          "0110", RateCode.of(12000, Modulation.V33));

  /** T.30 Table 2, DIS/DTC bits 11-14: the data signalling rates the station can receive. */
  private static final Map<String, RateCode> DIS_RATES =
      Map.of(
          "0000", RateCode.of(2400, Modulation.V27TER), // fall-back mode: 2400 only
          "0100", RateCode.of(4800, Modulation.V27TER),
          "1000", RateCode.of(9600, Modulation.V29),
          "1100", RateCode.of(9600, Modulation.V27TER, Modulation.V29),
          "1101", RateCode.of(14400, Modulation.V27TER, Modulation.V29, Modulation.V17),
          "1110", RateCode.of(14400, Modulation.V27TER, Modulation.V29, Modulation.V33));

  /** Decodes {@code fif}: {@code command} true for DCS, false for DIS/DTC. */
  public static DisDcsFields decode(byte[] fif, boolean command) {
    String rate = bits(fif, 11, 4);
    RateCode code = (command ? DCS_RATES : DIS_RATES).getOrDefault(rate, RateCode.UNKNOWN);
    Set<Modulation> mods = EnumSet.noneOf(Modulation.class);
    mods.addAll(code.modulations());
    int bitRate = code.bitRate();
    Set<FaxCompression> codings = EnumSet.of(FaxCompression.MH);
    if (bit(fif, 16)) {
      codings.add(FaxCompression.MR);
    }
    if (bit(fif, 31)) {
      codings.add(FaxCompression.MMR);
    }
    if (command && codings.size() > 1) {
      codings.remove(FaxCompression.MH); // a DCS selects one coding: MMR over MR over MH
      if (codings.contains(FaxCompression.MMR)) {
        codings.remove(FaxCompression.MR);
      }
    }
    String w = bits(fif, 17, 2);
    int width =
        switch (w) {
          case "00" -> 215;
          case "10" -> 255; // DIS: 215 and 255
          case "01" -> 303; // DIS: 215, 255 and 303
          default -> 0;
        };
    String l = bits(fif, 19, 2);
    String length =
        switch (l) {
          case "00" -> "A4";
          case "10" -> "B4"; // DIS: A4 and B4
          case "01" -> "unlimited";
          default -> "invalid";
        };
    String s = bits(fif, 21, 3);
    int scan;
    boolean halved = false;
    switch (s) {
      case "000" -> scan = 20;
      case "001" -> scan = 40;
      case "010" -> scan = 10;
      case "100" -> scan = 5;
      case "111" -> scan = 0;
      case "011" -> {
        scan = command ? -1 : 10;
        halved = !command;
      }
      case "110" -> {
        scan = command ? -1 : 20;
        halved = !command;
      }
      case "101" -> {
        scan = command ? -1 : 40;
        halved = !command;
      }
      default -> scan = -1;
    }
    boolean ecm = bit(fif, 27);
    int frameSize = command && ecm ? (bit(fif, 28) ? 64 : 256) : 0;
    List<Integer> set = new ArrayList<>();
    for (int n = 1; n <= fif.length * 8; n++) {
      if (bit(fif, n)) {
        set.add(n);
      }
    }
    return new DisDcsFields(
        command,
        bit(fif, 10),
        bit(fif, 9),
        mods,
        bitRate,
        rate,
        bit(fif, 15),
        bit(fif, 41),
        bit(fif, 42),
        bit(fif, 43),
        codings,
        bit(fif, 26),
        ecm,
        frameSize,
        width,
        length,
        scan,
        halved,
        set);
  }

  /** The coding a DCS selects (MMR, MR or MH). */
  public FaxCompression coding() {
    if (codings.contains(FaxCompression.MMR)) {
      return FaxCompression.MMR;
    }
    return codings.contains(FaxCompression.MR) ? FaxCompression.MR : FaxCompression.MH;
  }

  /** For a DCS, the selected modem (or null when the rate code is invalid). */
  public Modulation modulation() {
    if (modulations.isEmpty()) {
      return null;
    }
    if (modulations.size() == 1) {
      return modulations.iterator().next();
    }
    return modulations.contains(Modulation.V17) ? Modulation.V17 : Modulation.V29;
  }

  /** Vertical resolution in lines/mm as T.30 names it: "3.85", "7.7", "15.4". */
  public String verticalResolution() {
    if (command) {
      return superfine || r16 ? "15.4" : fine ? "7.7" : "3.85";
    }
    return superfine || r16 ? "15.4" : fine ? "7.7" : "3.85";
  }

  /** Page width in pels at 8 pels/mm (T.4 2.2: 1728, 2048 or 2432). */
  public int widthPels() {
    return switch (widthMm) {
      case 255 -> 2048;
      case 303 -> 2432;
      default -> 1728;
    };
  }

  /** Readable lines, in the spirit of HylaFAX's "REMOTE wants/best ..." log lines. */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    String verb = command ? "use" : "can";
    if (command) {
      Modulation m = modulation();
      out.add(
          "rate "
              + (m == null ? "invalid code " + rateCode : m.label() + " " + bitRate + " bit/s"));
    } else {
      List<String> ms = new ArrayList<>();
      for (Modulation m : Modulation.values()) {
        if (modulations.contains(m)) {
          ms.add(m.label());
        }
      }
      out.add("modems " + (ms.isEmpty() ? "invalid code " + rateCode : String.join(", ", ms)));
    }
    out.add(verb + " " + verticalResolution() + " line/mm" + (command ? "" : " (best)"));
    out.add((command ? "coding " : "codings ") + codingNames());
    out.add(
        "width "
            + (widthMm == 0 ? "invalid" : widthMm + " mm")
            + ", length "
            + length
            + (command ? "" : " (largest)"));
    out.add(
        "min scan time "
            + (minScanTimeMs < 0 ? "invalid" : minScanTimeMs + " ms")
            + (scanTimeHalvedAtFine ? " (half at 7.7 line/mm)" : ""));
    if (ecm) {
      out.add("ECM" + (command ? " " + ecmFrameSize + "-octet frames" : ""));
    } else {
      out.add("no ECM");
    }
    return out;
  }

  private String codingNames() {
    List<String> c = new ArrayList<>();
    for (FaxCompression f : FaxCompression.values()) {
      if (codings.contains(f)) {
        c.add(f.name());
      }
    }
    return String.join(", ", c);
  }

  /** T.30 bits {@code from .. from+n-1} as a string, bit {@code from} first. */
  private static String bits(byte[] fif, int from, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(bit(fif, from + i) ? '1' : '0');
    }
    return sb.toString();
  }
}
