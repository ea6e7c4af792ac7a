package org.faxgw.gateway.inbound;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.faxgw.durable.DurableFiles;

/**
 * Hands out CommIDs: 9-digit communication ids, unique per data directory, as HylaFAX's {@code
 * %09u} sequence. The last one is kept in {@code <dataDir>/commid.seq}, replaced durably (temp
 * file, fsync, rename, folder fsync) before the id is used, so a crash leaves the old or the new
 * number, never an empty file; {@code commid.seq.lock} is held meanwhile, so two processes on one
 * data directory never share an id.
 */
public final class CommIdAllocator {
  private static final int MAX = 999_999_999;

  private final Path file;
  private final Path lockFile;

  public CommIdAllocator(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    this.file = dataDir.resolve("commid.seq");
    this.lockFile = dataDir.resolve("commid.seq.lock");
  }

  /** The next CommID, e.g. {@code 000000042}. */
  public synchronized String next() throws IOException {
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
