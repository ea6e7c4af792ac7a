package org.faxgw.mail;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * What a fax call knew about a received document: the fields of HylaFAX's received-fax summary
 * (faxinfo) plus the called number. The pages themselves travel separately as attachments.
 *
 * @param commId the 9-digit communication id, unique per call
 * @param did the called number (DID), empty when unknown
 * @param callerNumber caller ID number (HylaFAX CallID1), empty when unknown
 * @param callerName caller ID name (HylaFAX CallID2), empty when unknown
 * @param tsi the remote station's TSI as received (T.30 5.3.6.2.4), empty when none was sent
 * @param pages pages received
 * @param widthPixels width of the first page in pixels
 * @param heightPixels height of the first page in rows
 * @param xDpi horizontal resolution of the first page
 * @param yDpi vertical resolution of the first page
 * @param received when reception ended, in the zone the summary is printed in
 * @param timeToReceive how long the reception took, null when unknown
 * @param signalRate the image signal rate in bit/s, 0 when unknown
 * @param dataFormat the negotiated coding
 * @param ecm whether T.30 error correction mode was used
 * @param lineName the line (modem) the fax came in on
 * @param badRows rows that could not be decoded and were replaced
 * @param error why the reception was incomplete; empty when it completed
 */
public record ReceivedFax(
    String commId,
    String did,
    String callerNumber,
    String callerName,
    String tsi,
    int pages,
    int widthPixels,
    int heightPixels,
    int xDpi,
    int yDpi,
    ZonedDateTime received,
    Duration timeToReceive,
    int signalRate,
    DataFormat dataFormat,
    boolean ecm,
    String lineName,
    int badRows,
    String error) {

  public ReceivedFax {
    Objects.requireNonNull(commId, "commId");
    if (!commId.matches("\\d{9}")) {
      throw new IllegalArgumentException("CommID must be 9 digits: " + commId);
    }
    did = Objects.requireNonNullElse(did, "");
    callerNumber = Objects.requireNonNullElse(callerNumber, "");
    callerName = Objects.requireNonNullElse(callerName, "");
    tsi = Objects.requireNonNullElse(tsi, "").trim();
    lineName = Objects.requireNonNullElse(lineName, "");
    error = Objects.requireNonNullElse(error, "");
    Objects.requireNonNull(received, "received");
    Objects.requireNonNull(dataFormat, "dataFormat");
    if (pages < 0 || badRows < 0 || signalRate < 0) {
      throw new IllegalArgumentException("negative count");
    }
  }

  /** True when every page arrived and nothing went wrong. */
  public boolean complete() {
    return error.isEmpty() && pages > 0;
  }

  /** The file name stem HylaFAX uses for this reception, e.g. {@code fax000000042}. */
  public String fileStem() {
    return "fax" + commId;
  }
}
