package org.faxgw.render.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The render workers' classpath copy: made once, reused while unchanged, safe to share. */
class ClasspathCacheTest {
  static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");

  @TempDir Path tmp;

  /** A classpath of a jar, a classes folder and Surefire-style manifest-only jar. */
  private List<Path> classpath() throws IOException {
    Path jar = tmp.resolve("lib/a.jar");
    Files.createDirectories(jar.getParent());
    writeJar(jar, "org/x/A.class", new byte[] {1, 2, 3}, null);
    Path classes = tmp.resolve("target/classes");
    Files.createDirectories(classes.resolve("org/y"));
    Files.write(classes.resolve("org/y/B.class"), new byte[] {4, 5});
    Files.writeString(classes.resolve("faxgw.properties"), "x=1\n");
    Path surefire = tmp.resolve("surefirebooter.jar");
    writeJar(surefire, null, null, "a.jar");
    return List.of(jar, classes, surefire);
  }

  private static void writeJar(Path p, String entry, byte[] data, String classPath)
      throws IOException {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (classPath != null) {
      m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
    }
    try (OutputStream o = Files.newOutputStream(p);
        JarOutputStream j = new JarOutputStream(o, m)) {
      if (entry != null) {
        j.putNextEntry(new JarEntry(entry));
        j.write(data);
        j.closeEntry();
      }
    }
  }

  private static Object fileKey(Path p) throws IOException {
    return Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
  }

