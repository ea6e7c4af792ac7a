package org.faxgw.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * A stored mail (a Maildir file, an outbox entry, what a relay received) read into plain values, so
 * that tools and other modules need no mail library.
 *
 * @param subject decoded Subject
 * @param from the From header as written
 * @param to the To addresses
 * @param date the Date header, or empty
 * @param messageId the Message-ID, or empty
 * @param received the Received headers, newest first
 * @param parts the leaf parts in order (the body alone for a single-part mail)
 */
public record StoredMail(
    String subject,
    String from,
    List<String> to,
    String date,
    String messageId,
    List<String> received,
    List<StoredMail.Part> parts) {

  /** One leaf part: its type, file name (or null), decoded bytes and, for text, the text. */
  public record Part(String contentType, String fileName, byte[] data, String text) {}

  /** Parses an RFC 5322 message (CRLF or LF line ends). */
  public static StoredMail parse(byte[] raw) throws IOException {
    try {
      MimeMessage m =
          new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
      List<String> to = new ArrayList<>();
      Address[] rcpts = m.getRecipients(jakarta.mail.Message.RecipientType.TO);
      if (rcpts != null) {
        for (Address a : rcpts) {
          to.add(a.toString());
        }
      }
      List<Part> parts = new ArrayList<>();
      collect(m, parts, 0);
      String[] rec = m.getHeader("Received");
      return new StoredMail(
          m.getSubject() == null ? "" : m.getSubject(),
          header(m, "From"),
          to,
          header(m, "Date"),
          m.getMessageID() == null ? "" : m.getMessageID(),
          rec == null ? List.of() : Arrays.asList(rec),
          parts);
    } catch (MessagingException e) {
      throw new IOException("not a readable mail: " + e.getMessage(), e);
    }
  }

  private static String header(MimeMessage m, String name) throws MessagingException {
    String[] h = m.getHeader(name);
    return h == null || h.length == 0 ? "" : h[0];
  }

  private static void collect(jakarta.mail.Part p, List<Part> out, int depth)
      throws MessagingException, IOException {
    Object content = p.getContent();
    if (content instanceof Multipart mp && depth < 10) {
      for (int i = 0; i < mp.getCount(); i++) {
        collect(mp.getBodyPart(i), out, depth + 1);
      }
      return;
    }
    byte[] data = p.getInputStream().readAllBytes();
    String text = content instanceof String s ? s : null;
    out.add(new Part(p.getContentType(), p.getFileName(), data, text));
  }

  /** The first part's text (the summary of a received fax, the notice of a job). */
  public String bodyText() {
    return parts.isEmpty() || parts.get(0).text() == null ? "" : parts.get(0).text();
  }
}
