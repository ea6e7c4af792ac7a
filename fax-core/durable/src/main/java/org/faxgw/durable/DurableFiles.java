package org.faxgw.durable;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that they survive a crash whole or not at all: to a temporary file, fsync, rename
 * over the target, fsync the target's folder. Readers never see a partial target.
 */
public final class DurableFiles {
  /** The suffix of the temporary file beside the target, {@code <name>.tmp}. */
  public static final String TEMP_SUFFIX = ".tmp";

  private DurableFiles() {}

  /** Writes {@code data} to {@code target} durably, through {@code <target>.tmp} beside it. */
  public static void write(Path target, byte[] data) throws IOException {
    write(target.resolveSibling(target.getFileName() + TEMP_SUFFIX), target, data);
  }

  /**
   * Writes {@code data} to {@code temp}, then moves it to {@code target} durably; {@code temp} may
   * be in another folder of the same file system (Maildir's {@code tmp/} and {@code new/}).
   */
  public static void write(Path temp, Path target, byte[] data) throws IOException {
    try (Pending p = open(temp, target)) {
      p.write(data);
      p.commit();
    }
  }

  /** Writes what {@code body} writes to {@code target} durably, through {@code <target>.tmp}. */
  public static void write(Path target, Body body) throws IOException {
    try (Pending p = open(target)) {
      body.writeTo(p.out());
      p.commit();
    }
  }

  /** Starts a durable write of {@code target} through {@code <target>.tmp}. */
  public static Pending open(Path target) throws IOException {
    return open(target.resolveSibling(target.getFileName() + TEMP_SUFFIX), target);
  }

  /** Starts a durable write of {@code target} through {@code temp} (truncated if it exists). */
  public static Pending open(Path temp, Path target) throws IOException {
    FileChannel ch =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    return new Pending(temp, target, ch);
  }

  /** Flushes a folder's entries to disk, so that a file created or renamed in it survives. */
  public static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /** What writes the content of a file. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * A file being written; nothing is visible under the target's name before {@link #commit()}.
   * Closing it without a commit removes the temporary file. One thread at a time.
   */
  public static final class Pending implements AutoCloseable {
    private final Path temp;
    private final Path target;
    private final FileChannel channel;
    private final OutputStream out;
    private boolean committed;

    private Pending(Path temp, Path target, FileChannel channel) {
      this.temp = temp;
      this.target = target;
      this.channel = channel;
      this.out = Channels.newOutputStream(channel);
    }

    /** Where to write; do not close it (commit or close the Pending). */
    public OutputStream out() {
      return out;
    }

    /** Writes all of {@code data}. */
    public void write(byte[] data) throws IOException {
      ByteBuffer b = ByteBuffer.wrap(data);
      while (b.hasRemaining()) {
        channel.write(b);
      }
    }

    /** Bytes written so far. */
    public long size() {
      try {
        return channel.size();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** fsync, rename over the target, fsync the target's folder. */
    public void commit() throws IOException {
      channel.force(true);
      channel.close();
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        // only across file systems, which a durable write must not do
        throw new IOException("cannot rename " + temp + " to " + target + " atomically", e);
      }
      syncDirectory(target.getParent());
      committed = true;
    }

    /** Abandons the file unless committed. */
    @Override
    public void close() throws IOException {
      if (!committed) {
        channel.close();
        Files.deleteIfExists(temp);
      }
    }
  }
}
