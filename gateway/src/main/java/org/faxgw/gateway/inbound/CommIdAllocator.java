package org.faxgw.gateway.inbound;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.faxgw.durable.DurableFiles;
import org.faxgw.queue.JobStore;
import org.faxgw.queue.JobStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out CommIDs: 9-digit communication ids, as HylaFAX's {@code %09u} sequence. Two sources:
 *
 * <ul>
 *   <li>the data directory (SQLite, one node): the last one is kept in {@code
 *       <dataDir>/commid.seq}, replaced durably (temp file, fsync, rename, folder fsync) before the
 *       id is used, so a crash leaves the old or the new number, never an empty file; {@code
 *       commid.seq.lock} is held meanwhile, so two processes on one data directory never share an
 *       id;
 *   <li>the job store, when it {@linkplain JobStore#sharesCommIds() shares} a sequence
 *       (PostgreSQL): every node sharing the database draws from it, so no two nodes give one id.
 *       With a refill executor (the gateway's {@code faxgw-line-io}) the allocator keeps {@link
 *       #AHEAD} numbers drawn ahead, in one round trip, and draws again in the background when half
 *       are used: a call that arrives while the database does not answer still gets a CommID no
 *       other node has. Numbers drawn and never used (those still ahead when the gateway stops) are
 *       skipped: CommIDs are unique, not gapless.
 * </ul>
 */
public final class CommIdAllocator {
  private static final Logger LOG = LoggerFactory.getLogger(CommIdAllocator.class);
  private static final int MAX = 999_999_999;

  /** How many shared-sequence numbers are kept drawn ahead; drawn again when half are used. */
  public static final int AHEAD = 10;

  private static final ConcurrentMap<Path, Path> IN_PROCESS = new ConcurrentHashMap<>();

  private final Path file;
  private final Path lockFile;
  private final JobStore store;
  private final Executor refill;
  private final ArrayDeque<Long> ahead = new ArrayDeque<>();
  private boolean refilling;

  public CommIdAllocator(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    this.file = dataDir.resolve("commid.seq");
    this.lockFile = dataDir.resolve("commid.seq.lock");
    this.store = null;
    this.refill = null;
  }

  private CommIdAllocator(JobStore store, Executor refill) {
    this.file = null;
    this.lockFile = null;
    this.store = store;
    this.refill = refill;
  }

  /**
   * The allocator for a gateway on {@code store}: the store's sequence when it shares one (several
   * nodes on PostgreSQL), one number per call; else the data directory's file.
   */
  public static CommIdAllocator forStore(JobStore store, Path dataDir) throws IOException {
    return forStore(store, dataDir, null);
  }

  /**
   * As {@link #forStore(JobStore, Path)}; with a shared sequence and a {@code refill} executor,
   * {@link #AHEAD} numbers are kept drawn ahead, drawn again on {@code refill} when half are used
   * (the first block is drawn at once, on {@code refill}).
   */
  public static CommIdAllocator forStore(JobStore store, Path dataDir, Executor refill)
      throws IOException {
    if (!store.sharesCommIds()) {
      return new CommIdAllocator(dataDir);
    }
    CommIdAllocator a = new CommIdAllocator(store, refill);
    if (refill != null) {
      a.refillSoon();
    }
    return a;
  }

  /** True when the ids come from the job store (shared by every node on it). */
  public boolean shared() {
    return store != null;
  }

  /**
   * The next CommID, e.g. {@code 000000042}. With numbers drawn ahead this takes one of them and
   * asks the store only when none is left.
   */
  public String next() throws IOException {
    if (store != null) {
      try {
        return String.format("%09d", refill == null ? store.nextCommId() : nextAhead());
      } catch (JobStoreException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
    return nextFromFile();
  }

  /** How many numbers are drawn ahead now (for tests). */
  int ahead() {
    synchronized (ahead) {
      return ahead.size();
    }
  }

  private long nextAhead() {
    Long id;
    synchronized (ahead) {
      id = ahead.poll();
    }
    if (id == null) {
      // none left (the first call before the first block came, or an outage used them all):
      // draw a block here
      List<Long> block = store.nextCommIds(AHEAD + 1);
      id = block.get(0);
      synchronized (ahead) {
        ahead.addAll(block.subList(1, block.size()));
      }
    }
    refillSoon();
    return id;
  }

  /** Queues a refill on the executor when half the numbers ahead are used and none is queued. */
  private void refillSoon() {
    synchronized (ahead) {
      if (refilling || ahead.size() > AHEAD / 2) {
        return;
      }
      refilling = true;
    }
    try {
      refill.execute(this::refillNow);
    } catch (RejectedExecutionException stopping) {
      synchronized (ahead) {
        refilling = false;
      }
    }
  }

  /** On the refill executor: draws up to {@link #AHEAD} numbers ahead in one round trip. */
  private void refillNow() {
    try {
      int want;
      synchronized (ahead) {
        want = AHEAD - ahead.size();
      }
      if (want > 0) {
        List<Long> got = store.nextCommIds(want);
        synchronized (ahead) {
          ahead.addAll(got);
        }
      }
    } catch (JobStoreException e) {
      LOG.warn("CommIDs: cannot draw ahead ({} left): {}", ahead(), e.getMessage());
    } finally {
      synchronized (ahead) {
        refilling = false;
      }
    }
  }

  private String nextFromFile() throws IOException {
    // A file lock excludes other processes only: a second allocator on the same folder in this
    // process would get OverlappingFileLockException. Allocators of one folder take turns here.
    synchronized (IN_PROCESS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), k -> k)) {
      return nextFromFileLocked();
    }
  }

  private String nextFromFileLocked() throws IOException {
    // The lock is on a file of its own: the rename replaces commid.seq, and a lock on the file
    // replaced would not exclude a process that opened the new one.
    try (FileChannel ch =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      long last = last();
      long next = last >= MAX ? 1 : last + 1;
      DurableFiles.write(file, (next + "\n").getBytes(StandardCharsets.US_ASCII));
      return String.format("%09d", next);
    }
  }

  private long last() throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).trim();
    } catch (NoSuchFileException e) {
      return 0;
    }
    try {
      return text.isEmpty() ? 0 : Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IOException(file + " is corrupt: " + e.getMessage(), e);
    }
  }
}
