package org.faxgw.t30;

import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.Resolution;

/**
 * The outcome of one fax call, with the fields HylaFAX records (xferfaxlog, the received-fax
 * summary, the job's status).
 *
 * @param status how the call ended and why
 * @param detail more words on the cause for the log (may be empty), e.g. "after page 2"
 * @param pages pages transferred: for a sender, pages the receiver confirmed (MCF, or MCF after
 *     RTP); for a receiver, pages stored
 * @param rate the last signalling rate used, or null when phase C was never reached
 * @param dataFormat the coding of the pages (MH, MR, MMR), or null before DCS
 * @param resolution the vertical resolution of the pages, or null before DCS
 * @param ecm whether error correction mode was used
 * @param remoteId the far terminal's CSI (when we sent) or TSI (when we received), may be empty
 * @param durationSamples the call's length in 8 kHz samples, from the first block to the end
 * @param badRows receiver, non-ECM: rows that failed to decode, over all pages
 * @param maxConsecutiveBadRows receiver, non-ECM: the longest run of bad rows on any page
 */
public record FaxResult(
    FaxStatus status,
    String detail,
    int pages,
    SignalRate rate,
    FaxCompression dataFormat,
    Resolution resolution,
    boolean ecm,
    String remoteId,
    long durationSamples,
    int badRows,
    int maxConsecutiveBadRows) {

  public FaxResult {
    detail = detail == null ? "" : detail;
    remoteId = remoteId == null ? "" : remoteId;
  }

  public boolean success() {
    return status.success();
  }

  /** The call's length in milliseconds. */
  public long durationMillis() {
    return durationSamples / 8;
  }
}
