package org.faxgw.gateway.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.faxgw.gateway.line.StoreOutage;
import org.faxgw.gateway.line.TestClock;
import org.faxgw.gateway.policy.OutboundGate;
import org.faxgw.gateway.policy.OutboundPolicy;
import org.faxgw.gateway.policy.OutboundRules;
import org.faxgw.gateway.policy.UsageLedger;
import org.faxgw.queue.DocumentSpool;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.FaxNumber;
import org.faxgw.queue.JobDocument;
import org.faxgw.queue.JobScheduler;
import org.faxgw.queue.JobState;
import org.faxgw.queue.JobStore;
import org.faxgw.queue.NewJob;
import org.faxgw.queue.SqliteJobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rendering as leased work (issue 18), two nodes on one job database (two stores on one SQLite
 * file), virtual time. A fake render engine stands in for the worker processes: node A's blocks
 * until the test lets it go, node B's renders at once on the calling thread. Heartbeats and sweeps
 * are called by the test, one per virtual second or five.
 */
class RenderLeaseTest {
  private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
  private static final Duration TTL = Duration.ofSeconds(60);

  @TempDir Path dir;
  private final TestClock clock = new TestClock(T0);
  private final List<AutoCloseable> open = new ArrayList<>();
  private final List<String> ended = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private JobStore node() {
    JobStore s = SqliteJobStore.open(dir.resolve("faxgw.db"));
    open.add(s);
    return s;
  }

  private RenderWorkers workers(
      String owner, JobStore store, RenderEngine engine, ExecutorService pool)
      throws java.io.IOException {
    RenderWorkers w =
        new RenderWorkers(
            engine,
            pool,
            store,
            new DocumentSpool(dir.resolve("spool")),
            new JobScheduler(true),
            j -> ended.add(j.state().label() + " " + j.id()),
            clock,
            new OutboundGate(new OutboundPolicy(OutboundRules.OPEN), new UsageLedger(store), clock),
            owner,
            TTL);
    open.add(w);
    return w;
  }

  private static FaxJob submit(JobStore store) {
    NewJob nj =
        new NewJob(
            "alice@example.com",
            new FaxNumber("+16045557977", "16045557977"),
            127,
            JobState.RENDERING,
            "Rendering",
            12,
            3,
            null,
            T0.plus(Duration.ofHours(3)),
            null,
            "failed",
            "fine",
            "Report",
            "m1",
            List.of(new JobDocument(JobDocument.DOCUMENT, "m1/a.pdf", "application/pdf", "a.pdf")),
            List.of());
    return store.submit(List.of(nj), T0, Duration.ofHours(1)).get(0);
  }

  /** Node A's engine: says it started, then waits until released, then renders 5 pages. */
  private static final class Blocking implements RenderEngine {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public JobRenderer.Rendered render(FaxJob job, JobRenderer.Progress progress) {
      started.countDown();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new JobRenderer.Rendered(5, "m1/fax-fine.tif");
    }
  }

  /** Node B's engine: 2 pages at once, counted. */
  private static final class Quick implements RenderEngine {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public JobRenderer.Rendered render(FaxJob job, JobRenderer.Progress progress) {
      calls.incrementAndGet();
      return new JobRenderer.Rendered(2, "m1/fax-fine.tif");
    }
  }

  /** Runs each task on the thread that submits it. */
  private static final class Direct extends AbstractExecutorService {
    private volatile boolean shut;

    @Override
    public void execute(Runnable r) {
      r.run();
    }

    @Override
    public void shutdown() {
      shut = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shut = true;
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return shut;
    }

    @Override
    public boolean isTerminated() {
      return shut;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }

  private static void awaitDone(ExecutorService pool) throws InterruptedException {
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("render thread finished").isTrue();
  }

  @Test
  void aDeadNodesRenderIsTakenOverByTheOtherNodesSweepAfterTheLeaseLapsesAndNotBefore()
      throws Exception {
    JobStore storeA = node();
    JobStore storeB = node();
    FaxJob j = submit(storeA);
    Blocking engineA = new Blocking();
    ExecutorService threadA = Executors.newSingleThreadExecutor();
    RenderWorkers a = workers("node-a", storeA, engineA, threadA);
    a.submit(j);
    assertThat(engineA.started.await(30, TimeUnit.SECONDS)).as("node A renders").isTrue();
    assertThat(a.renderLease(j.id())).contains(RenderLeases.Standing.HELD);

    // node A dies: no heartbeat from now on. Node B sweeps every 5 s.
    Quick engineB = new Quick();
    RenderWorkers b = workers("node-b", storeB, engineB, new Direct());
    for (int s = 5; s < 60; s += 5) {
      clock.advance(Duration.ofSeconds(5));
      assertThat(b.heartbeat()).isTrue();
      assertThat(b.sweep()).as("sweep at %d s", s).isZero();
    }
    assertThat(engineB.calls).hasValue(0);
    assertThat(storeB.find(j.id()).orElseThrow().state()).isEqualTo(JobState.RENDERING);

    clock.advance(Duration.ofSeconds(5)); // 60 s: node A's lease lapses
    assertThat(b.sweep()).isEqualTo(1);
    assertThat(engineB.calls).hasValue(1);
    FaxJob ready = storeB.find(j.id()).orElseThrow();
    assertThat(ready.state()).isEqualTo(JobState.READY);
    assertThat(ready.pages()).isEqualTo(2);
    assertThat(b.sweep()).isZero();

    // node A was not dead after all, only stalled: its result is refused by the fence
    engineA.release.countDown();
    awaitDone(threadA);
    FaxJob after = storeB.find(j.id()).orElseThrow();
    assertThat(after.state()).isEqualTo(JobState.READY);
    assertThat(after.pages()).isEqualTo(2);
    assertThat(a.renderLease(j.id())).isEmpty();
    assertThat(ended).isEmpty();
  }

