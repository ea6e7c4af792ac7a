package org.faxgw.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.faxgw.gateway.line.ServeProcess;
import org.faxgw.testkit.PostgresCluster;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark (prints, asserts no timing): durable mail acceptance (250 only after the spool files
 * and the job are committed) of one node on SQLite, one node on PostgreSQL, and two nodes on one
 * PostgreSQL (issue 18's goal), measured in one run with the same mails: 4 SMTP clients (2 per node
 * with two nodes), a text mail of about 2 KB each, after a warm-up of 40 mails per node, three
 * batches of 100 mails per set-up; the median batch is reported. Two columns per set-up: mails/s
 * answered 250 (wall time of the batch), and CPU milliseconds per mail of the whole server side
 * (the gateways' JVMs and their render worker processes, plus PostgreSQL's processes where it is
 * used), read from /proc before and after each batch. Rendering (cheap for these mails) runs while
 * mails are accepted, in every set-up alike. On 2 shared cores the two-node figure is indicative
 * only. Run with {@code -Dfaxgw.bench=true -Dit.test=DurableAcceptanceBenchIT}.
 */
class DurableAcceptanceBenchIT {
  private static final int WARMUP = 40;
  private static final int BATCH = 100;
  private static final int BATCHES = 3;
  private static final int CLIENTS = 4;
  private static final long TICKS = 100; // USER_HZ, the unit of /proc/<pid>/stat times
  @TempDir Path dir;

  /** One set-up's figures: per batch, mails/s and CPU ms per mail. */
  record Figures(String name, double[] rate, double[] cpuMsPerMail) {
    double medianRate() {
      return median(rate);
    }

    double medianCpu() {
      return median(cpuMsPerMail);
    }
  }

  @Test
  void acceptanceOnSqliteOnePostgresqlNodeAndTwo() throws Exception {
    Assumptions.assumeTrue(
        Boolean.getBoolean("faxgw.bench"), "benchmark: run with -Dfaxgw.bench=true");
    Assumptions.assumeTrue(PostgresCluster.binaries().isPresent(), PostgresCluster::missingMessage);
    try (PostgresCluster pg = PostgresCluster.start()) {
      Figures sqlite = run("sqlite, 1 node", 1, null);
      Figures pg1 = run("postgresql, 1 node", 1, pg);
      Figures pg2 = run("postgresql, 2 nodes", 2, pg);
      for (Figures f : List.of(sqlite, pg1, pg2)) {
        System.out.printf(
            "DurableAcceptanceBenchIT %-20s mails/s %s median %.1f; CPU ms/mail %s median %.2f%n",
            f.name(),
            Arrays.toString(f.rate()),
            f.medianRate(),
            Arrays.toString(f.cpuMsPerMail()),
            f.medianCpu());
      }
      System.out.printf(
          "DurableAcceptanceBenchIT ratios (median batches): mails/s postgresql/sqlite (1 node)"
              + " %.2f, 2 nodes/1 node (postgresql) %.2f; CPU ms/mail postgresql/sqlite %.2f,"
              + " 2 nodes/1 node %.2f%n",
          pg1.medianRate() / sqlite.medianRate(),
          pg2.medianRate() / pg1.medianRate(),
          pg1.medianCpu() / sqlite.medianCpu(),
          pg2.medianCpu() / pg1.medianCpu());
    }
  }

  /** Starts {@code nodes} gateways (on {@code pg}, or each on SQLite when null) and measures. */
  private Figures run(String name, int nodes, PostgresCluster pg) throws Exception {
    Path base = Files.createDirectories(dir.resolve(name.replaceAll("[^a-z0-9]", "")));
    String database = pg == null ? null : pg.createDatabase();
    List<ServeProcess> gateways = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    try {
      for (int n = 0; n < nodes; n++) {
        Path d = Files.createDirectories(base.resolve("n" + n));
        int smtp = ClusterLab.tcpPort();
        String store =
            pg == null
                ? ""
                : """
                store:
                  type: postgresql
                  postgresql:
                    url: %s
                    user: %s
                    password: ${FAXGW_DB_PASSWORD}
                    poolSize: 6
                """
                    .formatted(pg.jdbcUrl(database), PostgresCluster.USER);
        Files.writeString(
            d.resolve("faxgw.yaml"),
            """
            dataDir: var
            smtp: {listen: "127.0.0.1:%d", maxConnections: 16}
            admin: {listen: "127.0.0.1:%d"}
            render: {workers: 1, resolution: normal}
            fax: {node: bench-%d}
            %s"""
                .formatted(smtp, ClusterLab.tcpPort(), n, store));
        gateways.add(
            new ServeProcess(
                ServeProcess.root().resolve("bin/faxgw") + " serve --config faxgw.yaml",
                d,
                pg == null
                    ? Map.of()
                    : Map.of("FAXGW_DB_PASSWORD", pg.password(), "FAXGW_JAVA_OPTS", "-Xmx384m")));
        ports.add(smtp);
      }
      AtomicInteger ids = new AtomicInteger();
      send(ports, WARMUP * nodes, ids, name);
      double[] rate = new double[BATCHES];
      double[] cpu = new double[BATCHES];
      for (int b = 0; b < BATCHES; b++) {
        long cpu0 = serverTicks(gateways, pg != null);
        long t0 = System.nanoTime();
        send(ports, BATCH, ids, name);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long cpu1 = serverTicks(gateways, pg != null);
        rate[b] = round(BATCH / seconds);
        cpu[b] = round((cpu1 - cpu0) * 1000.0 / TICKS / BATCH);
      }
      return new Figures(name, rate, cpu);
    } finally {
      for (ServeProcess g : gateways) {
        g.close();
      }
    }
  }

