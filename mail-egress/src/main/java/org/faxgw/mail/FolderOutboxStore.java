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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.faxgw.durable.DurableFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox of one node in a folder: each message is {@code <id>.eml} with its envelope and retry
 * state in {@code <id>.env}, written with fsync; messages that cannot be delivered even to
 * FaxMaster go to {@code dead/}. Delivery passes are serialized between processes by an exclusive
 * lock on {@code .lock} in the folder: a pass claims only while it holds that lock, so a running
 * gateway and a one-shot command on the same folder never send one message twice. The gateway keeps
 * the lock ({@link #holdDeliveryLock}) until {@link #close}; the operating system drops it when a
 * process dies. A pass claims every due message at once (one listing per pass).
 */
final class FolderOutboxStore implements OutboxStore {
  private static final Logger LOG = LoggerFactory.getLogger(FolderOutboxStore.class);
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final long PID = ProcessHandle.current().pid();

  /** The lock file's name in the outbox folder. */
  public static final String LOCK_FILE = ".lock";

  private final Path dir;
  // guarded by this
  private FileChannel lockChannel;
  private FileLock lock;
  private boolean keepLock;
  private boolean claimedThisPass;

  FolderOutboxStore(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
    Files.createDirectories(dir.resolve("dead"));
  }

  Path directory() {
    return dir;
  }

  @Override
  public String location() {
    return dir.toString();
  }

  @Override
  public String add(OutgoingMail mail, Instant now) throws IOException {
    // Time first (oldest first when sorted), then process and sequence: unique across processes.
    String id;
    do {
      id =
          String.format(
              "%013d-%d-%06d", now.toEpochMilli(), PID, SEQUENCE.incrementAndGet() % 1000000);
    } while (Files.exists(dir.resolve(id + ".env")) || Files.exists(dir.resolve(id + ".eml")));
    DurableFiles.write(dir.resolve(id + ".eml"), mail.message());
    writeEnv(new Entry(id, mail.envelopeFrom(), mail.recipients(), mail.bounce(), now, 0, now, ""));
    return id;
  }

  @Override
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

  /** Messages that could not be delivered even to FaxMaster. */
  List<Path> dead() throws IOException {
    try (var s = Files.list(dir.resolve("dead"))) {
      return s.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
    }
  }

  @Override
  public synchronized List<Claim> claim(Instant now, boolean all, Set<String> tried)
      throws IOException {
    if (claimedThisPass) {
      return List.of(); // one listing per pass: what is stored meanwhile waits for the next
    }
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
      return List.of();
    }
    claimedThisPass = true;
    List<Claim> out = new ArrayList<>();
    for (Entry e : pending()) {
      if ((!all && e.next().isAfter(now)) || tried.contains(e.id())) {
        continue;
      }
      try {
        out.add(new Claim(e, Files.readAllBytes(dir.resolve(e.id() + ".eml")), 0, null));
      } catch (IOException ex) {
        LOG.error("outbox: {} left for the next pass: {}", e.id(), ex.toString());
      }
    }
    return out;
  }

  @Override
  public synchronized void endPass() {
    claimedThisPass = false;
    if (!keepLock) {
      releaseLock();
    }
  }

  @Override
  public boolean remove(Claim c) throws IOException {
    String id = c.entry().id();
    Files.deleteIfExists(dir.resolve(id + ".env"));
    Files.deleteIfExists(dir.resolve(id + ".eml"));
    DurableFiles.syncDirectory(dir);
    return true;
  }

  @Override
  public boolean retryLater(
      Claim c, List<String> recipients, int attempts, Instant next, String error)
      throws IOException {
    Entry e = c.entry();
    writeEnv(
        new Entry(
            e.id(), e.envelopeFrom(), recipients, e.bounce(), e.created(), attempts, next, error));
    return true;
  }

  @Override
  public void keepDead(Claim c, List<String> failed, String reason) throws IOException {
    Path dead = dir.resolve("dead");
    DurableFiles.write(dead.resolve(c.entry().id() + ".eml"), c.message());
    DurableFiles.write(
        dead.resolve(c.entry().id() + ".txt"),
        ("recipients: " + failed + "\nreason: " + reason + "\n").getBytes(StandardCharsets.UTF_8));
    LOG.error(
        "outbox: {} could not reach {} and cannot be reported to FaxMaster; kept in {}: {}",
        c.entry().id(),
        failed,
        dead,
        reason);
  }

  @Override
  public synchronized boolean holdDeliveryLock() throws IOException {
    keepLock = true;
    return lock != null || tryLock();
  }

  private boolean tryLock() throws IOException {
    FileChannel ch =
        FileChannel.open(
            dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = ch.tryLock();
    } catch (OverlappingFileLockException sameJvm) {
      l = null; // another outbox on this folder in this process holds it
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
  public synchronized void close() {
    keepLock = false;
    releaseLock();
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
