package org.faxgw.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a {@link JobStore} shared by several gateway nodes must guarantee (issue 18), on top of
 * {@link JobStoreContract}: every test runs two stores on the same data (two nodes) concurrently.
 */
public abstract class ClusterSafetyContract extends JobStoreContract {
  private static final Duration TTL = Duration.ofSeconds(60);
  private static final Duration DAY = Duration.ofHours(24);

  private FaxJob readyJobTo(String number) {
    FaxJob j = store.submit(List.of(job(number, null)), T0, DAY).get(0);
    assertThat(
            store.update(j.withRendered(1, "m1/fax.tif").withState(JobState.READY, ""), j.state()))
        .isTrue();
    return store.find(j.id()).orElseThrow();
  }

  /** Runs the tasks at once (released together by a barrier) and returns their results. */
  private static <T> List<T> together(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    CyclicBarrier start = new CyclicBarrier(tasks.size());
    try {
      List<Future<T>> fs = new ArrayList<>();
      for (Callable<T> t : tasks) {
        fs.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  return t.call();
                }));
      }
      List<T> out = new ArrayList<>();
      for (Future<T> f : fs) {
        out.add(f.get(60, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoNodesAcceptingTheSameMailAtOnceMakeOneJob() throws Exception {
    try (JobStore other = otherNode()) {
      for (int round = 0; round < 15; round++) {
        String mid = "<round-" + round + "@example.com>";
        List<List<FaxJob>> made =
            together(
                List.of(
                    () -> store.submit(List.of(job("+16045557977", mid)), T0, DAY),
                    () -> other.submit(List.of(job("+16045557977", mid)), T0, DAY),
                    () -> store.submit(List.of(job("+16045557977", mid)), T0, DAY),
                    () -> other.submit(List.of(job("+16045557977", mid)), T0, DAY)));
        assertThat(made.stream().mapToInt(List::size).sum()).as("round %d", round).isEqualTo(1);
      }
      List<FaxJob> all = store.list(EnumSet.allOf(JobState.class));
      assertThat(all).hasSize(15);
      assertThat(all).extracting(FaxJob::messageId).doesNotHaveDuplicates();
    }
  }

  @Test
  void theMessageIdGuardKeepsTheWindowAndOtherNumbers() throws Exception {
    try (JobStore other = otherNode()) {
      assertThat(store.submit(List.of(job("+16045557977", "<g@x>")), T0, DAY)).hasSize(1);
      // another node, within the window: no second job; another number: a job
      assertThat(other.submit(List.of(job("+16045557977", "<g@x>")), T0.plusSeconds(5), DAY))
          .isEmpty();
      assertThat(other.submit(List.of(job("+16045550000", "<g@x>")), T0.plusSeconds(5), DAY))
          .hasSize(1);
      // after the window (the guard row is pruned by then or touched again): a new job
      assertThat(
              other.submit(
                  List.of(job("+16045557977", "<g@x>")), T0.plus(Duration.ofHours(25)), DAY))
          .hasSize(1);
    }
  }

  /**
   * Each round, four claimers (two per node) each claim a different ready job at the same moment:
   * the jobs all go to one number, or to distinct numbers over a peer of {@code peerLines} lines.
   *
   * @return how many claims won, per round
   */
  private List<Integer> claimRacesOn(boolean oneNumber, int peerLines) throws Exception {
    List<Integer> wins = new ArrayList<>();
    try (JobStore other = otherNode()) {
      for (int round = 0; round < 12; round++) {
        String peer = "peer-" + round;
        List<Callable<Boolean>> claimers = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
          String number =
              oneNumber
                  ? String.format("+1604558%04d", round)
                  : String.format("+1604559%02d%02d", round, n);
          long id = readyJobTo(number).id();
          JobStore node = n % 2 == 0 ? store : other;
          String owner = "node-" + n;
          claimers.add(
              () -> node.claimWithinLimits(id, owner, peer, peerLines, T0, TTL).isPresent());
        }
        wins.add((int) together(claimers).stream().filter(w -> w).count());
      }
    }
    return wins;
  }

  @Test
  void claimsRacingForOneNumberOnTwoNodesHaveOneWinner() throws Exception {
    assertThat(claimRacesOn(true, 4)).containsOnly(1);
  }

  @Test
  void claimsRacingForAPeersLinesOnTwoNodesWinNoMoreThanItHas() throws Exception {
    assertThat(claimRacesOn(false, 2)).containsOnly(2);
  }

  @Test
  void twoNodesNeverCallOneNumberAtOnce() throws Exception {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ids.add(readyJobTo("+16045557977").id());
    }
    try (JobStore other = otherNode()) {
      List<Callable<List<JobLease>>> claimers = new ArrayList<>();
      for (int n = 0; n < 4; n++) {
        JobStore node = n % 2 == 0 ? store : other;
        String owner = "node-" + n;
        claimers.add(
            () -> {
              List<JobLease> won = new ArrayList<>();
              for (long id : ids) {
                node.claimWithinLimits(id, owner, "pbx", 8, T0, TTL).ifPresent(won::add);
              }
              return won;
            });
      }
      List<JobLease> won = together(claimers).stream().flatMap(List::stream).toList();
      assertThat(won).hasSize(1);
      JobLease first = won.get(0);
      long next = ids.stream().filter(id -> id != first.jobId()).findFirst().orElseThrow();
      // while the call holds its lease, no other job to the number is claimed by any node
      assertThat(other.claimWithinLimits(next, "node-b", "pbx", 8, T0.plusSeconds(30), TTL))
          .isEmpty();
      // the call ends: the next one may go
      FaxJob done = store.find(first.jobId()).orElseThrow().withState(JobState.DONE, "");
      assertThat(store.release(first, done)).isTrue();
      JobLease second =
          other.claimWithinLimits(next, "node-b", "pbx", 8, T0.plusSeconds(30), TTL).orElseThrow();
      // a lapsed lease (its node died) no longer blocks the number
      long third = ids.stream().filter(id -> id != first.jobId() && id != next).findFirst().get();
      assertThat(store.claimWithinLimits(third, "node-a", "pbx", 8, T0.plusSeconds(60), TTL))
          .isEmpty();
      assertThat(store.claimWithinLimits(third, "node-a", "pbx", 8, second.expiresAt(), TTL))
          .isPresent();
    }
  }

  @Test
  void twoNodesTogetherUseNoMoreLinesOfAPeerThanItHas() throws Exception {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(readyJobTo(String.format("+1604557%04d", i)).id());
    }
    try (JobStore other = otherNode()) {
      List<Callable<List<JobLease>>> claimers = new ArrayList<>();
      for (int n = 0; n < 4; n++) {
        JobStore node = n % 2 == 0 ? store : other;
        String owner = "node-" + n;
        claimers.add(
            () -> {
              List<JobLease> won = new ArrayList<>();
              for (long id : ids) {
                node.claimWithinLimits(id, owner, "pbx", 3, T0, TTL).ifPresent(won::add);
              }
              return won;
            });
      }
      List<JobLease> won = together(claimers).stream().flatMap(List::stream).toList();
      assertThat(won).hasSize(3);
      assertThat(won).extracting(JobLease::jobId).doesNotHaveDuplicates();
      List<Long> waiting =
          ids.stream().filter(id -> won.stream().noneMatch(l -> l.jobId() == id)).toList();
      // the peer's lines are all taken across the nodes; another peer's are not
      assertThat(other.claimWithinLimits(waiting.get(0), "node-b", "pbx", 3, T0, TTL)).isEmpty();
      assertThat(other.claimWithinLimits(waiting.get(0), "node-b", "pbx2", 1, T0, TTL)).isPresent();
      assertThat(store.claimWithinLimits(waiting.get(1), "node-a", "pbx2", 1, T0, TTL)).isEmpty();
      // one call ends (released on the other node): its line is free again
      JobLease ended = won.get(0);
      FaxJob sleeping =
          store.find(ended.jobId()).orElseThrow().withState(JobState.SLEEPING, "Busy");
      assertThat(other.release(ended, sleeping)).isTrue();
      // a job claimed again without a line (plain claim) holds none, though its row still names
      // the peer of its earlier call
      FaxJob again = sleeping.withState(JobState.READY, "");
      assertThat(store.update(again, JobState.SLEEPING)).isTrue();
      JobLease plain = store.claim(ended.jobId(), "node-a", T0, TTL).orElseThrow();
      assertThat(plain.token()).isGreaterThan(ended.token());
      // so the free line goes to one claim only
      assertThat(store.claimWithinLimits(waiting.get(1), "node-a", "pbx", 3, T0, TTL)).isPresent();
      assertThat(other.claimWithinLimits(waiting.get(2), "node-b", "pbx", 3, T0, TTL)).isEmpty();
      // lapsed leases give their lines back
      assertThat(other.claimWithinLimits(waiting.get(2), "node-b", "pbx", 3, T0.plus(TTL), TTL))
          .isPresent();
    }
  }
}
