package org.faxgw.gateway.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.faxgw.gateway.config.FaxLineConfig;
import org.faxgw.gateway.inbound.CommIdAllocator;
import org.faxgw.gateway.line.dispatch.Dispatcher;
import org.faxgw.gateway.line.dispatch.KillPoint;
import org.faxgw.gateway.line.dispatch.KillPoints;
import org.faxgw.gateway.line.dispatch.RetryPolicy;
import org.faxgw.gateway.line.send.CallRunner;
import org.faxgw.gateway.line.send.TaglineFormat;
import org.faxgw.queue.DocumentSpool;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.FaxNumber;
import org.faxgw.queue.JobDocument;
import org.faxgw.queue.JobLease;
import org.faxgw.queue.JobListener;
import org.faxgw.queue.JobState;
import org.faxgw.queue.JobStore;
import org.faxgw.queue.NewJob;
import org.faxgw.queue.PostgresJobStore;
import org.faxgw.queue.PostgresSettings;
import org.faxgw.queue.SqliteJobStore;
import org.faxgw.t30.Capabilities;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.FaxTiffWriter;
import org.faxgw.testkit.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 18's named kill points on a fake line, faster than real time: two sending nodes (each its
 * own dispatcher, call runner, fake IAX2 endpoint and lines, with different owner names) on one job
 * store, SQLite (two stores on one file) and a real PostgreSQL (two pools on one database, lease
 * expiry by the callers' virtual clock). Node A is killed at the point (its hook throws {@link
 * NodeKilled}; its objects are then abandoned: never ticked again, nothing released); node B,
 * ticking all along, must leave the job alone while A's lease holds, then requeue it and finish it
 * from the last committed page. The far end reads each confirmed page's job and number from the
 * image, so its count does not rest on the senders' bookkeeping. Time: one dispatcher pass and one
 * 20 ms audio tick per virtual second; the fake fax confirms one page per tick.
 */
class KillPointsTest {
  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  private static final Duration TTL = Duration.ofSeconds(60);
  private static final int PAGES = 5;

  /** Node A dies at this page's MCF (for {@link KillPoint#AFTER_PAGE_MCF}). */
  private static final int MCF_PAGE = 3;

  private static PostgresCluster postgres;

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();

  enum Store {
    SQLITE,
    POSTGRESQL
  }

  /** What a killed node throws from its hook: it stops there, as a process killed there would. */
  static final class NodeKilled extends Error {
    NodeKilled(KillPoint p) {
      super("node killed at " + p, null, false, false);
    }
  }

  static Stream<Arguments> points() {
    List<Arguments> out = new ArrayList<>();
    for (Store s : Store.values()) {
      for (KillPoint p : KillPoint.values()) {
        out.add(Arguments.of(s, p));
      }
    }
    return out.stream();
  }

