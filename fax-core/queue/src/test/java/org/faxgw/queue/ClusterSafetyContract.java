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

  // Render leases (issue 18): a rendering job is rendered by the node holding its lease.

  private FaxJob renderingJob() {
    return store.submit(List.of(job("+16045557977", null)), T0, DAY).get(0);
  }

  @Test
  void twoNodesRacingToRenderOneJobHaveOneWinner() throws Exception {
    try (JobStore other = otherNode()) {
      for (int round = 0; round < 10; round++) {
        long id = renderingJob().id();
        List<Callable<Boolean>> claimers = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
          JobStore node = n % 2 == 0 ? store : other;
          String owner = "node-" + n;
          claimers.add(() -> node.claimRender(id, owner, T0, TTL).isPresent());
        }
        assertThat(together(claimers).stream().filter(b -> b).count())
            .as("round %d", round)
            .isEqualTo(1);
        // held: no other node lists it or claims it while the lease lives
        assertThat(other.unclaimedRenders(T0.plusSeconds(59), 100)).doesNotContain(id);
        assertThat(store.unclaimedRenders(T0.plusSeconds(59), 100)).doesNotContain(id);
        assertThat(other.claimRender(id, "node-x", T0.plusSeconds(59), TTL)).isEmpty();
        // a render lease is not a call's lease, and the job stays rendering
        assertThat(store.lease(id)).isEmpty();
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(JobState.RENDERING);
      }
    }
  }

  @Test
  void aLapsedRenderLeaseIsTakenOverWithALargerTokenAndTheOldHoldersWriteIsRefused()
      throws Exception {
    FaxJob j = renderingJob();
    assertThat(store.unclaimedRenders(T0, 100)).containsExactly(j.id());
    JobLease a = store.claimRender(j.id(), "node-a", T0, TTL).orElseThrow();
    assertThat(a.expiresAt()).isEqualTo(T0.plus(TTL));
    // node-a renews at 30 s: the lease now runs until 90 s
    a = store.renewRender(a, T0.plusSeconds(30), TTL).orElseThrow();
    assertThat(a.expiresAt()).isEqualTo(T0.plusSeconds(90));
    assertThat(store.writeRendered(a, j.withState(JobState.RENDERING, "rendering page 1")))
        .isTrue();
    try (JobStore other = otherNode()) {
      assertThat(other.unclaimedRenders(T0.plusSeconds(89), 100)).isEmpty();
      assertThat(other.claimRender(j.id(), "node-b", T0.plusSeconds(89), TTL)).isEmpty();
      // node-a died: its lease lapses and node-b takes the job over
      assertThat(other.unclaimedRenders(T0.plusSeconds(90), 100)).containsExactly(j.id());
      JobLease b = other.claimRender(j.id(), "node-b", T0.plusSeconds(90), TTL).orElseThrow();
      assertThat(b.token()).isGreaterThan(a.token());
      // node-a wakes up: it can neither renew nor write its result, nor fail the job
      FaxJob aResult = j.withRendered(5, "m1/fax-a.tif").withState(JobState.READY, "");
      assertThat(store.renewRender(a, T0.plusSeconds(91), TTL)).isEmpty();
      assertThat(store.writeRendered(a, aResult)).isFalse();
      assertThat(store.writeRendered(a, j.withState(JobState.FAILED, "stale"))).isFalse();
      // a stale token under the new owner's name is refused as well
      JobLease stale = new JobLease(j.id(), "node-b", a.token(), b.expiresAt());
      assertThat(store.writeRendered(stale, aResult)).isFalse();
      assertThat(store.find(j.id()).orElseThrow().state()).isEqualTo(JobState.RENDERING);
      // node-b's result is written; the lease ends with the rendering
      FaxJob bResult = j.withRendered(3, "m1/fax-fine.tif").withState(JobState.READY, "");
      assertThat(other.writeRendered(b, bResult)).isTrue();
      FaxJob ready = store.find(j.id()).orElseThrow();
      assertThat(ready.state()).isEqualTo(JobState.READY);
      assertThat(ready.pages()).isEqualTo(3);
      assertThat(ready.tiff()).isEqualTo("m1/fax-fine.tif");
      assertThat(store.writeRendered(b, bResult)).isFalse();
      assertThat(store.unclaimedRenders(T0.plusSeconds(200), 100)).isEmpty();
      // the call's claim after rendering fences the render lease's token too
      JobLease call = store.claim(j.id(), "node-a", T0.plusSeconds(100), TTL).orElseThrow();
      assertThat(call.token()).isGreaterThan(b.token());
      assertThat(store.lease(j.id())).contains(call);
    }
  }

  @Test
  void anOwnerThatStartedAgainTakesItsLiveRenderLeaseBackFencingTheOldOne() {
    FaxJob j = renderingJob();
    JobLease before = store.claimRender(j.id(), "node-a", T0, TTL).orElseThrow();
    assertThat(store.claimRender(j.id(), "node-b", T0.plusSeconds(1), TTL)).isEmpty();
    JobLease again = store.claimRender(j.id(), "node-a", T0.plusSeconds(1), TTL).orElseThrow();
    assertThat(again.token()).isGreaterThan(before.token());
    assertThat(store.writeRendered(before, j.withState(JobState.FAILED, "old"))).isFalse();
    assertThat(store.writeRendered(again, j.withState(JobState.FAILED, "Document conversion")))
        .isTrue();
    assertThat(store.claimRender(j.id(), "node-a", T0.plusSeconds(2), TTL)).isEmpty();
  }
}