  @Test
  void theFirstStartCopiesReadableByAllAndTheNextReusesTheCopy() throws IOException {
    List<Path> cp = classpath();
    Path root = tmp.resolve("cache");
    ClasspathCache.Staged first = ClasspathCache.stage(cp, root, T0);
    assertThat(first.copied()).isTrue();
    // the manifest-only jar is left out; the order is kept
    assertThat(first.entries()).hasSize(2);
    assertThat(first.entries().get(0).getFileName().toString()).isEqualTo("000-a.jar");
    assertThat(first.entries().get(1).getFileName().toString()).isEqualTo("001-classes");
    assertThat(Files.readAllBytes(first.entries().get(0))).isEqualTo(Files.readAllBytes(cp.get(0)));
    Path b = first.entries().get(1).resolve("org/y/B.class");
    assertThat(Files.readAllBytes(b)).containsExactly(4, 5);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(b)))
        .isEqualTo("rw-r--r--");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.folder())))
        .isEqualTo("rwxr-xr-x");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root)))
        .isEqualTo("rwxr-xr-x");
    Object jarKey = fileKey(first.entries().get(0));

    ClasspathCache.Staged second = ClasspathCache.stage(cp, root, T0.plusSeconds(60));
    assertThat(second.copied()).isFalse();
    assertThat(second.entries()).isEqualTo(first.entries());
    // the very same file, not a new copy under the same name
    assertThat(fileKey(second.entries().get(0))).isEqualTo(jarKey);
    assertThat(Files.getLastModifiedTime(second.folder().resolve(ClasspathCache.USED)).toInstant())
        .isEqualTo(T0.plusSeconds(60));
    try (Stream<Path> s = Files.list(root)) {
      assertThat(s.toList()).containsExactly(first.folder()); // no staging folder left behind
    }
  }

  @Test
  void aChangedClassOrJarGetsAFreshCopy() throws IOException {
    List<Path> cp = classpath();
    Path root = tmp.resolve("cache");
    ClasspathCache.Staged first = ClasspathCache.stage(cp, root, T0);
    // a rebuilt class: same size, new time
    Path b = cp.get(1).resolve("org/y/B.class");
    Files.setLastModifiedTime(b, FileTime.from(T0.plusSeconds(5)));
    ClasspathCache.Staged rebuilt = ClasspathCache.stage(cp, root, T0);
    assertThat(rebuilt.copied()).isTrue();
    assertThat(rebuilt.folder()).isNotEqualTo(first.folder());
    // a jar of another size
    writeJar(cp.get(0), "org/x/A.class", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, null);
    ClasspathCache.Staged newJar = ClasspathCache.stage(cp, root, T0);
    assertThat(newJar.copied()).isTrue();
    assertThat(newJar.folder()).isNotEqualTo(rebuilt.folder());
    assertThat(Files.size(newJar.entries().get(0))).isEqualTo(Files.size(cp.get(0)));
  }

  @Test
  void copiesUnusedForAWeekAreRemovedAndUsedOnesKept() throws IOException {
    List<Path> cp = classpath();
    Path root = tmp.resolve("cache");
    ClasspathCache.Staged old = ClasspathCache.stage(cp, root, T0);
    Files.writeString(cp.get(1).resolve("faxgw.properties"), "x=22\n");
    Instant later = T0.plus(ClasspathCache.STALE).minusSeconds(1);
    ClasspathCache.Staged current = ClasspathCache.stage(cp, root, later);
    assertThat(Files.isDirectory(old.folder())).as("used within the week").isTrue();
    ClasspathCache.stage(cp, root, T0.plus(ClasspathCache.STALE).plusSeconds(1));
    assertThat(Files.exists(old.folder())).as("unused for a week").isFalse();
    assertThat(Files.isDirectory(current.folder())).isTrue();
  }

  @Test
  void twoStartsAtOnceBothGetOneCompleteCopy() throws Exception {
    List<Path> cp = classpath();
    Path root = tmp.resolve("cache");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 10; round++) {
        Path r = root.resolve("round-" + round);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ClasspathCache.Staged>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          runs.add(
              pool.submit(
                  () -> {
                    go.await();
                    return ClasspathCache.stage(cp, r, T0);
                  }));
        }
        go.countDown();
        ClasspathCache.Staged a = runs.get(0).get(30, TimeUnit.SECONDS);
        ClasspathCache.Staged b = runs.get(1).get(30, TimeUnit.SECONDS);
        assertThat(a.folder()).isEqualTo(b.folder());
        assertThat(a.copied() || b.copied()).isTrue();
        assertThat(Files.readAllBytes(a.entries().get(1).resolve("org/y/B.class")))
            .containsExactly(4, 5);
        try (Stream<Path> s = Files.list(r)) {
          assertThat(s.toList()).containsExactly(a.folder());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRootThatIsALinkIsNotTrusted() throws IOException {
    List<Path> cp = classpath();
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Path link = Files.createSymbolicLink(tmp.resolve("cache"), elsewhere);
    assertThatThrownBy(() -> ClasspathCache.stage(cp, link, T0)).isInstanceOf(IOException.class);
    // the worker command then makes a copy of its own under the temp root
    Path tempRoot = Files.createDirectories(tmp.resolve("run"));
    Files.createSymbolicLink(tmp.resolve(WorkerCommand.CACHE_FOLDER), elsewhere);
    ClasspathCache.Staged own = WorkerCommand.readableCopy(cp, tempRoot);
    assertThat(own.folder().getParent()).isEqualTo(tempRoot.resolve("classpath"));
    try (Stream<Path> s = Files.list(elsewhere)) {
      assertThat(s.toList()).isEmpty();
    }
  }

  /**
   * Two gateway starts (each its own temp root, as {@code render.tempDir: ""} makes) on the real
   * classpath, as root dropping to {@code nobody}: the second reuses the first one's copy.
   */
  @Test
  void aSecondGatewayStartReusesTheFirstStartsCopy() throws IOException {
    Assumptions.assumeTrue(WorkerCommand.runningAsRoot(), "needs root (workers drop to nobody)");
    Assumptions.assumeFalse(
        WorkerCommand.classpathEntries().stream().allMatch(WorkerCommand::readableByOthers),
        "the classpath is readable by all: no copy is needed");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path parent = Files.createDirectories(tmp.resolve("var"));
    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
    WorkerCommand first =
        new WorkerCommand(WorkerPoolConfig.defaults(parent.resolve("faxgw-render-1")));
    Path copy = first.stagedClasspath();
    assertThat(copy).isNotNull();
    assertThat(copy.getParent()).isEqualTo(parent.resolve(WorkerCommand.CACHE_FOLDER));
    FileTime made = Files.getLastModifiedTime(copy);
    Path firstEntry;
    try (Stream<Path> s = Files.list(copy)) {
      firstEntry =
          s.filter(p -> !p.endsWith(ClasspathCache.USED)).sorted().findFirst().orElseThrow();
    }
    Object key = fileKey(firstEntry);
    WorkerCommand second =
        new WorkerCommand(WorkerPoolConfig.defaults(parent.resolve("faxgw-render-2")));
    assertThat(second.stagedClasspath()).isEqualTo(copy);
    assertThat(Files.getLastModifiedTime(copy)).isEqualTo(made);
    assertThat(fileKey(firstEntry)).isEqualTo(key);
    // the workers' command line names the copies
    List<String> cmd = second.command(parent.resolve("faxgw-render-2"), 60);
    assertThat(cmd.get(cmd.indexOf("-cp") + 1)).startsWith(copy.toString());
  }
}
