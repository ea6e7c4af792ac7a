package org.faxgw.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster for one test run: {@code initdb} into a temporary folder, {@code
 * pg_ctl start} on a free port on 127.0.0.1 (TCP only, password authentication), stopped and
 * removed by {@link #close()}. PostgreSQL refuses to run as root, so when the tests run as root the
 * server runs as the unprivileged {@code postgres} user (or {@code nobody}) through {@code
 * runuser}. Uses Debian's {@code postgresql} package ({@code bin/install-test-deps}); {@link
 * #binaries()} is empty when it is not installed, so a test can skip with a clear message.
 */
public final class PostgresCluster implements AutoCloseable {
  /** The superuser the cluster is created with. */
  public static final String USER = "faxgw";

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final Path bin;
  private final Path root;
  private final int port;
  private final String password;
  private final List<String> asUser;

  private PostgresCluster(Path bin, Path root, int port, String password, List<String> asUser) {
    this.bin = bin;
    this.root = root;
    this.port = port;
    this.password = password;
    this.asUser = asUser;
  }

  /** The folder holding {@code initdb} and {@code pg_ctl}, or empty when not installed. */
  public static Optional<Path> binaries() {
    Path lib = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(lib)) {
      try (Stream<Path> versions = Files.list(lib)) {
        Optional<Path> found =
            versions
                .map(v -> v.resolve("bin"))
                .filter(b -> Files.isExecutable(b.resolve("initdb")))
                .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                .max(Comparator.comparing(Path::toString));
        if (found.isPresent()) {
          return found;
        }
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Why the tests that need PostgreSQL are skipped. */
  public static String missingMessage() {
    return "PostgreSQL server binaries (initdb, pg_ctl under /usr/lib/postgresql/*/bin) are not"
        + " installed: install Debian's postgresql with bin/install-test-deps; skipping the"
        + " PostgreSQL tests";
  }

  /** Creates and starts a cluster; call only when {@link #binaries()} is present. */
  public static PostgresCluster start() throws IOException, InterruptedException {
    Path bin = binaries().orElseThrow(() -> new IllegalStateException(missingMessage()));
    Path root = Files.createTempDirectory("faxgw-pg");
    List<String> asUser = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      String user = userExists("postgres") ? "postgres" : "nobody";
      UserPrincipal owner =
          root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
      Files.setOwner(root, owner);
      asUser.addAll(List.of("runuser", "-u", user, "--"));
    }
    String password = "pw-" + Long.toHexString(System.nanoTime());
    int port = freePort();
    PostgresCluster c = new PostgresCluster(bin, root, port, password, asUser);
    c.initAndStart();
    return c;
  }

  private static boolean userExists(String name) throws IOException {
    return Files.readAllLines(Path.of("/etc/passwd")).stream()
        .anyMatch(l -> l.startsWith(name + ":"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private void initAndStart() throws IOException, InterruptedException {
    Path pwfile = root.resolve("pwfile");
    run(List.of("sh", "-c", "umask 077 && printf '%s\\n' \"$0\" > \"$1\"", password, pwfile + ""));
    ExternalTool.Result init =
        run(
            List.of(
                bin.resolve("initdb").toString(),
                "-D",
                data().toString(),
                "-U",
                USER,
                "--pwfile=" + pwfile,
                "--auth=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync"));
    check(init, "initdb");
    startServer();
  }

  private void startServer() throws IOException, InterruptedException {
    ExternalTool.Result start =
        run(
            List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                data().toString(),
                "-l",
                root.resolve("server.log").toString(),
                "-w",
                "-t",
                "60",
                "-o",
                "-c listen_addresses=127.0.0.1 -c port="
                    + port
                    + " -c unix_socket_directories="
                    + root
                    + " -c fsync=off -c max_connections=100",
                "start"));
    check(start, "pg_ctl start");
  }

  private Path data() {
    return root.resolve("data");
  }

  private ExternalTool.Result run(List<String> cmd) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(asUser);
    full.addAll(cmd);
    return ExternalTool.run(root, Map.of("PGPASSWORD", password), 120, full);
  }

  private void check(ExternalTool.Result r, String what) throws IOException {
    if (!r.ok()) {
      Path log = root.resolve("server.log");
      String server = Files.exists(log) ? Files.readString(log) : "";
      throw new IllegalStateException(what + " failed: " + r.output() + server);
    }
  }

  /** The port the server listens on, on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The password of {@link #USER}. */
  public String password() {
    return password;
  }

  /** The JDBC URL of a database of this cluster. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Creates a new empty database and returns its name. */
  public String createDatabase() throws IOException, InterruptedException {
    String name = "faxgw_" + DATABASES.incrementAndGet();
    ExternalTool.Result r =
        run(
            List.of(
                bin.resolve("createdb").toString(),
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-U",
                USER,
                name));
    check(r, "createdb " + name);
    return name;
  }

  /**
   * Stops the server (fast shutdown: open sessions are ended) and keeps its data, for a test of
   * what clients do while the database is away; {@link #startAgain} brings it back.
   */
  public void stop() throws IOException, InterruptedException {
    check(
        run(
            List.of(
                bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "stop")),
        "pg_ctl stop");
  }

  /** Starts the server stopped by {@link #stop} again, on the same port with the same data. */
  public void startAgain() throws IOException, InterruptedException {
    startServer();
  }

  /** Stops the server (fast shutdown) and removes its folder. */
  @Override
  public void close() throws IOException, InterruptedException {
    try {
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "stop"));
    } finally {
      try (Stream<Path> all = Files.walk(root)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