  /** Sends {@code count} mails over {@link #CLIENTS} connections spread over the nodes. */
  private static void send(List<Integer> ports, int count, AtomicInteger ids, String run)
      throws Exception {
    AtomicInteger left = new AtomicInteger(count);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<List<String>>> fs = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int port = ports.get(c % ports.size());
        fs.add(
            pool.submit(
                () -> {
                  List<String> refused = new ArrayList<>();
                  while (left.getAndDecrement() > 0) {
                    int i = ids.getAndIncrement();
                    SmtpClient.Reply r =
                        SmtpClient.send(
                            port, "bench@example.com", "6045557977@fax.local", mail(run, i));
                    if (!r.accepted()) {
                      refused.add(i + ": " + r);
                    }
                  }
                  return refused;
                }));
      }
      List<String> refused = new ArrayList<>();
      for (Future<List<String>> f : fs) {
        refused.addAll(f.get(10, TimeUnit.MINUTES));
      }
      assertThat(refused).as("every mail accepted").isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  /** A text mail of about 2 KB, its Message-ID unique in the run. */
  private static String mail(String run, int i) {
    StringBuilder body = new StringBuilder();
    for (int line = 0; line < 30; line++) {
      body.append("Line ").append(line).append(" of benchmark mail ").append(i).append(".\n");
    }
    return "From: bench@example.com\nTo: 6045557977@fax.local\nSubject: bench "
        + i
        + "\nMessage-ID: <bench-"
        + run.replaceAll("[^a-z0-9]", "")
        + "-"
        + i
        + "@example.com>\nMIME-Version: 1.0\nX-Fax-Cover: no\n"
        + "Content-Type: text/plain; charset=US-ASCII\n\n"
        + body;
  }

  /**
   * CPU time (user + system, in clock ticks) of the server side: each gateway's JVM and its live
   * child processes (render workers), plus, with PostgreSQL, every process of user postgres or
   * named postgres (the private cluster's server and backends).
   */
  private static long serverTicks(List<ServeProcess> gateways, boolean postgres)
      throws IOException {
    long sum = 0;
    List<Long> seen = new ArrayList<>();
    for (ServeProcess g : gateways) {
      List<Long> tree = new ArrayList<>(List.of(g.pid()));
      for (int i = 0; i < tree.size() && i < 1000; i++) {
        tree.addAll(children(tree.get(i)));
      }
      for (long pid : tree) {
        sum += ticks(pid);
        seen.add(pid);
      }
    }
    if (postgres) {
      try (var procs = Files.list(Path.of("/proc"))) {
        for (Path p : (Iterable<Path>) procs::iterator) {
          String n = p.getFileName().toString();
          if (!n.chars().allMatch(Character::isDigit) || seen.contains(Long.parseLong(n))) {
            continue;
          }
          try {
            if (Files.readString(p.resolve("comm")).strip().startsWith("postgres")) {
              sum += ticks(Long.parseLong(n));
            }
          } catch (IOException gone) {
            // the process ended meanwhile
          }
        }
      }
    }
    return sum;
  }

  private static List<Long> children(long pid) {
    List<Long> out = new ArrayList<>();
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        String text = Files.readString(t.resolve("children")).strip();
        if (!text.isEmpty()) {
          for (String c : text.split("\\s+")) {
            out.add(Long.parseLong(c));
          }
        }
      }
    } catch (IOException gone) {
      // the process ended meanwhile
    }
    return out;
  }

  /** utime + stime of one process (fields 14 and 15 of /proc/<pid>/stat), 0 when it is gone. */
  private static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
