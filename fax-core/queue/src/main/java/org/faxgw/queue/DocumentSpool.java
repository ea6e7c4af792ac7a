package org.faxgw.queue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.faxgw.durable.DurableFiles;

/**
 * The document spool: one folder per accepted message (or sendfax request) under {@code
 * dataDir/spool}. Every file is written with {@link DurableFiles}: to a temporary name, fsync,
 * rename, then the folder is fsynced, so that after a crash a file is either whole or absent.
 */
public final class DocumentSpool {
  private static final String TEMP_SUFFIX = ".part";
  private final Path root;
  private final SecureRandom random = new SecureRandom();

  public DocumentSpool(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    Files.createDirectories(this.root);
  }

  public Path root() {
    return root;
  }

  /** Makes a new empty folder and returns its name relative to the root. */
  public String newFolder() throws IOException {
    for (int i = 0; i < 10; i++) {
      byte[] b = new byte[8];
      random.nextBytes(b);
      String name = "m" + System.currentTimeMillis() + "-" + HexFormat.of().formatHex(b);
      Path dir = root.resolve(name);
      try {
        Files.createDirectory(dir);
        return name;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // try another name
      }
    }
    throw new IOException("cannot make a spool folder in " + root);
  }

  /** The absolute path of a spool-relative path; refuses paths that leave the spool. */
  public Path resolve(String relative) {
    Path p = root.resolve(relative).normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException("path leaves the spool: " + relative);
    }
    return p;
  }

  /**
   * The empty file in a job's folder that asks for the job's calls to be captured (the mail's
   * {@code X-Fax-Capture: yes}, or the admin API's {@code "capture": true}).
   */
  public static final String CAPTURE_MARKER = "capture";

  /** Marks {@code folder}'s jobs for call capture ({@link #CAPTURE_MARKER}), durably. */
  public void markCapture(String folder) throws IOException {
    write(folder, CAPTURE_MARKER, InputStream.nullInputStream());
    syncFolder(folder);
  }

  /** Starts writing {@code folder/name}; nothing is visible under that name before commit. */
  public SpoolFile create(String folder, String name) throws IOException {
    if (name.contains("/") || name.startsWith(".")) {
      throw new IllegalArgumentException("bad spool file name " + name);
    }
    Path target = resolve(folder + "/" + name);
    Path temp = target.resolveSibling(name + TEMP_SUFFIX);
    return new SpoolFile(folder + "/" + name, DurableFiles.open(temp, target));
  }

  /** Copies {@code in} to {@code folder/name} atomically and returns the relative path. */
  public String write(String folder, String name, InputStream in) throws IOException {
    try (SpoolFile f = create(folder, name)) {
      in.transferTo(f.out());
      return f.commit();
    }
  }

  /** Flushes the folder's entries (and the root's entry for the folder) to disk. */
  public void syncFolder(String folder) throws IOException {
    fsyncDirectory(resolve(folder));
    fsyncDirectory(root);
  }

  /** Deletes one spooled file (no error when it is already gone). */
  public void deleteFile(String relative) throws IOException {
    Files.deleteIfExists(resolve(relative));
  }

  /** Deletes a folder and everything in it (no error when it is already gone). */
  public void deleteFolder(String folder) throws IOException {
    Path dir = resolve(folder);
    if (dir.equals(root)) {
      throw new IllegalArgumentException("will not delete the spool root");
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        Files.deleteIfExists(p);
      }
    } catch (NoSuchFileException e) {
      return;
    }
    Files.deleteIfExists(dir);
    fsyncDirectory(root);
  }

  /** Folders present in the spool. */
  public List<String> folders() throws IOException {
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path p : ds) {
        out.add(p.getFileName().toString());
      }
    }
    return out;
  }

  /**
   * Deletes folders that no job refers to, last modified before {@code olderThanMillis} (left by a
   * crash between spooling and the job's commit). Returns how many were removed.
   */
  public int sweep(Set<String> referenced, long olderThanMillis) throws IOException {
    int n = 0;
    for (String f : folders()) {
      if (!referenced.contains(f)
          && Files.getLastModifiedTime(resolve(f)).toMillis() < olderThanMillis) {
        deleteFolder(f);
        n++;
      }
    }
    return n;
  }

  private static void fsyncDirectory(Path dir) throws IOException {
    DurableFiles.syncDirectory(dir);
  }

  /** A file being written to the spool; {@link #commit()} makes it durable and visible. */
  public static final class SpoolFile implements AutoCloseable {
    private final String relative;
    private final DurableFiles.Pending pending;

    private SpoolFile(String relative, DurableFiles.Pending pending) {
      this.relative = relative;
      this.pending = pending;
    }

    /** Where to write; do not close it (commit or close the SpoolFile). */
    public OutputStream out() {
      return pending.out();
    }

    /** Bytes written so far. */
    public long size() {
      return pending.size();
    }

    /** fsync, rename into place, fsync the folder; returns the spool-relative path. */
    public String commit() throws IOException {
      pending.commit();
      return relative;
    }

    /** Abandons the file unless committed. */
    @Override
    public void close() throws IOException {
      pending.close();
    }
  }
}
