package org.faxgw.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Durable storage of fax jobs. Every method is atomic and durable when it returns (a committed
 * transaction). Implementations are thread-safe. The contract is {@code JobStoreContract}.
 */
public interface JobStore extends AutoCloseable {

  /**
   * The id the next submitted job will get if no other is submitted first (ids are never reused, so
   * a removed job's id is skipped). The HylaFAX protocol announces it at JNEW.
   */
  default long nextId() {
    return list(java.util.EnumSet.allOf(JobState.class)).stream()
            .mapToLong(FaxJob::id)
            .max()
            .orElse(0)
        + 1;
  }

  /**
   * Creates the jobs as one group, atomically: either all are stored or none. A job whose
   * Message-ID was already used for the same number at or after {@code now - duplicateWindow} is
   * skipped. The group id is the id of the first job created.
   *
   * @return the jobs created (possibly none, when all were duplicates)
   */
  default List<FaxJob> submit(List<NewJob> jobs, Instant now, Duration duplicateWindow) {
    return submit(jobs, now, duplicateWindow, 0);
  }

  /**
   * As {@link #submit(List, Instant, Duration)}, the first job taking {@code reservedId} (from
   * {@link #reserveId}) when it is positive; the store assigns the other ids.
   */
  List<FaxJob> submit(List<NewJob> jobs, Instant now, Duration duplicateWindow, long reservedId);

  /**
   * Reserves a job id atomically: no job submitted later, by this or any other process or node
   * sharing the data, gets it unless it is passed to {@link #submit(List, Instant, Duration,
   * long)}. A reserved id that is never used is skipped (ids are never reused). The HylaFAX
   * protocol announces it at JNEW.
   */
  long reserveId();

  /**
   * Writes the parameters faxalter may change (priority, max dials, max tries, time to send, kill
   * time, notification) and the state and status of {@code job}, if the stored job is still in
   * {@code expected}. A job taken from {@link JobState#ACTIVE} this way loses its lease: the call
   * cannot renew it, and its release is refused.
   *
   * @return false when the job is gone or no longer in {@code expected}
   */
  boolean alter(FaxJob job, JobState expected);

  Optional<FaxJob> find(long id);

  /** The jobs of one group, by id. */
  List<FaxJob> group(long groupId);

  /** Jobs in any of the states, by id. */
  List<FaxJob> list(Set<JobState> states);

  /**
   * Writes the changeable fields of {@code job} (state, status, pages, tiff, dials, tries, time to
   * send) if the stored job is still in {@code expected}.
   *
   * @return false when the job is gone or no longer in {@code expected}
   */
  boolean update(FaxJob job, JobState expected);

  /** Removes a job and returns it as it was, or empty when there is none. */
  Optional<FaxJob> delete(long id);

  /** Spool folders referred to by at least one job. */
  Set<String> spoolFolders();

  /** True when a job other than {@code exceptJobId} refers to this spool path (file or folder). */
  boolean isReferenced(String spoolPath, long exceptJobId);

  /**
   * Claims a {@link JobState#READY} job for {@code owner}: the job becomes {@link JobState#ACTIVE}
   * with a lease until {@code now + ttl} and a fencing token larger than any before. Atomic: of
   * several owners claiming the same job, one wins.
   *
   * @return the lease, or empty when the job is gone or not ready
   */
  Optional<JobLease> claim(long id, String owner, Instant now, Duration ttl);

  /**
   * Extends a lease to {@code now + ttl}, if it is still the job's current lease (same token) and
   * has not lapsed.
   *
   * @return the extended lease, or empty when it was lost (expired, reclaimed or the job removed)
   */
  Optional<JobLease> renew(JobLease lease, Instant now, Duration ttl);

  /**
   * Writes a running call's progress (status, dials, tries and {@link FaxJob#progress()}) under the
   * lease; the job stays active. Fenced: refused when the lease is no longer the current one.
   */
  boolean checkpoint(JobLease lease, FaxJob job);

  /**
   * Ends the lease and writes {@code next} (its state, status, counters, time to send and progress)
   * in one step. Fenced: refused when the lease is no longer the current one.
   */
  boolean release(JobLease lease, FaxJob next);

  /**
   * Puts every active job whose lease has lapsed at {@code now} (a node or process that died during
   * a call) back to {@link JobState#READY} with {@code status}, keeping its progress, so that it is
   * retried after the last confirmed page. Jobs leased by {@code restartedOwner} are requeued
   * whatever their expiry: that owner has just started again, so its calls are gone.
   *
   * <p>Each job's status is {@code status} with every {@link #LEASE_OWNER} replaced by the owner of
   * the lease that lapsed, so that the node that takes the job over can tell whose call was cut
   * short (the page after the last checkpointed one may have reached the far end already).
   *
   * @param restartedOwner the owner name of the process calling this at start-up, or null
   * @return the jobs as they now are
   */
  List<FaxJob> requeueExpired(Instant now, String restartedOwner, String status);

