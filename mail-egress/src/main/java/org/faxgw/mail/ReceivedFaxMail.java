package org.faxgw.mail;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The mails for one received fax: HylaFAX's faxrcvd success, error and failure mails, written
 * afresh. The text body is the {@link FaxSummary} in UTF-8; the fax is attached as {@code
 * fax<CommID>.pdf} and/or {@code fax<CommID>.tif}.
 */
final class ReceivedFaxMail {
  private final EgressConfig cfg;
  private final Clock clock;

  public ReceivedFaxMail(EgressConfig cfg, Clock clock) {
    this.cfg = cfg;
    this.clock = clock;
  }

  /**
   * The fax for the route's recipients, with attachments as the route asks.
   *
   * @param pdf the PDF, required when the route wants PDF
   * @param tiff the TIFF, required when the route wants TIFF
   */
  public OutgoingMail forRecipients(
      ReceivedFax fax, RouteDecision.Deliver route, byte[] pdf, byte[] tiff) {
    String subject = MailTemplate.expand(route.subjectTemplate(), MailTemplate.valuesOf(fax));
    List<MimeMessages.Attachment> att = new ArrayList<>();
    if (fax.pages() > 0 && route.format().wantsPdf()) {
      att.add(
          new MimeMessages.Attachment(
              fax.fileStem() + ".pdf", "application/pdf", "FAX Document (PDF)", pdf));
    }
    if (fax.pages() > 0 && route.format().wantsTiff()) {
      att.add(
          new MimeMessages.Attachment(
              fax.fileStem() + ".tif", "image/tiff", "FAX Document (TIFF)", tiff));
    }
    return MimeMessages.build(
        clock,
        cfg.from(),
        route.to(),
        route.cc(),
        subject,
        FaxSummary.format(fax),
        att,
        false,
        cfg.envelopeFrom());
  }

  /**
   * FaxMaster's notice of a failed or partial reception (no attachment; the recipients have the
   * pages).
   */
  public OutgoingMail faxMasterNotice(ReceivedFax fax, String faxmaster, RouteDecision route) {
    String subject =
        (fax.pages() == 0 ? "Fax not received from \"" : "Fax partly received from \"")
            + (fax.tsi().isEmpty() ? FaxSummary.UNKNOWN : fax.tsi())
            + "\"";
    String text =
        FaxSummary.format(fax)
            + "\nRouted by "
            + route.rule()
            + (route instanceof RouteDecision.Deliver d
                ? " to " + String.join(", ", d.to()) + "."
                : " (rejected).")
            + "\n";
    return MimeMessages.build(
        clock,
        cfg.from(),
        List.of(faxmaster),
        List.of(),
        subject,
        text,
        List.of(),
        false,
        cfg.envelopeFrom());
  }
}