  @Test
  void aLongRenderKeepsItsLeaseByHeartbeatAndNoOtherNodeTakesItOver() throws Exception {
    JobStore storeA = node();
    JobStore storeB = node();
    FaxJob j = submit(storeA);
    Blocking engineA = new Blocking();
    ExecutorService threadA = Executors.newSingleThreadExecutor();
    RenderWorkers a = workers("node-a", storeA, engineA, threadA);
    a.submit(j);
    assertThat(engineA.started.await(30, TimeUnit.SECONDS)).isTrue();
    Quick engineB = new Quick();
    RenderWorkers b = workers("node-b", storeB, engineB, new Direct());
    // five lease times of rendering on node A, which renews; node B sweeps every 5 s
    for (int s = 1; s <= 300; s++) {
      clock.advance(Duration.ofSeconds(1));
      assertThat(a.heartbeat()).isTrue();
      if (s % 5 == 0) {
        assertThat(b.sweep()).as("sweep at %d s", s).isZero();
      }
    }
    assertThat(engineB.calls).hasValue(0);
    engineA.release.countDown();
    awaitDone(threadA);
    FaxJob ready = storeB.find(j.id()).orElseThrow();
    assertThat(ready.state()).isEqualTo(JobState.READY);
    assertThat(ready.pages()).isEqualTo(5);
  }

  @Test
  void aNodeThatCannotRenewAbandonsItsRenderBeforeTheLeaseLapsesAndWritesNothing()
      throws Exception {
    AtomicBoolean down = new AtomicBoolean();
    JobStore storeA = StoreOutage.wrap(node(), down);
    JobStore storeB = node();
    FaxJob j = submit(storeB);
    Blocking engineA = new Blocking();
    ExecutorService threadA = Executors.newSingleThreadExecutor();
    RenderWorkers a = workers("node-a", storeA, engineA, threadA);
    a.submit(j);
    assertThat(engineA.started.await(30, TimeUnit.SECONDS)).isTrue();

    down.set(true); // node A's database stops answering
    Instant gaveUp = null;
    for (int s = 1; s <= 60 && gaveUp == null; s++) {
      clock.advance(Duration.ofSeconds(1));
      a.heartbeat();
      if (a.renderLease(j.id()).orElseThrow() != RenderLeases.Standing.HELD) {
        gaveUp = clock.instant();
      }
    }
    // given up before the lease could lapse, and not before renewals were tried from half of it
    assertThat(gaveUp).isNotNull();
    assertThat(a.renderLease(j.id())).contains(RenderLeases.Standing.FENCED);
    assertThat(gaveUp).isBefore(T0.plus(TTL));
    assertThat(gaveUp).isAfterOrEqualTo(T0.plus(TTL).minus(TTL.dividedBy(4)));

    // the render finishes, and is thrown away; node A stops (its retry would need the database)
    engineA.release.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (a.renderLease(j.id()).isPresent() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(a.renderLease(j.id())).isEmpty();
    a.close();
    FaxJob still = storeB.find(j.id()).orElseThrow();
    assertThat(still.state()).isEqualTo(JobState.RENDERING);
    assertThat(still.pages()).isZero();
    assertThat(still.tiff()).isNull();

    // node B takes the job up once node A's lease has lapsed
    Quick engineB = new Quick();
    RenderWorkers b = workers("node-b", storeB, engineB, new Direct());
    assertThat(b.sweep()).isZero();
    clock.advance(Duration.between(clock.instant(), T0.plus(TTL)));
    assertThat(b.sweep()).isEqualTo(1);
    assertThat(storeB.find(j.id()).orElseThrow().state()).isEqualTo(JobState.READY);
    assertThat(storeB.find(j.id()).orElseThrow().pages()).isEqualTo(2);
  }
}
