package org.faxgw.mail;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Delivery through an SMTP relay (RFC 5321) with Jakarta Mail: STARTTLS (RFC 3207) as configured,
 * AUTH (RFC 4954) when a user is set, connect and read timeouts. Reply codes decide the outcome
 * (RFC 5321 4.2.1): 5yz is permanent, 4yz and anything that stops the session (refused connection,
 * timeout, TLS or AUTH trouble) is temporary.
 */
final class SmtpRelayTransport implements MailTransport {
  private final RelayConfig cfg;
  private final Map<String, String> env;

  public SmtpRelayTransport(RelayConfig cfg, Map<String, String> env) {
    this.cfg = cfg;
    this.env = Map.copyOf(env);
  }

  Properties properties(String envelopeFrom) {
    Properties p = new Properties();
    p.put("mail.smtp.host", cfg.host());
    p.put("mail.smtp.port", Integer.toString(cfg.port()));
    p.put("mail.smtp.connectiontimeout", Long.toString(cfg.connectTimeout().toMillis()));
    p.put("mail.smtp.timeout", Long.toString(cfg.readTimeout().toMillis()));
    p.put("mail.smtp.writetimeout", Long.toString(cfg.readTimeout().toMillis()));
    p.put(
        "mail.smtp.starttls.enable", Boolean.toString(cfg.starttls() != RelayConfig.StartTls.OFF));
    p.put(
        "mail.smtp.starttls.required",
        Boolean.toString(cfg.starttls() == RelayConfig.StartTls.REQUIRED));
    p.put("mail.smtp.auth", Boolean.toString(cfg.username() != null));
    p.put("mail.smtp.sendpartial", "true");
    p.put("mail.smtp.from", envelopeFrom);
    return p;
  }

  @Override
  public DeliveryResult deliver(byte[] message, String envelopeFrom, List<String> recipients) {
    Session session = Session.getInstance(properties(envelopeFrom));
    Address[] rcpts;
    MimeMessage msg;
    String password;
    try {
      password = cfg.password(env);
    } catch (IOException | IllegalStateException e) {
      return DeliveryResult.allDeferred(recipients, e.getMessage());
    }
    try {
      rcpts = new Address[recipients.size()];
      for (int i = 0; i < rcpts.length; i++) {
        rcpts[i] = new InternetAddress(recipients.get(i), false);
      }
      msg = new MimeMessage(session, new ByteArrayInputStream(message));
    } catch (MessagingException e) {
      return DeliveryResult.allFailed(recipients, "unusable message or address: " + e.getMessage());
    }
    try (Transport t = session.getTransport("smtp")) {
      t.connect(cfg.host(), cfg.port(), cfg.username(), password);
      t.sendMessage(msg, rcpts);
      return DeliveryResult.allDelivered(recipients);
    } catch (AuthenticationFailedException e) {
      return DeliveryResult.allDeferred(
          recipients, "relay " + where() + " refused AUTH: " + oneLine(e.getMessage()));
    } catch (SendFailedException e) {
      return classify(e, recipients);
    } catch (MessagingException e) {
      return DeliveryResult.allDeferred(recipients, "relay " + where() + ": " + describe(e));
    }
  }

  private DeliveryResult classify(SendFailedException e, List<String> recipients) {
    Set<String> sent = addresses(e.getValidSentAddresses());
    List<String> delivered = new ArrayList<>();
    List<String> deferred = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    StringBuilder reason = new StringBuilder();
    int stageCode = e instanceof SMTPSendFailedException s ? s.getReturnCode() : -1;
    Map<String, Integer> perAddress = new java.util.HashMap<>();
    Exception next = e;
    int guard = 0;
    while (next instanceof MessagingException me && guard++ < 1000) {
      if (me instanceof SMTPAddressFailedException af) {
        perAddress.put(af.getAddress().getAddress(), af.getReturnCode());
        reason.append(af.getAddress().getAddress()).append(": ");
        reason.append(oneLine(af.getMessage())).append(". ");
      }
      next = me.getNextException();
    }
    if (stageCode > 0) {
      reason.append(oneLine(e.getMessage())).append(". ");
    }
    for (String r : recipients) {
      if (sent.contains(r)) {
        delivered.add(r);
        continue;
      }
      int code = perAddress.getOrDefault(r, stageCode);
      if (code >= 500) {
        failed.add(r);
      } else {
        deferred.add(r);
      }
    }
    if (reason.length() == 0) {
      reason.append(oneLine(e.getMessage()));
    }
    return new DeliveryResult(
        delivered, deferred, failed, "relay " + where() + " said: " + reason.toString().trim());
  }

  private static Set<String> addresses(Address[] a) {
    Set<String> s = new LinkedHashSet<>();
    if (a != null) {
      for (Address x : a) {
        if (x instanceof InternetAddress ia) {
          s.add(ia.getAddress());
        }
      }
    }
    return s;
  }

  private static String describe(MessagingException e) {
    StringBuilder sb = new StringBuilder(oneLine(e.getMessage()));
    Throwable c = e.getCause();
    int guard = 0;
    while (c != null && guard++ < 10) {
      sb.append(" (").append(c.getClass().getSimpleName()).append(": ");
      sb.append(oneLine(c.getMessage())).append(')');
      c = c.getCause();
    }
    return sb.toString();
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }

  private String where() {
    return cfg.host() + ":" + cfg.port();
  }

  @Override
  public String describe() {
    return "SMTP relay " + where() + " (STARTTLS " + cfg.starttls().name().toLowerCase() + ")";
  }
}
