package org.faxgw.gateway.inbound;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Hands out CommIDs: 9-digit communication ids, unique per data directory, as HylaFAX's {@code
 * %09u} sequence. The last one is kept in {@code <dataDir>/commid.seq}, updated under a file lock
 * and synced before the id is used, so two processes on one data directory never share an id.
 */
public final class CommIdAllocator {
  private static final int MAX = 999_999_999;

  private final Path file;

  public CommIdAllocator(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    this.file = dataDir.resolve("commid.seq");
  }

  /** The next CommID, e.g. {@code 000000042}. */
  public synchronized String next() throws IOException {
    try (FileChannel ch =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      ByteBuffer buf = ByteBuffer.allocate(32);
      while (ch.read(buf) > 0 && buf.hasRemaining()) {
        // read the whole small file
      }
      String text = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
      long last = text.isEmpty() ? 0 : Long.parseLong(text);
      long next = last >= MAX ? 1 : last + 1;
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((next + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      ch.force(true);
      return String.format("%09d", next);
    } catch (NumberFormatException e) {
      throw new IOException(file + " is corrupt: " + e.getMessage(), e);
    }
  }
}