  /** Stands for the owner of the lapsed lease in the status given to {@link #requeueExpired}. */
  String LEASE_OWNER = "{owner}";

  /** The lease an active job holds, or empty. */
  Optional<JobLease> lease(long id);

  /** What is remembered about a destination (rate trouble), or {@link DestinationInfo#unknown}. */
  DestinationInfo destination(String number);

  /** Remembers a destination's information, replacing what was there. */
  void saveDestination(DestinationInfo info);

  /**
   * Claims a ready job like {@link #claim}, and only within the limits that hold for every node
   * sharing this store: no other job to the same number holds an unexpired lease (one call at a
   * time per destination number), and fewer than {@code peerLines} jobs hold an unexpired lease on
   * a line of {@code peer} (the number of lines per peer). The line stays taken while the lease
   * holds: it is given back by {@link #release}, or by the lease lapsing. Atomic across nodes.
   *
   * @return the lease, or empty when the job is gone or not ready or a limit is reached
   */
  Optional<JobLease> claimWithinLimits(
      long id, String owner, String peer, int peerLines, Instant now, Duration ttl);

  /**
   * Claims a {@link JobState#RENDERING} job for rendering by {@code owner} (issue 18: rendering is
   * leased work): a lease until {@code now + ttl} (the database's clock when the store dates leases
   * by it) and a fencing token larger than any before. Succeeds when the job has no live render
   * lease (never claimed, or lapsed at {@code now}) or when {@code owner} itself holds it (that
   * node started again, or gives up an earlier attempt: its older token is fenced off). Atomic: of
   * several owners claiming the same job, one wins. The job stays rendering; {@link #lease} (a
   * call's lease) does not show it.
   *
   * @return the lease, or empty when the job is gone, not rendering, or rendered by another owner
   */
  Optional<JobLease> claimRender(long id, String owner, Instant now, Duration ttl);

  /**
   * Extends a render lease to {@code now + ttl}, if it is still the job's current lease and has not
   * lapsed and the job is still rendering.
   *
   * @return the extended lease, or empty when it was lost
   */
  Optional<JobLease> renewRender(JobLease lease, Instant now, Duration ttl);

  /**
   * Writes what {@link #update} writes (state, status, pages, tiff, dials, tries, time to send)
   * under a render lease: only if the job is still {@link JobState#RENDERING} and the lease is its
   * current one (token and owner), so a node whose lease was taken over writes nothing. When {@code
   * job} leaves rendering (ready, pending, failed) the lease ends.
   *
   * @return false when the job is gone, no longer rendering, or held under a newer lease
   */
  boolean writeRendered(JobLease lease, FaxJob job);

  /**
   * The ids of rendering jobs no node is rendering: never claimed for rendering, or whose render
   * lease lapsed at {@code now} (its node died or gave up). At most {@code max}, oldest first. On
   * PostgreSQL rows locked at this moment (being claimed or written) are skipped ({@code FOR UPDATE
   * SKIP LOCKED}).
   */
  List<Long> unclaimedRenders(Instant now, int max);

  /**
   * {@code count} numbers of the shared CommID sequence ({@link #nextCommId}), drawn at once; none
   * is ever given to another node.
   *
   * @throws UnsupportedOperationException when {@link #sharesCommIds()} is false
   */
  default List<Long> nextCommIds(int count) {
    List<Long> out = new java.util.ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(nextCommId());
    }
    return out;
  }

  /**
   * True when CommIDs come from this store, one sequence for every node sharing it; false when each
   * node keeps its own (the data folder's {@code commid.seq}).
   */
  default boolean sharesCommIds() {
    return false;
  }

  /**
   * The next CommID number of the shared sequence, 1 to 999 999 999 and then 1 again. Two nodes
   * never get the same number (within one turn of the sequence).
   *
   * @throws UnsupportedOperationException when {@link #sharesCommIds()} is false
   */
  default long nextCommId() {
    throw new UnsupportedOperationException("this job store keeps no CommID sequence");
  }

  /**
   * The spool files every node sharing this store can read: {@link SharedFiles#LOCAL} (the node's
   * own spool folder is the truth) unless the store is shared by several nodes.
   */
  default SharedFiles sharedFiles() {
    return SharedFiles.LOCAL;
  }

  @Override
  void close();
}
