package org.faxgw.t4;

/**
 * What the error-tolerant decoder saw on one received page (T.30 copy quality: the receiver answers
 * MCF, RTP or RTN from these).
 *
 * @param rows rows on the page, bad ones included
 * @param badRows rows that did not decode and were replaced by the row above
 * @param longestBadRun most consecutive bad rows
 * @param coding the coding used (given, or detected from the first rows), null if none was found
 * @param endedByRtc true when the page ended with RTC, false when the data stopped first
 */
public record T4PageStats(
    int rows, int badRows, int longestBadRun, FaxCompression coding, boolean endedByRtc) {}
