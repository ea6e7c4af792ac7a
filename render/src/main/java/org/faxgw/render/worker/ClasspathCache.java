package org.faxgw.render.worker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A world-readable copy of the classpath for workers that run as another user, made once and reused
 * by every start while the classpath is unchanged. The copies live in {@code
 * <root>/<fingerprint>/}, where the fingerprint is a SHA-256 of the entries in order with, for each
 * file (a jar, or a file below a classes folder), its path, size and modification time: a rebuilt
 * jar or class gets a new fingerprint and a fresh copy.
 *
 * <p>A copy is built in a staging folder and renamed into place whole, so a folder under its
 * fingerprint is always complete, and two gateways starting at once each end with one (the loser of
 * the rename uses the winner's). The root must be a real folder (not a link) owned by this
 * process's user and writable by nobody else, else it is not trusted ({@link IOException}): the
 * workers run what is in it. Each use touches the copy's {@link #USED} marker; copies not used for
 * {@link #STALE} are removed.
 */
final class ClasspathCache {
  /** Marker whose modification time is the copy's last use. */
  static final String USED = ".used";

  /** A copy no start has used for this long is removed. */
  static final Duration STALE = Duration.ofDays(7);

  private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwxr-xr-x");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");

  /**
   * The copies of {@code entries} under {@code root}, in order.
   *
   * @param copied whether this call made the copy (false: an earlier one is reused)
   */
  record Staged(List<Path> entries, Path folder, boolean copied) {}

  private ClasspathCache() {}

  /** The copy of {@code entries} under {@code root}: reused when there is one, made otherwise. */
  static Staged stage(List<Path> entries, Path root, Instant now) throws IOException {
    List<Path> kept = new ArrayList<>();
    for (Path e : entries) {
      if (Files.exists(e) && !(isJar(e) && isManifestOnly(e))) {
        kept.add(e);
      }
    }
    Files.createDirectories(root);
    trust(root);
    Path folder = root.resolve(fingerprint(kept));
    List<Path> targets = new ArrayList<>();
    for (int i = 0; i < kept.size(); i++) {
      targets.add(folder.resolve(String.format("%03d-%s", i, kept.get(i).getFileName())));
    }
    boolean copied = false;
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      Path staging = Files.createTempDirectory(root, ".staging-");
      try {
        Files.setPosixFilePermissions(staging, DIR);
        for (int i = 0; i < kept.size(); i++) {
          copy(kept.get(i), staging.resolve(targets.get(i).getFileName().toString()));
        }
        Files.createFile(staging.resolve(USED));
        Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
        copied = true;
      } catch (IOException e) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
          throw e;
        }
        // another start made the same copy first (the rename found it): use that one
      } finally {
        deleteTree(staging);
      }
    }
    touch(folder, now);
    prune(root, folder, now);
    return new Staged(targets, folder, copied);
  }

  /** Marks the copy in {@code folder} as used at {@code now} (each worker start does). */
  static void touch(Path folder, Instant now) throws IOException {
    Path used = folder.resolve(USED);
    if (!Files.exists(used)) {
      Files.createFile(used);
    }
    Files.setLastModifiedTime(used, FileTime.from(now));
  }

  /** Refuses a root that someone else could have written to. */
  private static void trust(Path root) throws IOException {
    if (Files.isSymbolicLink(root) || !Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(root + " is not a folder");
    }
    Object owner = Files.getAttribute(root, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    Object self = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    if (!owner.equals(self)) {
      throw new IOException(root + " belongs to uid " + owner + ", not to this process");
    }
    Files.setPosixFilePermissions(root, DIR);
  }

  private static boolean isJar(Path p) {
    return p.toString().endsWith(".jar") && Files.isRegularFile(p);
  }

  /** Surefire's classpath jar: a manifest with a Class-Path and no classes (already expanded). */
  private static boolean isManifestOnly(Path jar) throws IOException {
    try (JarFile j = new JarFile(jar.toFile())) {
      return j.stream().noneMatch(e -> e.getName().endsWith(".class"))
          && j.getManifest() != null
          && j.getManifest().getMainAttributes().getValue("Class-Path") != null;
    }
  }

  /** SHA-256 of each entry's path and, per file, relative path, size and modification time. */
  static String fingerprint(List<Path> entries) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (Path e : entries) {
      update(md, "entry " + e.toAbsolutePath());
      if (Files.isDirectory(e)) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(e)) {
          files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
          describe(md, e.relativize(f).toString(), f);
        }
      } else {
        describe(md, "", e);
      }
    }
    return HexFormat.of().formatHex(md.digest()).substring(0, 32);
  }

  private static void describe(MessageDigest md, String name, Path f) throws IOException {
    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
    update(md, "file " + name + " " + a.size() + " " + a.lastModifiedTime().toMillis());
  }

  private static void update(MessageDigest md, String s) {
    md.update(s.getBytes(StandardCharsets.UTF_8));
    md.update((byte) '\n');
  }

  private static void copy(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      Files.copy(from, to);
      Files.setPosixFilePermissions(to, FILE);
      return;
    }
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
          Files.setPosixFilePermissions(t, DIR);
        } else {
          try (InputStream in = Files.newInputStream(p)) {
            Files.copy(in, t);
          }
          Files.setPosixFilePermissions(t, FILE);
        }
      }
    }
  }

  /** Removes the copies (not {@code keep}) whose last use is older than {@link #STALE}. */
  private static void prune(Path root, Path keep, Instant now) throws IOException {
    Instant cutoff = now.minus(STALE);
    List<Path> old = new ArrayList<>();
    try (Stream<Path> s = Files.list(root)) {
      for (Path d : (Iterable<Path>) s::iterator) {
        if (d.equals(keep) || !Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        Path used = d.resolve(USED);
        FileTime t =
            Files.exists(used)
                ? Files.getLastModifiedTime(used)
                : Files.getLastModifiedTime(d, LinkOption.NOFOLLOW_LINKS);
        if (t.toInstant().isBefore(cutoff)) {
          old.add(d);
        }
      }
    }
    for (Path d : old) {
      deleteTree(d);
    }
  }

  private static void deleteTree(Path d) throws IOException {
    if (!Files.exists(d, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(d)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
