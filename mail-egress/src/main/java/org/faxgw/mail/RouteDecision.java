package org.faxgw.mail;

import java.util.List;

/** Where a received fax goes. */
public sealed interface RouteDecision {
  /** Human-readable: which rule decided ("line 12", "default route"). */
  String rule();

  /**
   * Mail the fax.
   *
   * @param copyFaxMaster whether FaxMaster also gets a notice (failed or partial reception routed
   *     to someone else)
   */
  record Deliver(
      List<String> to,
      List<String> cc,
      AttachmentFormat format,
      String subjectTemplate,
      boolean copyFaxMaster,
      String rule)
      implements RouteDecision {
    public Deliver {
      to = List.copyOf(to);
      cc = List.copyOf(cc);
    }
  }

  /** Drop the fax: a reject rule matched. */
  record Reject(String rule) implements RouteDecision {}
}
