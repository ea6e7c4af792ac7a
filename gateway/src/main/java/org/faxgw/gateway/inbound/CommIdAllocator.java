package org.faxgw.gateway.inbound;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.faxgw.durable.DurableFiles;
import org.faxgw.queue.JobStore;
import org.faxgw.queue.JobStoreException;

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
 * </ul>
 */
public final class CommIdAllocator {
  private static final int MAX = 999_999_999;
  private static final ConcurrentMap<Path, Path> IN_PROCESS = new ConcurrentHashMap<>();

  private final Path file;
  private final Path lockFile;
  private final JobStore store;

  public CommIdAllocator(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    this.file = dataDir.resolve("commid.seq");
    this.lockFile = dataDir.resolve("commid.seq.lock");
    this.store = null;
  }

  private CommIdAllocator(JobStore store) {
    this.file = null;
    this.lockFile = null;
    this.store = store;
  }

  /**
   * The allocator for a gateway on {@code store}: the store's sequence when it shares one (several
   * nodes on PostgreSQL), else the data directory's file.
   */
  public static CommIdAllocator forStore(JobStore store, Path dataDir) throws IOException {
    return store.sharesCommIds() ? new CommIdAllocator(store) : new CommIdAllocator(dataDir);
  }

  /** True when the ids come from the job store (shared by every node on it). */
  public boolean shared() {
    return store != null;
  }

  /** The next CommID, e.g. {@code 000000042}. */
  public String next() throws IOException {
    if (store != null) {
      try {
        return String.format("%09d", store.nextCommId());
      } catch (JobStoreException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
    return nextFromFile();
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
