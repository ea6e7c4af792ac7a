package org.faxgw.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable outbox: its delivery logic over an {@link OutboxStore}. {@link #submit} stores a
 * message durably before it returns; {@link #deliverDue} hands the messages whose time has come to
 * the transport. Temporary failures are retried with backoff ({@link OutboxPolicy}); permanent
 * ones, and messages too old to keep trying, go to FaxMaster with the reason and the original
 * attached. A report to FaxMaster that cannot be delivered is kept as dead ({@link
 * OutboxStore#keepDead}) and logged: nothing is deleted undelivered.
 *
 * <p>{@link #submit} may be called from any thread; delivery passes are serialized within this
 * process by a monitor, and between processes by the store (the folder's lock; PostgreSQL's leases,
 * one message at a time).
 *
 * <p>The one window in which a message can be delivered twice: the transport has handed it to the
 * relay (or the Maildir) and this node dies, or loses its lease, before {@link OutboxStore#remove}
 * commits. The lease then lapses and another node delivers the message again; that copy is logged
 * as a re-delivery and carries the header {@value #REDELIVERY_HEADER}. A node that dies before the
 * transport is called loses nothing and duplicates nothing: the message is delivered once, by the
 * next holder of its lease.
 */
final class Outbox implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  /** The header a copy delivered after a lapsed lease carries. */
  public static final String REDELIVERY_HEADER = "X-Faxgw-Redelivery";

  /** The lock file's name in an outbox folder. */
  public static final String LOCK_FILE = FolderOutboxStore.LOCK_FILE;

  /** Most claims in one pass (a bound; a pass normally ends when nothing is left to claim). */
  private static final int MAX_CLAIMS_PER_PASS = 100_000;

  private final OutboxStore store;
  private final MailTransport transport;
  private final Clock clock;
  private final OutboxPolicy policy;
  private final EgressConfig egress;
  private final String faxmaster;
  private final Object passLock = new Object();

  /** An outbox in the folder {@code dir} (one node). */
  public Outbox(
      Path dir,
      MailTransport transport,
      Clock clock,
      OutboxPolicy policy,
      EgressConfig egress,
      String faxmaster)
      throws IOException {
    this(new FolderOutboxStore(dir), transport, clock, policy, egress, faxmaster);
  }

  public Outbox(
      OutboxStore store,
      MailTransport transport,
      Clock clock,
      OutboxPolicy policy,
      EgressConfig egress,
      String faxmaster) {
    this.store = store;
    this.transport = transport;
    this.clock = clock;
    this.policy = policy;
    this.egress = egress;
    this.faxmaster = faxmaster;
  }

  /** Where the messages are kept (a folder, or the shared database). */
  public String location() {
    return store.location();
  }

  /** The outbox folder, or null when the messages are not kept in a folder. */
  public Path directory() {
    return store instanceof FolderOutboxStore f ? f.directory() : null;
  }

  /** Stores {@code mail} durably; it is due at once. Returns its id. */
  public String submit(OutgoingMail mail) throws IOException {
    String id = store.add(mail, clock.instant());
    LOG.info("outbox: stored {} for {}", id, mail.recipients());
    return id;
  }

  /** Every stored message, oldest first. */
  public List<OutboxStore.Entry> pending() {
    return store.pending();
  }

  /** When the next stored message is due, if any. */
  public Optional<Instant> nextDue() {
    return pending().stream().map(OutboxStore.Entry::next).min(Instant::compareTo);
  }

  /** Messages that could not be delivered even to FaxMaster (a folder's {@code dead/}). */
  public List<Path> dead() throws IOException {
    return store instanceof FolderOutboxStore f ? f.dead() : List.of();
  }

  /** One delivery pass over the due messages. Returns how many were attempted. */
  public int deliverDue() {
    return pass(false);
  }

  /**
   * One delivery pass over every stored message, due or not (an operator's flush).
   *
   * @throws OutboxLockedException when another process delivers this outbox folder
   */
  public int flushAll() {
    return pass(true);
  }

  /**
   * Takes the inter-process delivery lock and keeps it until {@link #close} (for the gateway's
   * outbox thread). Returns false when another process holds it now; passes then retry it.
   */
  public boolean holdDeliveryLock() throws IOException {
    return store.holdDeliveryLock();
  }

  private int pass(boolean all) {
    synchronized (passLock) {
      Set<String> tried = new HashSet<>();
      int n = 0;
      try {
        while (n < MAX_CLAIMS_PER_PASS) {
          List<OutboxStore.Claim> batch;
          try {
            batch = store.claim(clock.instant(), all, tried);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException("outbox: cannot claim", e);
          }
          if (batch.isEmpty()) {
            break;
          }
          for (OutboxStore.Claim c : batch) {
            tried.add(c.entry().id());
            n++;
            try {
              attempt(c);
            } catch (IOException | RuntimeException ex) {
              LOG.error("outbox: {} left for the next pass: {}", c.entry().id(), ex.toString());
            }
          }
        }
        return n;
      } finally {
        store.endPass();
      }
    }
  }

  /** Releases the delivery lock, if held, and the store. */
  @Override
  public void close() {
    store.close();
  }

  private void attempt(OutboxStore.Claim c) throws IOException {
    OutboxStore.Entry e = c.entry();
    byte[] msg = c.message();
    byte[] sent = msg;
    if (c.lapsedHolder() != null) {
      String why = "lease lapsed on node " + c.lapsedHolder();
      LOG.warn(
          "outbox: {} is delivered again: the {} before it was removed; if that node had handed"
              + " it to the relay already, its recipients get it twice (marked {})",
          e.id(),
          why,
          REDELIVERY_HEADER);
      sent = withHeader(REDELIVERY_HEADER, why, msg);
    }
    DeliveryResult r = transport.deliver(sent, e.envelopeFrom(), e.recipients());
    // From here until remove/retryLater commits is the one window of a duplicate: a node that
    // dies now has delivered the message, and the next holder of its lease delivers it again.
    int attempts = e.attempts() + 1;
    Instant now = clock.instant();
    if (!r.delivered().isEmpty()) {
      LOG.info("outbox: {} delivered to {} via {}", e.id(), r.delivered(), transport.describe());
    }
    List<String> failed = new ArrayList<>(r.failed());
    String failReason = r.reason();
    List<String> deferred = r.deferred();
    if (!deferred.isEmpty()
        && Duration.between(e.created(), now).compareTo(policy.giveUpAfter()) >= 0) {
      failed.addAll(deferred);
      failReason =
          "still undeliverable after "
              + Duration.between(e.created(), now).toHours()
              + " hours; last error: "
              + r.reason();
      deferred = List.of();
    }
    if (!failed.isEmpty()) {
      LOG.warn("outbox: {} failed for {}: {}", e.id(), failed, failReason);
      reportFailure(c, failed, failReason);
    }
    if (deferred.isEmpty()) {
      if (!store.remove(c)) {
        LOG.warn("outbox: {} was claimed by another node meanwhile (lease lapsed)", e.id());
      }
      return;
    }
    Instant next = now.plus(policy.delayAfter(attempts));
    LOG.info("outbox: {} deferred for {} until {}: {}", e.id(), deferred, next, r.reason());
    if (!store.retryLater(c, deferred, attempts, next, r.reason())) {
      LOG.warn("outbox: {} was claimed by another node meanwhile (lease lapsed)", e.id());
    }
  }

  /** {@code msg} with one more header field on top (RFC 5322 2.2: a field is name: value CRLF). */
  static byte[] withHeader(String name, String value, byte[] msg) {
    String clean = value.replaceAll("[\\r\\n]+", " ");
    byte[] field = (name + ": " + clean + "\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[field.length + msg.length];
    System.arraycopy(field, 0, out, 0, field.length);
    System.arraycopy(msg, 0, out, field.length, msg.length);
    return out;
  }

  private void reportFailure(OutboxStore.Claim c, List<String> failed, String reason)
      throws IOException {
    OutboxStore.Entry e = c.entry();
    byte[] msg = c.message();
    if (e.bounce() || failed.contains(faxmaster)) {
      store.keepDead(c, failed, reason);
      return;
    }
    String subject = MimeMessages.subjectOf(msg);
    String text =
        "A mail from the fax gateway could not be delivered.\n\n"
            + FaxSummary.line("Subject", subject)
            + FaxSummary.line("Recipients", String.join(", ", failed))
            + FaxSummary.line("Attempts", Integer.toString(e.attempts() + 1))
            + FaxSummary.line("First Queued", e.created().toString())
            + FaxSummary.line("Reason", reason)
            + "\nThe undelivered mail is attached.\n";
    OutgoingMail bounce =
        MimeMessages.build(
            clock,
            egress.from(),
            List.of(faxmaster),
            List.of(),
            "Undelivered fax mail: " + subject,
            text,
            List.of(new MimeMessages.Attachment("undelivered.eml", "message/rfc822", null, msg)),
            true,
            egress.envelopeFrom());
    submit(bounce);
  }
}
