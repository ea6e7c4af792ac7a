package org.faxgw.t30;

import java.util.List;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.Resolution;

/**
 * What a sender chose from the far end's DIS and its own {@link Capabilities}.
 *
 * @param rates the rates both ends can use, best first in {@link SignalRate} order (the step-down
 *     order after FTT or CTC)
 * @param coding MMR (only with ECM), MR or MH
 * @param fine 7.7 lines/mm (only when both ends can)
 * @param ecm error correction mode
 * @param ecmFrameSize 256 or 64 octets
 * @param minScanLineMs the far end's minimum scan-line time for this resolution (0 with ECM)
 */
record DcsChoice(
    List<SignalRate> rates,
    FaxCompression coding,
    boolean fine,
    boolean ecm,
    int ecmFrameSize,
    int minScanLineMs) {

  DcsChoice {
    rates = List.copyOf(rates);
  }

  Resolution resolution() {
    return fine ? Resolution.FINE : Resolution.NORMAL;
  }

  /** The next lower common rate after {@code rate}, or null at the bottom. */
  SignalRate below(SignalRate rate) {
    int i = rates.indexOf(rate);
    return i >= 0 && i + 1 < rates.size() ? rates.get(i + 1) : null;
  }
}