  @AfterEach
  void closeStores() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("points")
  void aNodeKilledAtThePointIsTakenOverAfterItsLeaseLapsesAndNoPageIsSentTwiceButTheOneInFlight(
      Store kind, KillPoint point) throws Exception {
    JobStore storeA = openStore(kind);
    JobStore storeB = openStore(kind);
    Path spool = dir.resolve("spool");
    KillPoints killA =
        (p, jobId, page) -> {
          if (p == point && (p != KillPoint.AFTER_PAGE_MCF || page == MCF_PAGE)) {
            throw new NodeKilled(p);
          }
        };
    List<Instant> claimedByB = Collections.synchronizedList(new ArrayList<>());
    TestClock clock = new TestClock(T0);
    FarEnd farEnd = new FarEnd();
    Node a = new Node("node-a", storeA, dir.resolve("a"), spool, clock, farEnd, killA);
    Node b =
        new Node(
            "node-b",
            storeB,
            dir.resolve("b"),
            spool,
            clock,
            farEnd,
            (p, jobId, page) -> {
              if (p == KillPoint.AFTER_CLAIM) {
                claimedByB.add(clock.instant());
              }
            });
    FaxJob job = readyJob(storeA, spool, clock.instant());

    // A alone claims the job (B is not started yet, so that A is the one that gets it), then both
    // run until A dies at the point.
    a.step();
    JobLease leaseA = storeA.lease(job.id()).orElseThrow();
    assertThat(leaseA.owner()).isEqualTo("node-a");
    for (int s = 0; s < 30 && !a.dead; s++) {
      clock.advance(Duration.ofSeconds(1));
      a.step();
      b.step();
    }
    assertThat(a.dead).as("node A reached %s", point).isTrue();
    assertThat(a.notices).isEmpty();
    int committed = storeB.find(job.id()).orElseThrow().progress().pagesConfirmed();
    int expectCommitted =
        switch (point) {
          case AFTER_CLAIM, AFTER_DIAL -> 0;
          case AFTER_PAGE_MCF -> MCF_PAGE - 1; // page 3's MCF came, its checkpoint did not
          case BEFORE_COMMIT -> PAGES; // every page's checkpoint came before the call's end
        };
    assertThat(committed).as("pages committed by node A").isEqualTo(expectCommitted);
    List<Integer> beforeTakeOver = farEnd.confirmed(job.id());
    assertThat(beforeTakeOver)
        .as("pages the far end confirmed to node A")
        .hasSize(point == KillPoint.AFTER_PAGE_MCF ? MCF_PAGE : committed);

    // B ticks every second: while A's lease holds, it neither claims nor dials.
    while (clock.instant().plusSeconds(1).isBefore(leaseA.expiresAt())) {
      clock.advance(Duration.ofSeconds(1));
      b.step();
      assertThat(claimedByB).as("B claimed while A's lease held").isEmpty();
      assertThat(storeB.lease(job.id())).contains(leaseA);
      assertThat(storeB.find(job.id()).orElseThrow().state()).isEqualTo(JobState.ACTIVE);
    }
    assertThat(b.endpoint.dialled).isEmpty();
    for (int s = 0; s < 60 && storeB.find(job.id()).orElseThrow().state() != JobState.DONE; s++) {
      clock.advance(Duration.ofSeconds(1));
      b.step();
    }
    assertThat(claimedByB).as("B took the job over once, as soon as A's lease lapsed").hasSize(1);
    assertThat(claimedByB.get(0)).isEqualTo(leaseA.expiresAt());

    FaxJob done = storeB.find(job.id()).orElseThrow();
    assertThat(done.state()).isEqualTo(JobState.DONE);
    assertThat(done.progress().pagesConfirmed()).isEqualTo(PAGES);
    assertThat(b.notices).containsExactly("done " + job.id());
    assertThat(storeB.lease(job.id())).isEmpty();

    // What the far end received, in order: every page once, but for the page whose MCF was not
    // committed (AFTER_PAGE_MCF), which B sends again.
    List<Integer> expected =
        switch (point) {
          case AFTER_CLAIM, AFTER_DIAL, BEFORE_COMMIT -> List.of(1, 2, 3, 4, 5);
          case AFTER_PAGE_MCF -> List.of(1, 2, 3, 3, 4, 5);
        };
    assertThat(farEnd.confirmed(job.id())).isEqualTo(expected);
    // BEFORE_COMMIT: B finds every page committed and ends the job without a call
    assertThat(b.endpoint.dialled).hasSize(point == KillPoint.BEFORE_COMMIT ? 0 : 1);

    // B's session log says that it resumed a call cut short, and what may have been sent twice.
    String logB = sessionLogs(dir.resolve("b/log"));
    switch (point) {
      case AFTER_CLAIM, AFTER_DIAL -> assertThat(logB).doesNotContain("RESUME");
      case AFTER_PAGE_MCF ->
          assertThat(logB)
              .contains(
                  "RESUMED after node-a's lease lapsed at page 2 (Requeued after an interrupted"
                      + " call): page 3 may have reached the far end already (sent again: its"
                      + " confirmation was not committed)");
      case BEFORE_COMMIT ->
          assertThat(logB)
              .contains(
                  "RESUMED after node-a's lease lapsed at page 5 (Requeued after an interrupted"
                      + " call): every page was confirmed and committed, nothing is sent again");
    }
  }

  private JobStore openStore(Store kind) throws Exception {
    JobStore s;
    if (kind == Store.SQLITE) {
      s = SqliteJobStore.open(dir.resolve("faxgw.db"));
    } else {
      s = PostgresJobStore.open(postgresSettings());
    }
    open.add(s::close);
    return s;
  }

  private String database;

