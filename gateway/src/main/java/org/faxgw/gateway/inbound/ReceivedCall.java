package org.faxgw.gateway.inbound;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.faxgw.mail.DataFormat;
import org.faxgw.t4.BilevelPage;

/**
 * A received fax as the line (or {@code faxrcvd}) hands it over: the pages plus what the call knew.
 *
 * @param pages the received pages (may be empty for a failed reception)
 * @param tiff the TIFF as received, or null to have one written (T.6) from the pages
 * @param did called number
 * @param callerNumber caller ID number
 * @param callerName caller ID name
 * @param tsi remote TSI
 * @param signalRate bit/s, 0 unknown
 * @param dataFormat coding used on the line
 * @param ecm error correction used
 * @param timeToReceive duration of the reception, null unknown
 * @param lineName the line it came in on
 * @param badRows rows that could not be decoded
 * @param error why the reception is incomplete; empty when complete
 */
public record ReceivedCall(
    List<BilevelPage> pages,
    byte[] tiff,
    String did,
    String callerNumber,
    String callerName,
    String tsi,
    int signalRate,
    DataFormat dataFormat,
    boolean ecm,
    Duration timeToReceive,
    String lineName,
    int badRows,
    String error) {
  public ReceivedCall {
    pages = List.copyOf(pages);
    dataFormat = Objects.requireNonNullElse(dataFormat, DataFormat.MH);
    error = Objects.requireNonNullElse(error, "");
  }
}
