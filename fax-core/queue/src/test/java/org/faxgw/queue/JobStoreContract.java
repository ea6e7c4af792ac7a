package org.faxgw.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobStore} must do. A store's test extends this and supplies {@link #newStore()}
 * (and {@link #reopen()} for durability).
 */
public abstract class JobStoreContract {
  protected static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
  protected JobStore store;

  /** A fresh, empty store. */
  protected abstract JobStore newStore() throws Exception;

  /** Closes {@link #store} and opens the same data again. */
  protected abstract JobStore reopen() throws Exception;

  /**
   * A second store on the same data, as a second gateway node would open it; the test closes it.
   */
  protected abstract JobStore otherNode() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  protected static NewJob job(String number, String messageId) {
    return new NewJob(
        "alice@example.com",
        new FaxNumber(number, "1" + number.substring(2)),
        127,
        JobState.RENDERING,
        "Rendering",
        12,
        3,
        null,
        T0.plus(Duration.ofHours(3)),
        messageId,
        "failed",
        "fine",
        "Quarterly report",
        "m1",
        List.of(
            new JobDocument(JobDocument.COVER, "m1/body.txt", "text/plain", "body.txt"),
            new JobDocument(JobDocument.DOCUMENT, "m1/part-1.pdf", "application/pdf", "a.pdf")),
        List.of("part 3 (application/zip, x.zip): cannot fax this type"));
  }

  @Test
  void submittedJobsShouldComeBackWithEveryField() {
    List<FaxJob> created =
        store.submit(List.of(job("+16045557977", "<a@b>")), T0, Duration.ofHours(24));
    assertThat(created).hasSize(1);
    FaxJob j = store.find(created.get(0).id()).orElseThrow();
    assertThat(j.groupId()).isEqualTo(j.id());
    assertThat(j.owner()).isEqualTo("alice@example.com");
    assertThat(j.number()).isEqualTo("+16045557977");
    assertThat(j.dialString()).isEqualTo("16045557977");
    assertThat(j.state()).isEqualTo(JobState.RENDERING);
    assertThat(j.priority()).isEqualTo(127);
    assertThat(j.maxDials()).isEqualTo(12);
    assertThat(j.maxTries()).isEqualTo(3);
    assertThat(j.killTime()).isEqualTo(T0.plus(Duration.ofHours(3)));
    assertThat(j.submitted()).isEqualTo(T0);
    assertThat(j.timeToSend()).isNull();
    assertThat(j.subject()).isEqualTo("Quarterly report");
    assertThat(j.documents())
        .extracting(JobDocument::path)
        .containsExactly("m1/body.txt", "m1/part-1.pdf");
    assertThat(j.unfaxable())
        .containsExactly("part 3 (application/zip, x.zip): cannot fax this type");
  }

  @Test
  void jobsSubmittedTogetherShareOneGroup() {
    List<FaxJob> created =
        store.submit(
            List.of(
                job("+16045550001", null), job("+16045550002", null), job("+16045550003", null)),
            T0,
            Duration.ofHours(24));
    assertThat(created).hasSize(3);
    assertThat(created).extracting(FaxJob::groupId).containsOnly(created.get(0).id());
    assertThat(created.get(1).id()).isGreaterThan(created.get(0).id());
    assertThat(store.group(created.get(0).id())).containsExactlyElementsOf(created);
  }

  @Test
  void sameMessageIdToSameNumberWithinTheWindowMakesNoSecondJob() {
    store.submit(List.of(job("+16045557977", "<m@x>")), T0, Duration.ofHours(24));
    List<FaxJob> again =
        store.submit(
            List.of(job("+16045557977", "<m@x>"), job("+16045550000", "<m@x>")),
            T0.plus(Duration.ofHours(23)),
            Duration.ofHours(24));
    assertThat(again).extracting(FaxJob::number).containsExactly("+16045550000");
    List<FaxJob> later =
        store.submit(
            List.of(job("+16045557977", "<m@x>")),
            T0.plus(Duration.ofHours(25)),
            Duration.ofHours(24));
    assertThat(later).hasSize(1);
  }

  @Test
  void updateIsConditionalOnTheState() {
    FaxJob j = store.submit(List.of(job("+16045557977", null)), T0, Duration.ofHours(24)).get(0);
    FaxJob rendered =
        j.withRendered(4, "m1/fax.tif").withState(JobState.READY, "Waiting for a fax line");
    assertThat(store.update(rendered, JobState.RENDERING)).isTrue();
    assertThat(store.update(rendered.withState(JobState.FAILED, "x"), JobState.RENDERING))
        .isFalse();
    FaxJob back = store.find(j.id()).orElseThrow();
    assertThat(back.state()).isEqualTo(JobState.READY);
    assertThat(back.pages()).isEqualTo(4);
    assertThat(back.tiff()).isEqualTo("m1/fax.tif");
    assertThat(back.status()).isEqualTo("Waiting for a fax line");
  }

  @Test
  void listFiltersByStateInIdOrder() {
    List<FaxJob> c =
        store.submit(
            List.of(job("+16045550001", null), job("+16045550002", null)), T0, Duration.ofHours(1));
    store.update(c.get(1).withState(JobState.FAILED, "bad"), JobState.RENDERING);
    assertThat(store.list(EnumSet.of(JobState.RENDERING)))
        .extracting(FaxJob::id)
        .containsExactly(c.get(0).id());
    assertThat(store.list(JobState.DONE_QUEUE))
        .extracting(FaxJob::id)
        .containsExactly(c.get(1).id());
    assertThat(store.list(EnumSet.allOf(JobState.class))).hasSize(2);
  }

  @Test
  void deleteRemovesTheJobAndTellsWhatItWas() {
    List<FaxJob> c =
        store.submit(
            List.of(job("+16045550001", null), job("+16045550002", null)), T0, Duration.ofHours(1));
    assertThat(store.isReferenced("m1/part-1.pdf", c.get(0).id())).isTrue();
    FaxJob gone = store.delete(c.get(0).id()).orElseThrow();
    assertThat(gone.documents()).hasSize(2);
    assertThat(store.find(c.get(0).id())).isEmpty();
    assertThat(store.delete(c.get(0).id())).isEmpty();
    assertThat(store.isReferenced("m1/part-1.pdf", c.get(1).id())).isFalse();
    assertThat(store.isReferenced("m1", c.get(1).id())).isFalse();
    assertThat(store.isReferenced("m1", -1)).isTrue();
    assertThat(store.spoolFolders()).containsExactly("m1");
  }

  @Test
  void committedJobsSurviveReopening() throws Exception {
    FaxJob j = store.submit(List.of(job("+16045557977", "<d@x>")), T0, Duration.ofHours(24)).get(0);
    store = reopen();
    assertThat(store.find(j.id())).contains(j);
  }

  @Test
  void concurrentSubmissionsLoseNothing() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<FaxJob>>> fs = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String n = String.format("+1604555%04d", i);
        fs.add(
            pool.submit(
                () -> store.submit(List.of(job(n, "<" + n + ">")), T0, Duration.ofHours(24))));
      }
      for (Future<List<FaxJob>> f : fs) {
        assertThat(f.get(30, TimeUnit.SECONDS)).hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.list(EnumSet.allOf(JobState.class))).hasSize(40);
  }

  private FaxJob readyJob(String number) {
    FaxJob j = store.submit(List.of(job(number, null)), T0, Duration.ofHours(24)).get(0);
    FaxJob ready = j.withRendered(3, "m1/fax.tif").withState(JobState.READY, "");
    assertThat(store.update(ready, JobState.RENDERING)).isTrue();
    return store.find(j.id()).orElseThrow();
  }

  @Test
  void claimMakesTheJobActiveForOneOwnerOnly() {
    FaxJob j = readyJob("+16045557977");
    JobLease a = store.claim(j.id(), "node-a", T0, Duration.ofSeconds(60)).orElseThrow();
    assertThat(a.owner()).isEqualTo("node-a");
    assertThat(a.expiresAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(store.claim(j.id(), "node-b", T0, Duration.ofSeconds(60))).isEmpty();
    assertThat(store.find(j.id()).orElseThrow().state()).isEqualTo(JobState.ACTIVE);
    assertThat(store.lease(j.id())).contains(a);
    assertThat(store.claim(999_999, "node-a", T0, Duration.ofSeconds(60))).isEmpty();
  }

  @Test
  void renewExtendsALiveLeaseAndRefusesALapsedOne() {
    FaxJob j = readyJob("+16045557977");
    JobLease a = store.claim(j.id(), "node-a", T0, Duration.ofSeconds(60)).orElseThrow();
    JobLease b = store.renew(a, T0.plusSeconds(30), Duration.ofSeconds(60)).orElseThrow();
    assertThat(b.expiresAt()).isEqualTo(T0.plusSeconds(90));
    assertThat(b.token()).isEqualTo(a.token());
    assertThat(store.renew(b, T0.plusSeconds(90), Duration.ofSeconds(60))).isEmpty();
    assertThat(
            store.renew(
                new JobLease(j.id(), "node-b", b.token(), b.expiresAt()),
                T0,
                Duration.ofSeconds(1)))
        .isEmpty();
  }

  @Test
  void releaseWritesTheOutcomeAndProgressAndEndsTheLease() {
    FaxJob j = readyJob("+16045557977");
    JobLease a = store.claim(j.id(), "node-a", T0, Duration.ofSeconds(60)).orElseThrow();
    JobProgress p = new JobProgress(2, 14400, "MMR", true, "+1 555 0100", 61_000, "000000007", "");
    FaxJob running = j.withState(JobState.ACTIVE, "Sending page 3/3").withCalls(1, 1, null);
    assertThat(store.checkpoint(a, running.withProgress(p))).isTrue();
    FaxJob mid = store.find(j.id()).orElseThrow();
    assertThat(mid.state()).isEqualTo(JobState.ACTIVE);
    assertThat(mid.status()).isEqualTo("Sending page 3/3");
    assertThat(mid.progress()).isEqualTo(p);
    JobProgress last =
        new JobProgress(2, 9600, "MR", false, "+1 555 0100", 70_000, "000000007", "No carrier");
    FaxJob sleeping =
        running
            .withState(JobState.SLEEPING, "No carrier")
            .withCalls(1, 1, T0.plusSeconds(300))
            .withProgress(last);
    assertThat(store.release(a, sleeping)).isTrue();
    FaxJob back = store.find(j.id()).orElseThrow();
    assertThat(back.state()).isEqualTo(JobState.SLEEPING);
    assertThat(back.timeToSend()).isEqualTo(T0.plusSeconds(300));
    assertThat(back.dials()).isEqualTo(1);
    assertThat(back.tries()).isEqualTo(1);
    assertThat(back.progress()).isEqualTo(last);
    assertThat(store.lease(j.id())).isEmpty();
    assertThat(store.release(a, sleeping.withState(JobState.DONE, ""))).isFalse();
  }

  @Test
  void aLapsedLeaseIsFencedOffOnceTheJobIsClaimedAgain() {
    FaxJob j = readyJob("+16045557977");
    JobLease a = store.claim(j.id(), "node-a", T0, Duration.ofSeconds(60)).orElseThrow();
    assertThat(store.requeueExpired(T0.plusSeconds(59), null, "x")).isEmpty();
    List<FaxJob> requeued = store.requeueExpired(T0.plusSeconds(60), null, "Requeued");
    assertThat(requeued).extracting(FaxJob::id).containsExactly(j.id());
    assertThat(store.find(j.id()).orElseThrow().state()).isEqualTo(JobState.READY);
    JobLease b =
        store.claim(j.id(), "node-b", T0.plusSeconds(61), Duration.ofSeconds(60)).orElseThrow();
    assertThat(b.token()).isGreaterThan(a.token());
    FaxJob done = j.withState(JobState.DONE, "");
    assertThat(store.checkpoint(a, done)).isFalse();
    assertThat(store.release(a, done)).isFalse();
    assertThat(store.renew(a, T0.plusSeconds(61), Duration.ofSeconds(60))).isEmpty();
    assertThat(store.release(b, done)).isTrue();
    assertThat(store.find(j.id()).orElseThrow().state()).isEqualTo(JobState.DONE);
  }

  @Test
  void aRequeuedJobsStatusNamesTheOwnerWhoseLeaseLapsed() {
    FaxJob a = readyJob("+16045557977");
    FaxJob b = readyJob("+16045557978");
    store.claim(a.id(), "node-a", T0, Duration.ofSeconds(60)).orElseThrow();
    store.claim(b.id(), "node-b", T0, Duration.ofSeconds(60)).orElseThrow();
    List<FaxJob> back =
        store.requeueExpired(
            T0.plusSeconds(60), null, "Requeued (lease of " + JobStore.LEASE_OWNER + ")");
    assertThat(back)
        .extracting(FaxJob::status)
        .containsExactly("Requeued (lease of node-a)", "Requeued (lease of node-b)");
    assertThat(store.find(b.id()).orElseThrow().status()).isEqualTo("Requeued (lease of node-b)");
    assertThat(store.find(a.id()).orElseThrow().state()).isEqualTo(JobState.READY);
  }

  @Test
  void aRestartedOwnerGetsItsJobsBackAtOnceKeepingTheirProgress() {
    FaxJob j = readyJob("+16045557977");
    JobLease a = store.claim(j.id(), "node-a", T0, Duration.ofSeconds(60)).orElseThrow();
    JobProgress p = new JobProgress(1, 14400, "MMR", true, "", 0, "000000003", "");
    store.checkpoint(
        a, j.withState(JobState.ACTIVE, "Sending").withCalls(1, 1, null).withProgress(p));
    assertThat(store.requeueExpired(T0.plusSeconds(1), "node-b", "x")).isEmpty();
    List<FaxJob> back = store.requeueExpired(T0.plusSeconds(1), "node-a", "Requeued after restart");
    assertThat(back).hasSize(1);
    FaxJob r = store.find(j.id()).orElseThrow();
    assertThat(r.state()).isEqualTo(JobState.READY);
    assertThat(r.status()).isEqualTo("Requeued after restart");
    assertThat(r.progress().pagesConfirmed()).isEqualTo(1);
    assertThat(r.dials()).isEqualTo(1);
  }

  @Test
  void concurrentClaimsOfOneJobHaveOneWinner() throws Exception {
    FaxJob j = readyJob("+16045557977");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> fs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String owner = "node-" + i;
        fs.add(
            pool.submit(() -> store.claim(j.id(), owner, T0, Duration.ofSeconds(60)).isPresent()));
      }
      int wins = 0;
      for (Future<Boolean> f : fs) {
        wins += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(wins).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoNodesClaimingTheSameReadyJobsClaimEachJobOnce() throws Exception {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(readyJob(String.format("+1604556%04d", i)).id());
    }
    try (JobStore other = otherNode()) {
      List<JobStore> nodes = List.of(store, other, store, other);
      ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
      try {
        List<Future<List<JobLease>>> fs = new ArrayList<>();
        for (int n = 0; n < nodes.size(); n++) {
          JobStore node = nodes.get(n);
          String owner = "node-" + n;
          fs.add(
              pool.submit(
                  () -> {
                    List<JobLease> won = new ArrayList<>();
                    for (long id : ids) {
                      node.claim(id, owner, T0, Duration.ofSeconds(60)).ifPresent(won::add);
                    }
                    return won;
                  }));
        }
        List<JobLease> all = new ArrayList<>();
        for (Future<List<JobLease>> f : fs) {
          all.addAll(f.get(60, TimeUnit.SECONDS));
        }
        assertThat(all).extracting(JobLease::jobId).containsExactlyInAnyOrderElementsOf(ids);
        for (JobLease l : all) {
          assertThat(other.lease(l.jobId())).contains(l);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aStaleFencingTokenIsRefusedByTheOtherNode() throws Exception {
    FaxJob j = readyJob("+16045557977");
    JobLease a = store.claim(j.id(), "node-a", T0, Duration.ofSeconds(60)).orElseThrow();
    try (JobStore other = otherNode()) {
      assertThat(other.requeueExpired(T0.plusSeconds(61), null, "Requeued")).hasSize(1);
      JobLease b =
          other.claim(j.id(), "node-b", T0.plusSeconds(61), Duration.ofSeconds(60)).orElseThrow();
      assertThat(b.token()).isEqualTo(a.token() + 1);
      JobLease staleSameOwner = new JobLease(j.id(), "node-b", a.token(), b.expiresAt());
      FaxJob failed = j.withState(JobState.FAILED, "stale writer");
      assertThat(store.checkpoint(staleSameOwner, failed)).isFalse();
      assertThat(store.release(staleSameOwner, failed)).isFalse();
      assertThat(store.release(a, failed)).isFalse();
      assertThat(store.find(j.id()).orElseThrow().state()).isEqualTo(JobState.ACTIVE);
      assertThat(store.lease(j.id())).contains(b);
    }
  }

  @Test
  void reservedIdsAreDistinctAcrossNodesAndTakenByTheirSubmissionOnly() throws Exception {
    long before = store.submit(List.of(job("+16045550001", null)), T0, Duration.ZERO).get(0).id();
    List<Long> reserved = new ArrayList<>();
    try (JobStore other = otherNode()) {
      List<JobStore> nodes = List.of(store, other, store, other);
      ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
      try {
        List<Future<List<Long>>> fs = new ArrayList<>();
        for (JobStore node : nodes) {
          fs.add(
              pool.submit(
                  () -> {
                    List<Long> got = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                      got.add(node.reserveId());
                    }
                    return got;
                  }));
        }
        for (Future<List<Long>> f : fs) {
          reserved.addAll(f.get(60, TimeUnit.SECONDS));
        }
      } finally {
        pool.shutdownNow();
      }
    }
    assertThat(reserved).doesNotHaveDuplicates().hasSize(40).allMatch(id -> id > before);
    // a job submitted without a reservation does not take a reserved id
    long plain = store.submit(List.of(job("+16045550002", null)), T0, Duration.ZERO).get(0).id();
    assertThat(reserved).doesNotContain(plain);
    // the submission naming a reserved id gets it, in a group of its own
    long mine = reserved.get(17);
    List<FaxJob> made =
        store.submit(
            List.of(job("+16045550003", null), job("+16045550004", null)), T0, Duration.ZERO, mine);
    assertThat(made.get(0).id()).isEqualTo(mine);
    assertThat(made.get(0).groupId()).isEqualTo(mine);
    assertThat(made.get(1).groupId()).isEqualTo(mine);
    assertThat(reserved).doesNotContain(made.get(1).id());
    assertThat(store.find(mine)).isPresent();
  }

  @Test
  void alterChangesTheParametersIfTheStateIsStillExpected() {
    FaxJob j = readyJob("+16045557977");
    Instant kill = T0.plus(Duration.ofHours(9));
    FaxJob changed =
        j.withParameters(10, 5, 2, T0.plusSeconds(600), kill, "done")
            .withState(JobState.SUSPENDED, "Suspended by alice");
    assertThat(store.alter(changed, JobState.PENDING)).isFalse();
    assertThat(store.alter(changed, JobState.READY)).isTrue();
    FaxJob back = store.find(j.id()).orElseThrow();
    assertThat(back.state()).isEqualTo(JobState.SUSPENDED);
    assertThat(back.status()).isEqualTo("Suspended by alice");
    assertThat(back.priority()).isEqualTo(10);
    assertThat(back.maxDials()).isEqualTo(5);
    assertThat(back.maxTries()).isEqualTo(2);
    assertThat(back.timeToSend()).isEqualTo(T0.plusSeconds(600));
    assertThat(back.killTime()).isEqualTo(kill);
    assertThat(back.notifyWhen()).isEqualTo("done");
    assertThat(back.pages()).isEqualTo(3);
  }

  @Test
  void anActiveJobSuspendedByAlterLosesItsLease() {
    FaxJob j = readyJob("+16045557977");
    JobLease l = store.claim(j.id(), "node-a", T0, Duration.ofSeconds(60)).orElseThrow();
    FaxJob active = store.find(j.id()).orElseThrow();
    assertThat(store.alter(active.withState(JobState.SUSPENDED, "Interrupted"), JobState.ACTIVE))
        .isTrue();
    assertThat(store.renew(l, T0.plusSeconds(10), Duration.ofSeconds(60))).isEmpty();
    assertThat(store.release(l, active.withState(JobState.DONE, "sent"))).isFalse();
    assertThat(store.find(j.id()).orElseThrow().state()).isEqualTo(JobState.SUSPENDED);
  }

  @Test
  void destinationsAreRemembered() {
    assertThat(store.destination("+16045557977"))
        .isEqualTo(DestinationInfo.unknown("+16045557977"));
    store.saveDestination(new DestinationInfo("+16045557977", 9600, 14400, 2));
    store.saveDestination(new DestinationInfo("+16045557977", 9600, 9600, 1));
    assertThat(store.destination("+16045557977"))
        .isEqualTo(new DestinationInfo("+16045557977", 9600, 9600, 1));
  }
}
