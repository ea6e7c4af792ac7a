package org.faxgw.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.faxgw.durable.DurableFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable outbox. {@link #submit} stores a message ({@code <id>.eml}) and its envelope and
 * retry state ({@code <id>.env}) with fsync before it returns; {@link #deliverDue} hands the
 * messages whose time has come to the transport. Temporary failures are retried with backoff
 * ({@link OutboxPolicy}); permanent ones, and messages too old to keep trying, go to FaxMaster with
 * the reason and the original attached. A report to FaxMaster that cannot be delivered is moved to
 * {@code dead/} and logged: nothing is deleted undelivered.
 *
 * <p>{@link #submit} may be called from any thread; delivery passes are serialized, within this
 * process by a monitor and between processes by an exclusive lock on {@code .lock} in the outbox
 * folder: a pass runs only while it holds that lock, so a running gateway and a one-shot command on
 * the same folder never send one message twice. The gateway keeps the lock ({@link
 * #holdDeliveryLock}) until {@link #close}; the operating system drops it when a process dies.
 */
final class Outbox implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final long PID = ProcessHandle.current().pid();

  /** The lock file's name in the outbox folder. */
  public static final String LOCK_FILE = ".lock";

  /** One stored message's state. */
  public record Entry(
      String id,
      String envelopeFrom,
      List<String> recipients,
      boolean bounce,
      Instant created,
      int attempts,
      Instant next,
      String lastError) {}

  private final Path dir;
  private final MailTransport transport;
  private final Clock clock;
  private final OutboxPolicy policy;
  private final EgressConfig egress;
  private final String faxmaster;
  private final Object deliveryLock = new Object();
  // guarded by deliveryLock
  private FileChannel lockChannel;
  private FileLock lock;
  private boolean keepLock;

  public Outbox(
      Path dir,
      MailTransport transport,
      Clock clock,
      OutboxPolicy policy,
      EgressConfig egress,
      String faxmaster)
      throws IOException {
    this.dir = dir;
    this.transport = transport;
    this.clock = clock;
    this.policy = policy;
    this.egress = egress;
    this.faxmaster = faxmaster;
    Files.createDirectories(dir);
    Files.createDirectories(dir.resolve("dead"));
  }

  public Path directory() {
    return dir;
  }

  /** Stores {@code mail} durably; it is due at once. Returns its id. */
  public String submit(OutgoingMail mail) throws IOException {
    Instant now = clock.instant();
    // Time first (oldest first when sorted), then process and sequence: unique across processes.
    String id;
    do {
      id =
          String.format(
              "%013d-%d-%06d", now.toEpochMilli(), PID, SEQUENCE.incrementAndGet() % 1000000);
    } while (Files.exists(dir.resolve(id + ".env")) || Files.exists(dir.resolve(id + ".eml")));
    DurableFiles.write(dir.resolve(id + ".eml"), mail.message());
    Entry e = new Entry(id, mail.envelopeFrom(), mail.recipients(), mail.bounce(), now, 0, now, "");
    writeEnv(e);
    LOG.info("outbox: stored {} for {}", id, mail.recipients());
    return id;
  }

  /** Every stored message, oldest first. */
  public List<Entry> pending() {
    List<Entry> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.env")) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        try {
          out.add(readEnv(name.substring(0, name.length() - 4)));
        } catch (NoSuchFileException gone) {
          // delivered by another pass meanwhile
        } catch (IOException | RuntimeException bad) {
          LOG.error("outbox: unreadable entry {}: {}", p, bad.toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort((a, b) -> a.id().compareTo(b.id()));
    return out;
  }

  /** When the next stored message is due, if any. */
  public Optional<Instant> nextDue() {
    return pending().stream().map(Entry::next).min(Instant::compareTo);
  }

  /** Messages that could not be delivered even to FaxMaster (kept in {@code dead/}). */
  public List<Path> dead() throws IOException {
    try (var s = Files.list(dir.resolve("dead"))) {
      return s.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
    }
  }

  /** One delivery pass over the due messages. Returns how many were attempted. */
  public int deliverDue() {
    return pass(false);
  }

  /** One delivery pass over every stored message, due or not (an operator's flush). */
  public int flushAll() {
    return pass(true);
  }

  /**
   * Takes the inter-process delivery lock and keeps it until {@link #close} (for the gateway's
   * outbox thread). Returns false when another process holds it now; passes then retry it.
   */
  public boolean holdDeliveryLock() throws IOException {
    synchronized (deliveryLock) {
      keepLock = true;
      return lock != null || tryLock();
    }
  }

  private int pass(boolean all) {
    synchronized (deliveryLock) {
      boolean locked;
      try {
        locked = lock != null || tryLock();
      } catch (IOException e) {
        throw new UncheckedIOException("outbox: cannot lock " + dir.resolve(LOCK_FILE), e);
      }
      if (!locked) {
        if (all) {
          throw new OutboxLockedException(dir);
        }
        LOG.info("outbox: {} is delivered by another process; pass skipped", dir);
        return 0;
      }
      try {
        int n = 0;
        for (Entry e : pending()) {
          if (!all && e.next().isAfter(clock.instant())) {
            continue;
          }
          n++;
          try {
            attempt(e);
          } catch (IOException | RuntimeException ex) {
            LOG.error("outbox: {} left for the next pass: {}", e.id(), ex.toString());
          }
        }
        return n;
      } finally {
        if (!keepLock) {
          releaseLock();
        }
      }
    }
  }

  private boolean tryLock() throws IOException {
    FileChannel ch =
        FileChannel.open(
            dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = ch.tryLock();
    } catch (OverlappingFileLockException sameJvm) {
      l = null; // another Outbox on this folder in this process holds it
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    if (l == null) {
      ch.close();
      return false;
    }
    lockChannel = ch;
    lock = l;
    return true;
  }

  private void releaseLock() {
    try {
      if (lockChannel != null) {
        lockChannel.close(); // releases the lock
      }
    } catch (IOException e) {
      LOG.warn("outbox: cannot release {}: {}", dir.resolve(LOCK_FILE), e.toString());
    } finally {
      lockChannel = null;
      lock = null;
    }
  }

  /** Releases the delivery lock, if held. */
  @Override
  public void close() {
    synchronized (deliveryLock) {
      keepLock = false;
      releaseLock();
    }
  }

  private void attempt(Entry e) throws IOException {
    byte[] msg = Files.readAllBytes(dir.resolve(e.id() + ".eml"));
    DeliveryResult r = transport.deliver(msg, e.envelopeFrom(), e.recipients());
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
      reportFailure(e, msg, failed, failReason);
    }
    if (deferred.isEmpty()) {
      Files.deleteIfExists(dir.resolve(e.id() + ".env"));
      Files.deleteIfExists(dir.resolve(e.id() + ".eml"));
      DurableFiles.syncDirectory(dir);
      return;
    }
    Instant next = now.plus(policy.delayAfter(attempts));
    LOG.info("outbox: {} deferred for {} until {}: {}", e.id(), deferred, next, r.reason());
    writeEnv(
        new Entry(
            e.id(),
            e.envelopeFrom(),
            deferred,
            e.bounce(),
            e.created(),
            attempts,
            next,
            r.reason()));
  }

  private void reportFailure(Entry e, byte[] msg, List<String> failed, String reason)
      throws IOException {
    if (e.bounce() || failed.contains(faxmaster)) {
      Path dead = dir.resolve("dead");
      DurableFiles.write(dead.resolve(e.id() + ".eml"), msg);
      DurableFiles.write(
          dead.resolve(e.id() + ".txt"),
          ("recipients: " + failed + "\nreason: " + reason + "\n")
              .getBytes(StandardCharsets.UTF_8));
      LOG.error(
          "outbox: {} could not reach {} and cannot be reported to FaxMaster; kept in {}: {}",
          e.id(),
          failed,
          dead,
          reason);
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

  private void writeEnv(Entry e) throws IOException {
    Properties p = new Properties();
    p.setProperty("from", e.envelopeFrom());
    p.setProperty("recipients", String.join(",", e.recipients()));
    p.setProperty("bounce", Boolean.toString(e.bounce()));
    p.setProperty("created", e.created().toString());
    p.setProperty("attempts", Integer.toString(e.attempts()));
    p.setProperty("next", e.next().toString());
    p.setProperty("lastError", e.lastError());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.store(out, "faxgw outbox entry");
    DurableFiles.write(dir.resolve(e.id() + ".env"), out.toByteArray());
  }

  private Entry readEnv(String id) throws IOException {
    Properties p = new Properties();
    p.load(new ByteArrayInputStream(Files.readAllBytes(dir.resolve(id + ".env"))));
    return new Entry(
        id,
        p.getProperty("from"),
        Arrays.asList(p.getProperty("recipients").split(",")),
        Boolean.parseBoolean(p.getProperty("bounce")),
        Instant.parse(p.getProperty("created")),
        Integer.parseInt(p.getProperty("attempts")),
        Instant.parse(p.getProperty("next")),
        p.getProperty("lastError", ""));
  }
}
