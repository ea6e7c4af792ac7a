package org.faxgw.render.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The command line of a worker: {@code [prlimit --cpu=N --] [setpriv --reuid --regid --clear-groups
 * --no-new-privs --] java -Xmx… -cp … RenderWorkerMain}. Both wrappers {@code exec} the next
 * program, so the worker's process id is the JVM's.
 *
 * <p>When this process runs as root, workers run as {@link WorkerPoolConfig#user()}: their private
 * folders are given to that user, and if that user cannot read the classpath (Maven's repository
 * under {@code /root}), the workers use a world-readable copy of it ({@link ClasspathCache}) kept
 * beside the temp root in {@value #CACHE_FOLDER}, made at the first start and reused by later ones
 * while the classpath is unchanged. Where that folder cannot be trusted (not ours, a link), the
 * copy goes under the temp root, for this start only.
 */
final class WorkerCommand {
  /** The classpath copies, beside the temp root (so that they outlive a per-start temp root). */
  static final String CACHE_FOLDER = "faxgw-render-classpath";

  private final WorkerPoolConfig config;
  private final Unprivileged drop;
  private final String classpath;
  private final Path staged; // the classpath copy in use, or null

  /** The user a worker runs as. */
  record Unprivileged(String name, int uid, int gid) {}

  WorkerCommand(WorkerPoolConfig config) throws IOException {
    this.config = config;
    Files.createDirectories(config.tempRoot());
    this.drop = runningAsRoot() ? lookUp(config.user()) : null;
    if (drop != null) {
      // others may pass through (not list) the root, to reach their own folder and the classpath
      Files.setPosixFilePermissions(
          config.tempRoot(), PosixFilePermissions.fromString("rwx--x--x"));
    }
    List<Path> entries = classpathEntries();
    if (drop != null && !entries.stream().allMatch(WorkerCommand::readableByOthers)) {
      ClasspathCache.Staged copy = readableCopy(entries, config.tempRoot());
      entries = copy.entries();
      this.staged = copy.folder();
    } else {
      this.staged = null;
    }
    this.classpath =
        String.join(java.io.File.pathSeparator, entries.stream().map(Path::toString).toList());
  }

  Unprivileged user() {
    return drop;
  }

  /** The classpath copy the workers use, or null when they read the classpath itself. */
  Path stagedClasspath() {
    return staged;
  }

  /** The shared copy in {@value #CACHE_FOLDER} beside {@code tempRoot}, else one under it. */
  static ClasspathCache.Staged readableCopy(List<Path> entries, Path tempRoot) throws IOException {
    Path root = tempRoot.toAbsolutePath();
    Path shared = root.getParent() == null ? null : root.getParent().resolve(CACHE_FOLDER);
    if (shared != null && readableByOthers(root.getParent())) {
      try {
        return ClasspathCache.stage(entries, shared, Instant.now());
      } catch (IOException | UnsupportedOperationException e) {
        // not a folder we can trust: a copy of our own, for this start
      }
    }
    return ClasspathCache.stage(entries, root.resolve("classpath"), Instant.now());
  }

  /** A new private folder for one worker, owned by the user it runs as, mode 700. */
  Path privateFolder(int slot) throws IOException {
    Path d =
        Files.createTempDirectory(
            config.tempRoot(),
            "worker-" + slot + "-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    if (drop != null) {
      UserPrincipal u =
          d.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(drop.name());
      Files.setOwner(d, u);
    }
    return d;
  }

  List<String> command(Path privateFolder, long lifetimeCpuSeconds) {
    if (staged != null) {
      try {
        ClasspathCache.touch(staged, Instant.now()); // in use: not to be pruned
      } catch (IOException e) {
        // only the pruning of unused copies reads the mark
      }
    }
    List<String> cmd = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/prlimit"))) {
      // RLIMIT_CPU: SIGXCPU ends the JVM; the pool's per-document watchdog normally acts first
      cmd.addAll(List.of("/usr/bin/prlimit", "--cpu=" + lifetimeCpuSeconds, "--"));
    }
    if (drop != null) {
      cmd.addAll(
          List.of(
              "setpriv",
              "--reuid=" + drop.uid(),
              "--regid=" + drop.gid(),
              "--clear-groups",
              "--no-new-privs",
              "--"));
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + config.heap());
    cmd.add("-Xss1m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    cmd.add("-XX:-UsePerfData");
    // a crash report, kept by the pool beside workers.log when the worker dies
    cmd.add("-XX:ErrorFile=" + privateFolder.resolve("hs_err_pid%p.log"));
    cmd.add("-Djava.awt.headless=true");
    cmd.add("-Djava.io.tmpdir=" + privateFolder);
    cmd.add("-Duser.home=" + privateFolder);
    cmd.addAll(config.jvmOptions());
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(RenderWorkerMain.class.getName());
    cmd.add("--postscript");
    cmd.add(
        config.postScript() == org.faxgw.render.PostScriptEngine.GHOST4J ? "ghost4j" : "process");
    return cmd;
  }

  static boolean runningAsRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  /** The uid and gid of a user from {@code /etc/passwd}. */
  static Unprivileged lookUp(String user) throws IOException {
    try (BufferedReader r =
        Files.newBufferedReader(Path.of("/etc/passwd"), StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split(":", -1);
        if (f.length >= 4 && f[0].equals(user)) {
          return new Unprivileged(user, Integer.parseInt(f[2]), Integer.parseInt(f[3]));
        }
      }
    }
    throw new IOException("render.workerUser " + user + " is not a user of this system");
  }

  /** {@code java.class.path}, with the Class-Path of a manifest-only jar (Surefire's) expanded. */
  static List<Path> classpathEntries() throws IOException {
    Set<Path> out = new LinkedHashSet<>();
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (e.isEmpty()) {
        continue;
      }
      Path p = Path.of(e).toAbsolutePath();
      out.add(p);
      if (p.toString().endsWith(".jar") && Files.isRegularFile(p)) {
        try (JarFile jar = new JarFile(p.toFile())) {
          Manifest m = jar.getManifest();
          String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
          if (cp != null) {
            for (String u : cp.trim().split("\\s+")) {
              if (!u.isEmpty()) {
                URI uri = p.toUri().resolve(u);
                out.add(Path.of(uri));
              }
            }
          }
        }
      }
    }
    return new ArrayList<>(out);
  }

  /** Every folder above {@code p} can be passed by others, and {@code p} read by them. */
  static boolean readableByOthers(Path p) {
    try {
      if (!Files.exists(p)) {
        return true;
      }
      Set<PosixFilePermission> own = Files.getPosixFilePermissions(p);
      if (!own.contains(PosixFilePermission.OTHERS_READ)) {
        return false;
      }
      for (Path d = p.getParent(); d != null; d = d.getParent()) {
        if (!Files.getPosixFilePermissions(d).contains(PosixFilePermission.OTHERS_EXECUTE)) {
          return false;
        }
      }
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
