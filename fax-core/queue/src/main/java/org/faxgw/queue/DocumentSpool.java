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
 *
 * <p>With {@link SharedFiles} that are {@linkplain SharedFiles#shared() shared} (several nodes on
 * one PostgreSQL) the spool writes through and reads through: a committed file is also stored in
 * the shared files before {@link SpoolFile#commit()} returns (so a job, committed after its files,
 * never refers to a file another node cannot get), {@link #local(String)} fetches a file another
 * node spooled into this node's folder, and deleting a file or folder deletes it for every node.
 * Whoever reads a job's file reads it through {@link #local(String)}.
 */
public final class DocumentSpool {
  private static final String TEMP_SUFFIX = ".part";
  private final Path root;
  private final SharedFiles shared;
  private final SecureRandom random = new SecureRandom();

  /** A spool of one node: the folder is the truth. */
  public DocumentSpool(Path root) throws IOException {
    this(root, SharedFiles.LOCAL);
  }

  /** A spool whose files are also kept in {@code shared} (see the class comment). */
  public DocumentSpool(Path root, SharedFiles shared) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.shared = shared;
    Files.createDirectories(this.root);
  }

  public Path root() {
    return root;
  }

  /** True when the files are shared with other nodes ({@link SharedFiles#shared()}). */
  public boolean shared() {
    return shared.shared();
  }

  /**
   * The local path of a spool file, for reading it. Without shared files that is {@link
   * #resolve(String)}. With them the shared files are the truth: a file missing here (spooled by
   * another node) or of another size is fetched into this spool first (temporary name, fsync,
   * rename); a file the shared files no longer hold (removed by another node) is removed here too.
   * The path returned does not exist when the file exists nowhere.
   *
   * @throws JobStoreException when the shared files cannot be reached (try again later)
   */
  public Path local(String relative) throws IOException {
    Path p = resolve(relative);
    if (!shared.shared()) {
      return p;
    }
    long size = shared.size(relative);
    if (size < 0) {
      Files.deleteIfExists(p);
      return p;
    }
    if (Files.isRegularFile(p) && Files.size(p) == size) {
      return p;
    }
    Path dir = p.getParent();
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      fsyncDirectory(root);
    }
    byte[] b = new byte[6];
    random.nextBytes(b);
    Path temp = p.resolveSibling(p.getFileName() + "-" + HexFormat.of().formatHex(b) + TEMP_SUFFIX);
    try (DurableFiles.Pending f = DurableFiles.open(temp, p)) {
      if (!shared.fetch(relative, f.out())) {
        Files.deleteIfExists(p);
        return p;
      }
      f.commit();
    }
    return p;
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
    return new SpoolFile(folder + "/" + name, target, DurableFiles.open(temp, target), shared);
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

  /** Deletes one spooled file, here and in the shared files (no error when it is already gone). */
  public void deleteFile(String relative) throws IOException {
    Path p = resolve(relative);
    Files.deleteIfExists(p);
    if (shared.shared()) {
      try {
        shared.delete(relative);
      } catch (JobStoreException e) {
        // left for the shared sweep (SharedFiles#sweep) once no job refers to it
        throw new IOException("cannot delete the shared copy of " + relative, e);
      }
    }
  }

  /**
   * Deletes a folder and everything in it, here and in the shared files (no error when it is
   * already gone).
   */
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
      deleteShared(root.relativize(dir).toString()); // spooled by another node, maybe
      return;
    }
    Files.deleteIfExists(dir);
    fsyncDirectory(root);
    deleteShared(root.relativize(dir).toString());
  }

  private void deleteShared(String folder) throws IOException {
    if (shared.shared()) {
      try {
        shared.deleteFolder(folder);
      } catch (JobStoreException e) {
        // left for the shared sweep (SharedFiles#sweep), as no job refers to the folder
        throw new IOException("cannot delete the shared copies of " + folder, e);
      }
    }
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

  /**
   * Deletes the shared files of folders no job refers to whose files were all stored more than
   * {@code ageMillis} ago (a node died between spooling and the job's commit, and its own folder
   * went with it); see {@link SharedFiles#sweep}. Returns how many folders; 0 without shared files.
   */
  public int sweepShared(java.util.function.Supplier<Set<String>> referenced, long ageMillis) {
    return shared.shared() ? shared.sweep(referenced, ageMillis) : 0;
  }

  private static void fsyncDirectory(Path dir) throws IOException {
    DurableFiles.syncDirectory(dir);
  }

  /**
   * A file being written to the spool; {@link #commit()} makes it durable and visible (to every
   * node, with shared files).
   */
  public static final class SpoolFile implements AutoCloseable {
    private final String relative;
    private final Path target;
    private final DurableFiles.Pending pending;
    private final SharedFiles shared;

    private SpoolFile(
        String relative, Path target, DurableFiles.Pending pending, SharedFiles shared) {
      this.relative = relative;
      this.target = target;
      this.pending = pending;
      this.shared = shared;
    }

    /** Where to write; do not close it (commit or close the SpoolFile). */
    public OutputStream out() {
      return pending.out();
    }

    /** Bytes written so far. */
    public long size() {
      return pending.size();
    }

    /**
     * fsync, rename into place, fsync the folder, then store it in the shared files (when they are
     * shared); returns the spool-relative path. When the shared files refuse it ({@link
     * JobStoreException} or {@link IOException}) the file is not committed: the local copy is
     * removed and no job may refer to it.
     */
    public String commit() throws IOException {
      pending.commit();
      if (shared.shared()) {
        try {
          shared.put(relative, target);
        } catch (IOException | RuntimeException e) {
          Files.deleteIfExists(target);
          throw e;
        }
      }
      return relative;
    }

    /** Abandons the file unless committed. */
    @Override
    public void close() throws IOException {
      pending.close();
    }
  }
}
