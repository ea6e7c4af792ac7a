package org.faxgw.t30;

import java.util.Objects;

/**
 * How one fax terminal behaves on one call.
 *
 * @param role calling or called end
 * @param direction whether this terminal sends or receives pages
 * @param localId our TSI (sending) or CSI (receiving), at most 20 characters of T.30 5.3.6.2.4
 * @param capabilities what we offer in DIS or may choose in DCS
 * @param observer receive-only mode for recorded audio: the receiver is never muted while this
 *     terminal "transmits" (a recording does not wait for us); what we would send is still reported
 *     as frames
 */
public record FaxTerminalConfig(
    FaxRole role,
    FaxDirection direction,
    String localId,
    Capabilities capabilities,
    boolean observer) {

  public FaxTerminalConfig {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(capabilities, "capabilities");
    localId = localId == null ? "" : localId;
    if (localId.length() > 20) {
      throw new IllegalArgumentException("a T.30 station id is at most 20 characters: " + localId);
    }
  }

  /** A sending calling terminal (the usual outgoing fax). */
  public static FaxTerminalConfig sender(String tsi, Capabilities capabilities) {
    return new FaxTerminalConfig(FaxRole.CALLING, FaxDirection.SEND, tsi, capabilities, false);
  }

  /** A receiving called terminal (the usual incoming fax). */
  public static FaxTerminalConfig receiver(String csi, Capabilities capabilities) {
    return new FaxTerminalConfig(FaxRole.CALLED, FaxDirection.RECEIVE, csi, capabilities, false);
  }
}
