package org.faxgw.smtp.mime;

import java.time.Instant;
import java.util.List;

/**
 * What a mail asks to fax.
 *
 * @param subject decoded Subject, or empty
 * @param messageId the Message-ID, or null
 * @param body the message's own text, or null when it has none
 * @param documents the attachments and inline parts to fax, in order
 * @param unfaxable the parts that cannot be faxed, each described with its reason
 * @param options the X-Fax-* choices
 */
public record FaxSubmission(
    String subject,
    String messageId,
    FaxPart body,
    List<FaxPart> documents,
    List<String> unfaxable,
    FaxOptions options) {

  /**
   * The X-Fax-* headers. Null means "not said".
   *
   * @param resolution {@code fine} or {@code normal}
   * @param notifyWhen {@code done}, {@code failed}, {@code all} or {@code none}
   * @param cover whether the body is sent as a cover page
   * @param sendAt when to send
   * @param capture whether the calls are captured ({@code X-Fax-Capture: yes})
   */
  public record FaxOptions(
      String resolution, String notifyWhen, Boolean cover, Instant sendAt, Boolean capture) {
    public FaxOptions(String resolution, String notifyWhen, Boolean cover, Instant sendAt) {
      this(resolution, notifyWhen, cover, sendAt, null);
    }
  }
}
