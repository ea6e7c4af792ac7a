package org.faxgw.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.faxgw.queue.DocumentSpool;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.FaxNumber;
import org.faxgw.queue.JobStoreException;
import org.faxgw.smtp.mime.FaxSubmission;
import org.faxgw.smtp.mime.MessageRefusedException;
import org.faxgw.smtp.mime.SubmissionParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/**
 * One mail transaction (SubEthaSMTP calls from, recipient..., data, done in that order, on the
 * connection's thread). The message is spooled and fsynced, parsed, and its jobs committed before
 * data() returns, which is when the client gets 250.
 */
final class IngressMessageHandler implements MessageHandler {
  private static final Logger log = LoggerFactory.getLogger(IngressMessageHandler.class);

  private final MessageContext ctx;
  private final SmtpIngressConfig config;
  private final RecipientPolicy recipients;
  private final SubmissionParser parser;
  private final Spooler spooler;
  private final OutboundCheck outbound;
  private final java.util.function.BooleanSupplier draining;
  private final SmtpReplyListener replies;
  private final List<FaxNumber> numbers = new ArrayList<>();
  private String from;

  IngressMessageHandler(
      MessageContext ctx,
      SmtpIngressConfig config,
      RecipientPolicy recipients,
      SubmissionParser parser,
      Spooler spooler,
      OutboundCheck outbound,
      java.util.function.BooleanSupplier draining,
      SmtpReplyListener replies) {
    this.ctx = ctx;
    this.replies = replies;
    this.outbound = outbound;
    this.draining = draining;
    this.config = config;
    this.recipients = recipients;
    this.parser = parser;
    this.spooler = spooler;
  }

  @Override
  public void from(String from) throws RejectException {
    try {
      checkFrom(from);
    } catch (RejectException e) {
      replies.replied(e.getCode());
      throw e;
    }
  }

  private void checkFrom(String from) throws RejectException {
    if (draining.getAsBoolean()) {
      // RFC 5321 3.8 and 4.2.3: 421 service not available, closing; RFC 3463 4.3.2: system not
      // accepting network messages
      throw new RejectException(421, "4.3.2 faxgw is shutting down, try again later");
    }
    if (!permitted() && ctx.getAuthenticationHandler().isEmpty()) {
      // RFC 4954 6: 530 5.7.0 Authentication required
      throw new RejectException(530, "5.7.0 Authentication required");
    }
    this.from = from == null || from.isBlank() ? "MAILER-DAEMON" : from;
  }

  private boolean permitted() {
    if (!(ctx.getRemoteAddress() instanceof InetSocketAddress sa) || sa.getAddress() == null) {
      return false;
    }
    InetAddress a = sa.getAddress();
    for (IpNetwork n : config.permittedNetworks()) {
      if (n.contains(a)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void recipient(String recipient) throws RejectException {
    try {
      checkRecipient(recipient);
    } catch (RejectException e) {
      replies.replied(e.getCode());
      throw e;
    }
  }

  private void checkRecipient(String recipient) throws RejectException {
    RecipientPolicy.Result r = recipients.check(recipient, numbers.size());
    if (r instanceof RecipientPolicy.Refuse refuse) {
      throw new RejectException(refuse.code(), refuse.text());
    }
    FaxNumber number = ((RecipientPolicy.Accept) r).number();
    java.util.Optional<RecipientPolicy.Refuse> no = outbound.check(from, number, numbers.size());
    if (no.isPresent()) {
      throw new RejectException(no.get().code(), no.get().text());
    }
    numbers.add(number);
  }

  @Override
  public String data(InputStream data) throws RejectException, IOException {
    try {
      String ok = spoolData(data);
      replies.replied(250);
      return ok;
    } catch (RejectException e) {
      replies.replied(e.getCode());
      throw e;
    }
  }

  private String spoolData(InputStream data) throws RejectException, IOException {
    DocumentSpool spool = spooler.spool();
    String folder = spool.newFolder();
    boolean keep = false;
    try {
      long size = 0;
      boolean tooBig = false;
      try (DocumentSpool.SpoolFile raw = spool.create(folder, "message.eml")) {
        byte[] buf = new byte[65536];
        int n;
        while ((n = data.read(buf)) > 0) {
          size += n;
          if (size > config.maxMessageBytes()) {
            tooBig = true;
            continue; // read to the end of DATA, keep nothing
          }
          raw.out().write(buf, 0, n);
        }
        if (tooBig) {
          // RFC 3463 5.3.4: message too big for system
          throw new RejectException(
              552,
              "5.3.4 Message size exceeds fixed limit of " + config.maxMessageBytes() + " bytes");
        }
        raw.commit();
      }
      FaxSubmission sub = parser.parse(spool.resolve(folder + "/message.eml"), folder);
      spool.syncFolder(folder);
      List<FaxJob> jobs = spooler.submit(from, numbers, sub, folder);
      keep = !jobs.isEmpty();
      if (jobs.isEmpty()) {
        return "2.6.0 Ok: already queued (same Message-ID to the same numbers), no new job";
      }
      log.info(
          "accepted mail from {} as jobs {} (group {}), {} unfaxable part(s)",
          from,
          jobs.stream().map(j -> Long.toString(j.id())).toList(),
          jobs.get(0).groupId(),
          sub.unfaxable().size());
      FaultPoint.reached(FaultPoint.BEFORE_250);
      return "2.0.0 Ok: queued as job "
          + jobs.get(0).id()
          + (jobs.size() > 1 ? "-" + jobs.get(jobs.size() - 1).id() : "")
          + " (group "
          + jobs.get(0).groupId()
          + ")";
    } catch (MessageRefusedException e) {
      throw new RejectException(e.code(), e.getMessage());
    } catch (JobStoreException e) {
      log.error("cannot store jobs", e);
      throw new RejectException(451, "4.3.0 Cannot queue the message now, try again later");
    } catch (IOException e) {
      log.error("cannot spool message", e);
      throw new RejectException(451, "4.3.0 Cannot spool the message now, try again later");
    } finally {
      if (!keep) {
        try {
          spool.deleteFolder(folder);
        } catch (IOException e) {
          log.warn("cannot remove spool folder {}: {}", folder, e.toString());
        }
      }
    }
  }

  @Override
  public void done() {}
}
