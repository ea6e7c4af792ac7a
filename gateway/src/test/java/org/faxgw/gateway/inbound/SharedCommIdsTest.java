package org.faxgw.gateway.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.faxgw.gateway.line.StoreOutage;
import org.faxgw.queue.JobStore;
import org.faxgw.queue.PostgresJobStore;
import org.faxgw.queue.PostgresSettings;
import org.faxgw.testkit.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CommIDs of two nodes on one real PostgreSQL (a private cluster, {@link PostgresCluster}), each
 * allocator keeping a block drawn ahead on its own I/O thread: a node whose database does not
 * answer still numbers its calls, and no number is ever given to two nodes.
 */
class SharedCommIdsTest {
  private static PostgresCluster cluster;
  @TempDir Path dir;

  @BeforeAll
  static void startCluster() throws Exception {
    Assumptions.assumeTrue(PostgresCluster.binaries().isPresent(), PostgresCluster::missingMessage);
    cluster = PostgresCluster.start();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Records the threads that draw from the sequence. */
  private static JobStore recording(JobStore real, Set<String> drawnOn) {
    return (JobStore)
        Proxy.newProxyInstance(
            JobStore.class.getClassLoader(),
            new Class<?>[] {JobStore.class},
            (proxy, method, args) -> {
              if (method.getName().startsWith("nextCommId")) {
                drawnOn.add(Thread.currentThread().getName());
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /** Waits until what was queued on the I/O thread so far has run. */
  private static void drain(ExecutorService io) throws Exception {
    io.submit(() -> {}).get(30, TimeUnit.SECONDS);
  }

  @Test
  void aNodeWhoseDatabaseIsAwayStillNumbersItsCallsWithIdsNoOtherNodeGets() throws Exception {
    String db = cluster.createDatabase();
    PostgresSettings settings =
        new PostgresSettings(
            cluster.jdbcUrl(db),
            PostgresCluster.USER,
            cluster.password(),
            2,
            PostgresSettings.LeaseClock.DATABASE);
    AtomicBoolean downA = new AtomicBoolean();
    Set<String> drawnOn = ConcurrentHashMap.newKeySet();
    ExecutorService ioA = Executors.newSingleThreadExecutor(r -> new Thread(r, "io-a"));
    ExecutorService ioB = Executors.newSingleThreadExecutor(r -> new Thread(r, "io-b"));
    try (PostgresJobStore realA = PostgresJobStore.open(settings);
        PostgresJobStore realB = PostgresJobStore.open(settings);
        PostgresJobStore third = PostgresJobStore.open(settings)) {
      CommIdAllocator a =
          CommIdAllocator.forStore(
              recording(StoreOutage.wrap(realA, downA), drawnOn), dir.resolve("a"), ioA);
      CommIdAllocator b =
          CommIdAllocator.forStore(recording(realB, drawnOn), dir.resolve("b"), ioB);
      drain(ioA);
      drain(ioB);
      assertThat(a.ahead()).isEqualTo(CommIdAllocator.AHEAD);
      assertThat(b.ahead()).isEqualTo(CommIdAllocator.AHEAD);
      List<String> given = new ArrayList<>();

      // node A's database stops answering: its calls take the numbers drawn ahead
      downA.set(true);
      for (int i = 0; i < CommIdAllocator.AHEAD; i++) {
        given.add(a.next());
        drain(ioA); // the refill it asks for fails, on the I/O thread
      }
      assertThatThrownBy(a::next).isInstanceOf(IOException.class);
      // meanwhile node B numbers its calls from the sequence, refilled when half are used
      for (int i = 0; i < 25; i++) {
        given.add(b.next());
        drain(ioB);
      }
      assertThat(b.ahead()).isGreaterThan(CommIdAllocator.AHEAD / 2);
      // A's database is back
      downA.set(false);
      for (int i = 0; i < 5; i++) {
        given.add(a.next());
      }
      drain(ioA);
      assertThat(given).hasSize(CommIdAllocator.AHEAD + 30).doesNotHaveDuplicates();
      assertThat(given).allMatch(id -> id.matches("\\d{9}"));
      // what the allocators hold ahead is theirs alone: a third node never draws any of it
      List<String> thirds = new ArrayList<>();
      for (long n : third.nextCommIds(5)) {
        thirds.add(String.format("%09d", n));
      }
      assertThat(thirds).doesNotContainAnyElementsOf(given);
      for (int i = 0; i < CommIdAllocator.AHEAD; i++) {
        given.add(a.next());
        given.add(b.next());
      }
      assertThat(given).doesNotHaveDuplicates().doesNotContainAnyElementsOf(thirds);
      // the sequence was drawn on the I/O threads, except when A had none left after the outage
      assertThat(drawnOn)
          .containsExactlyInAnyOrder("io-a", "io-b", Thread.currentThread().getName());
    } finally {
      ioA.shutdownNow();
      ioB.shutdownNow();
    }
  }
}
