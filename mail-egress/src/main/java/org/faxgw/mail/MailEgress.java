package org.faxgw.mail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail egress of one data directory, the module's one entry point (as {@code FaxRenderer} is
 * render's): the transport (an SMTP relay, or Maildirs under {@code <dataDir>/mail/} when no relay
 * is configured), the durable outbox (in {@code <dataDir>/outbox/}, or in an {@link OutboxStore}
 * the gateway gives, e.g. PostgreSQL shared by several nodes) with, for a running gateway, its
 * worker thread and delivery lock; received-fax mail and job notifications go in through here. The
 * transports, the outbox and the mail builders behind it are package-private.
 */
public final class MailEgress implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MailEgress.class);

  /**
   * A mail waiting in the outbox: for whom, how often tried, when next, the last error, and when it
   * was put in (null when unknown).
   */
  public record Waiting(
      String id,
      List<String> recipients,
      int attempts,
      Instant next,
      String lastError,
      Instant created) {}

  private final Outbox outbox;
  private final OutboxWorker worker;
  private final MailTransport transport;
  private final ReceivedFaxMail faxMails;
  private final JobNotificationMail notices;
  private final String faxmaster;

  private MailEgress(
      Outbox outbox,
      OutboxWorker worker,
      MailTransport transport,
      EgressConfig egress,
      Clock clock,
      String faxmaster) {
    this.outbox = outbox;
    this.worker = worker;
    this.transport = transport;
    this.faxMails = new ReceivedFaxMail(egress, clock);
    this.notices = new JobNotificationMail(egress, clock);
    this.faxmaster = faxmaster;
  }

  /**
   * Opens the egress of {@code dataDir}.
   *
   * @param env the process environment (the relay's password variable)
   * @param workerTickMillis with a value above 0, a worker thread delivers what is due every so
   *     often and this egress holds the outbox's delivery lock until {@link #close}; with 0
   *     (one-shot commands) nothing is delivered but by {@link #deliverNow()} or {@link
   *     #flushAll()}
   * @throws IllegalArgumentException when the relay cannot be used (e.g. its password variable is
   *     not set)
   */
  public static MailEgress open(
      Path dataDir,
      EgressConfig egress,
      String faxmaster,
      Clock clock,
      Map<String, String> env,
      long workerTickMillis)
      throws IOException {
    return open(dataDir, egress, faxmaster, clock, env, workerTickMillis, null);
  }

  /**
   * Opens the egress of {@code dataDir} with its outbox in {@code store} (e.g. PostgreSQL shared by
   * several nodes), or in {@code <dataDir>/outbox/} when {@code store} is null. The egress closes
   * the store.
   *
   * @see #open(Path, EgressConfig, String, Clock, Map, long)
   */
  public static MailEgress open(
      Path dataDir,
      EgressConfig egress,
      String faxmaster,
      Clock clock,
      Map<String, String> env,
      long workerTickMillis,
      OutboxStore store)
      throws IOException {
    MailTransport transport;
    if (egress.relay() != null) {
      List<String> problems = egress.relay().problems(env);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(String.join("; ", problems));
      }
      transport = new SmtpRelayTransport(egress.relay(), env);
    } else {
      transport = new MaildirTransport(maildirRoot(dataDir));
    }
    OutboxStore kept = store != null ? store : new FolderOutboxStore(dataDir.resolve("outbox"));
    Outbox outbox = new Outbox(kept, transport, clock, OutboxPolicy.DEFAULT, egress, faxmaster);
    OutboxWorker worker = null;
    if (workerTickMillis > 0) {
      if (!outbox.holdDeliveryLock()) {
        LOG.warn(
            "outbox: another process holds the delivery lock {} of {}; this gateway delivers once"
                + " it is released",
            Outbox.LOCK_FILE,
            outbox.location());
      }
      worker = new OutboxWorker(outbox, workerTickMillis);
    }
    LOG.info("mail egress: delivering via {}, outbox {}", transport.describe(), outbox.location());
    return new MailEgress(outbox, worker, transport, egress, clock, faxmaster);
  }

  /** The Maildir of {@code address} when mail is delivered into {@code <dataDir>/mail/}. */
  public static Path maildirOf(Path dataDir, String address) {
    return new MaildirTransport(maildirRoot(dataDir)).maildirOf(address);
  }

  private static Path maildirRoot(Path dataDir) {
    return dataDir.resolve("mail");
  }

  /** HylaFAX's summary of a received fax, as the mail's body starts. */
  public static String summary(ReceivedFax fax) {
    return FaxSummary.format(fax);
  }

  /** FaxMaster's address. */
  public String faxmaster() {
    return faxmaster;
  }

  /** Where mail goes, e.g. {@code smtp://relay:587 (STARTTLS)} or the Maildir root. */
  public String transportDescription() {
    return transport.describe();
  }

  /**
   * Mails a received fax as its route says, into the outbox: to the route's recipients with the PDF
   * and/or TIFF (and a copy to FaxMaster where the route asks for it), or, for a reception without
   * pages, FaxMaster's failure notice alone. A rejected fax is not mailed.
   *
   * @param pdf the PDF of the pages, when the route's format wants one, else null
   * @return the outbox ids of the mails stored
   */
  public List<String> mailReceivedFax(
      ReceivedFax fax, RouteDecision decision, byte[] pdf, byte[] tiff) throws IOException {
    List<String> ids = new ArrayList<>();
    if (decision instanceof RouteDecision.Reject) {
      return ids;
    }
    if (fax.pages() == 0) {
      // HylaFAX faxrcvd-failure: no document, FaxMaster alone is told.
      ids.add(outbox.submit(faxMails.faxMasterNotice(fax, faxmaster, decision)));
    } else {
      RouteDecision.Deliver d = (RouteDecision.Deliver) decision;
      ids.add(outbox.submit(faxMails.forRecipients(fax, d, pdf, tiff)));
      if (d.copyFaxMaster()) {
        ids.add(outbox.submit(faxMails.faxMasterNotice(fax, faxmaster, d)));
      }
    }
    wake();
    return ids;
  }

  /**
   * Tells a job's sender what happened, when the job's notify setting asks for it (failures
   * always). Returns the outbox id, or null when nothing was sent.
   */
  public String notifyJob(JobNotice notice) throws IOException {
    if (!notice.wanted()) {
      return null;
    }
    String id = outbox.submit(notices.build(notice));
    wake();
    return id;
  }

  /** Stores a ready-made mail in the outbox and returns its id. */
  public String queue(OutgoingMail mail) throws IOException {
    String id = outbox.submit(mail);
    wake();
    return id;
  }

  /** One delivery pass on the calling thread over what is due; returns how many were tried. */
  public int deliverNow() {
    return outbox.deliverDue();
  }

  /**
   * Tries every waiting mail now, due or not; returns how many were tried. On a shared (PostgreSQL)
   * outbox, mails that a node holds under an unexpired lease are left to it.
   *
   * @throws OutboxLockedException when a running gateway holds the outbox folder's delivery lock
   */
  public int flushAll() {
    return outbox.flushAll();
  }

  /** The mails waiting in the outbox. */
  public List<Waiting> pending() {
    List<Waiting> out = new ArrayList<>();
    for (OutboxStore.Entry e : outbox.pending()) {
      out.add(
          new Waiting(e.id(), e.recipients(), e.attempts(), e.next(), e.lastError(), e.created()));
    }
    return out;
  }

  /**
   * Takes the outbox's inter-process delivery lock, which a running gateway's egress holds from
   * {@link #open} on; false when another process holds it.
   */
  public boolean holdDeliveryLock() throws IOException {
    return outbox.holdDeliveryLock();
  }

  /** The outbox folder, or null when the outbox is not kept in a folder (PostgreSQL). */
  public Path outboxDirectory() {
    return outbox.directory();
  }

  /** Where the outbox keeps its mails: the folder, or the shared database. */
  public String outboxLocation() {
    return outbox.location();
  }

  private void wake() {
    if (worker != null) {
      worker.wake();
    }
  }

  @Override
  public void close() {
    if (worker != null) {
      worker.close();
    }
    outbox.close();
  }
}