  private PostgresSettings postgresSettings() throws Exception {
    if (postgres == null) {
      Assumptions.assumeTrue(
          PostgresCluster.binaries().isPresent(), PostgresCluster::missingMessage);
      postgres = PostgresCluster.start();
    }
    if (database == null) {
      database = postgres.createDatabase();
    }
    return new PostgresSettings(
        postgres.jdbcUrl(database),
        PostgresCluster.USER,
        postgres.password(),
        2,
        PostgresSettings.LeaseClock.CALLER);
  }

  /** A ready job of {@link #PAGES} pages, its TIFF in the shared spool. */
  private static FaxJob readyJob(JobStore store, Path spool, Instant now) throws IOException {
    NewJob nj =
        new NewJob(
            "alice@example.com",
            new FaxNumber("+16045557977", "16045557977"),
            127,
            JobState.RENDERING,
            "",
            12,
            3,
            null,
            now.plus(Duration.ofHours(3)),
            null,
            "failed",
            "fine",
            "",
            "m",
            List.of(new JobDocument(JobDocument.DOCUMENT, "m/a.pdf", "application/pdf", "a.pdf")),
            List.of());
    FaxJob j = store.submit(List.of(nj), now, Duration.ofHours(1)).get(0);
    // written as the renderer writes it: through the spool (shared with store: postgresql)
    Files.createDirectories(spool.resolve("m"));
    String tiff;
    try (DocumentSpool.SpoolFile f =
        new DocumentSpool(spool, store.sharedFiles()).create("m", "job" + j.id() + ".tif")) {
      f.out().write(FaxTiffWriter.write(FarEnd.pages(j.id(), PAGES), FaxCompression.MMR));
      tiff = f.commit();
    }
    store.update(j.withRendered(PAGES, tiff).withState(JobState.READY, ""), JobState.RENDERING);
    return store.find(j.id()).orElseThrow();
  }

  private static String sessionLogs(Path logDir) throws IOException {
    if (!Files.isDirectory(logDir)) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> files = Files.list(logDir)) {
      for (Path f : files.sorted().toList()) {
        sb.append(Files.readString(f));
      }
    }
    return sb.toString();
  }

  /** One sending node, wired as {@code faxgw serve} wires it, over the fakes. */
  private static final class Node {
    final FakeEndpoint endpoint = new FakeEndpoint(Set.of("pbx"));
    final Dispatcher dispatcher;
    final List<String> notices = Collections.synchronizedList(new ArrayList<>());
    boolean dead;

    Node(
        String owner,
        JobStore store,
        Path dataDir,
        Path spool,
        TestClock clock,
        FarEnd farEnd,
        KillPoints killPoints)
        throws IOException {
      LinePool lines =
          LinePool.of(
              new FaxLineConfig(
                  "+1 604 555 0199",
                  Map.of(),
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  List.of(new FaxLineConfig.LineSpec("pbx", 2, "both", ""))));
      Executor direct = Runnable::run;
      CallRunner runner =
          new CallRunner(
              endpoint,
              farEnd.terminalsFor(new FakeTerminals()),
              store,
              CommIdAllocator.forStore(store, dataDir),
              new XferLog(dataDir.resolve("xferfaxlog")),
              new CallRunner.Settings(
                  "+1 604 555 0199",
                  Map.of(),
                  new TaglineFormat(FaxLineConfig.DEFAULT_TAGLINE),
                  new DocumentSpool(spool, store.sharedFiles()),
                  dataDir.resolve("log")),
              direct,
              clock);
      runner.killPoints(killPoints);
      JobListener listener =
          new JobListener() {
            @Override
            public void jobEnded(FaxJob job) {
              notices.add(job.state().label() + " " + job.id());
            }

            @Override
            public void jobRequeued(FaxJob job) {
              notices.add("requeued " + job.id());
            }
          };
      this.dispatcher =
          new Dispatcher(
              store,
              lines,
              runner,
              RetryPolicy.hylafax(),
              Capabilities.full(),
              listener,
              clock,
              owner,
              TTL,
              Duration.ofMinutes(30),
              direct);
      dispatcher.killPoints(killPoints);
    }

    /** One dispatcher pass and one audio tick, unless the node was killed. */
    void step() {
      if (dead) {
        return;
      }
      try {
        dispatcher.tick();
        endpoint.tick(1);
      } catch (NodeKilled e) {
        dead = true; // abandoned from here on
      }
    }
  }
}
