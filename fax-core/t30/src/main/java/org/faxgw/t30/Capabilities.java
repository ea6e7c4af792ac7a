package org.faxgw.t30;

import java.util.EnumSet;
import java.util.Set;
import org.faxgw.t4.FaxCompression;

/**
 * What a terminal offers in its DIS, or is willing to choose in its DCS (T.30 Table 2).
 *
 * @param rates the signalling rates offered; the DIS bits 11-14 are the widest combination these
 *     allow, and a sender never chooses a rate outside this set
 * @param ecm error correction mode (T.30 Annex A) offered
 * @param ecmFrameSize 256 or 64 octets per ECM frame (T.4 A.3.6)
 * @param codings MH is always present; MR and MMR (MMR only with ECM, T.30 Table 2 note)
 * @param fine 7.7 lines/mm offered
 * @param minScanLineMs the minimum scan-line time this terminal needs as a receiver (T.30 Table 2
 *     bits 21-23: 0, 5, 10, 20 or 40 ms)
 */
public record Capabilities(
    Set<SignalRate> rates,
    boolean ecm,
    int ecmFrameSize,
    Set<FaxCompression> codings,
    boolean fine,
    int minScanLineMs) {

  public Capabilities {
    if (rates.isEmpty()) {
      throw new IllegalArgumentException("at least one signalling rate must be offered");
    }
    rates = Set.copyOf(rates);
    codings = EnumSet.copyOf(codings);
    codings.add(FaxCompression.MH);
    codings = Set.copyOf(codings);
    if (ecmFrameSize != 256 && ecmFrameSize != 64) {
      throw new IllegalArgumentException("ECM frame size is 256 or 64 octets: " + ecmFrameSize);
    }
    if (minScanLineMs != 0
        && minScanLineMs != 5
        && minScanLineMs != 10
        && minScanLineMs != 20
        && minScanLineMs != 40) {
      throw new IllegalArgumentException("minimum scan-line time is 0, 5, 10, 20 or 40 ms");
    }
  }

  /** Everything this project implements: all rates, ECM with 256-octet frames, MH/MR/MMR, fine. */
  public static Capabilities full() {
    return new Capabilities(
        EnumSet.allOf(SignalRate.class), true, 256, EnumSet.allOf(FaxCompression.class), true, 0);
  }
}
