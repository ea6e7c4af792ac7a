package org.faxgw.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/** Builds MIME messages (RFC 5322, RFC 2045-2049) with Date and Message-ID from the clock. */
final class MimeMessages {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Session SESSION = Session.getInstance(new Properties());

  private MimeMessages() {}

  /** One attachment. */
  record Attachment(String fileName, String contentType, String description, byte[] data) {}

  /** A message whose Message-ID stays the one we set. */
  private static final class FixedIdMessage extends MimeMessage {
    private final String id;

    FixedIdMessage(String id) {
      super(SESSION);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }

  static OutgoingMail build(
      Clock clock,
      String from,
      List<String> to,
      List<String> cc,
      String subject,
      String text,
      List<Attachment> attachments,
      boolean bounce,
      String envelopeFrom) {
    try {
      MimeMessage m = new FixedIdMessage(messageId(from));
      m.setFrom(new InternetAddress(from, false));
      m.setRecipients(Message.RecipientType.TO, addresses(to));
      if (!cc.isEmpty()) {
        m.setRecipients(Message.RecipientType.CC, addresses(cc));
      }
      m.setSubject(subject, "UTF-8");
      m.setSentDate(Date.from(clock.instant()));
      m.setHeader("Auto-Submitted", "auto-generated"); // RFC 3834 5
      if (attachments.isEmpty()) {
        m.setText(text, "UTF-8");
      } else {
        MimeMultipart mp = new MimeMultipart("mixed");
        MimeBodyPart body = new MimeBodyPart();
        body.setText(text, "UTF-8");
        mp.addBodyPart(body);
        for (Attachment a : attachments) {
          MimeBodyPart p = new MimeBodyPart();
          p.setDataHandler(
              new jakarta.activation.DataHandler(
                  new ByteArrayDataSource(a.data(), a.contentType())));
          p.setFileName(a.fileName());
          p.setDisposition(MimeBodyPart.ATTACHMENT);
          if (a.description() != null) {
            p.setDescription(a.description(), "UTF-8");
          }
          if (!a.contentType().startsWith("message/")) {
            p.setHeader("Content-Transfer-Encoding", "base64");
          }
          mp.addBodyPart(p);
        }
        m.setContent(mp);
      }
      m.saveChanges();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      m.writeTo(out);
      List<String> rcpts = new ArrayList<>(to);
      rcpts.addAll(cc);
      return new OutgoingMail(out.toByteArray(), envelopeFrom, rcpts, bounce);
    } catch (MessagingException e) {
      throw new IllegalArgumentException("cannot build mail: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InternetAddress[] addresses(List<String> list) throws MessagingException {
    InternetAddress[] a = new InternetAddress[list.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = new InternetAddress(list.get(i), false);
    }
    return a;
  }

  /** RFC 5322 3.6.4: a unique id-left, the sender's domain as id-right. */
  private static String messageId(String from) {
    String domain = "faxgw.localhost";
    try {
      String addr = new InternetAddress(from, false).getAddress();
      int at = addr.lastIndexOf('@');
      if (at > 0 && at < addr.length() - 1) {
        domain = addr.substring(at + 1);
      }
    } catch (MessagingException e) {
      // keep the default domain
    }
    byte[] r = new byte[12];
    RANDOM.nextBytes(r);
    return "<faxgw." + HexFormat.of().formatHex(r) + "@" + domain + ">";
  }

  /** The Subject header of a stored message, decoded; empty when it has none. */
  static String subjectOf(byte[] message) {
    try {
      MimeMessage m = new MimeMessage(SESSION, new java.io.ByteArrayInputStream(message));
      String s = m.getSubject();
      return s == null ? "" : s;
    } catch (MessagingException e) {
      return "";
    }
  }
}
