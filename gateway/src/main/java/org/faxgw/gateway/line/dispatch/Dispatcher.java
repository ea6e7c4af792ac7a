package org.faxgw.gateway.line.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.faxgw.gateway.line.Line;
import org.faxgw.gateway.line.LinePool;
import org.faxgw.queue.DestinationInfo;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobLease;
import org.faxgw.queue.JobListener;
import org.faxgw.queue.JobState;
import org.faxgw.queue.JobStore;
import org.faxgw.queue.JobStoreException;
import org.faxgw.t30.Capabilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HylaFAX's faxq role: on every {@link #tick} ready jobs go to free lines, highest priority first,
 * at most one call at a time per destination number (a second job to a busy number is {@code
 * blocked} until the first call ends); a job is claimed through a lease in the store before its
 * call starts, the lease is renewed while the call goes on, and when the call ends the {@link
 * RetryPolicy} decides what the job becomes. Lapsed leases (a gateway that died during a call) are
 * put back in the queue; the job resumes after its last confirmed page, and its status names the
 * node whose lease lapsed ({@link InterruptedCall}: the page after the last committed one may be
 * sent twice).
 *
 * <p>Several nodes on one store: the claim ({@link JobStore#claimWithinLimits}) keeps the limits
 * that hold across nodes, one call at a time per destination number and no more calls on a peer
 * than it has sending lines here. A node that cannot renew its leases (the store unreachable)
 * fences itself: it claims nothing new, and it ends each call before the call's lease can lapse (a
 * quarter of the lease time ahead), so that no other node takes the job over while this one still
 * sends it.
 *
 * <p>Confined: {@link #tick} and the handling of finished calls run on {@code executor}, which must
 * run one task at a time (the {@code faxgw-dispatcher} thread; a direct executor in tests). Time
 * comes from the injected clock.
 */
public final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  /** Status of a job waiting while another call to its number goes on (HylaFAX's wording). */
  public static final String BLOCKED = "Blocked by concurrent calls";

  /** Status of a job put back after a call whose lease lapsed. */
  public static final String REQUEUED_LAPSED = "Requeued after an interrupted call";

  /** Why a call ended when its job was removed from the queue (faxrm) during the call. */
  public static final String REMOVED = "Job removed by user";

  /** Status of a ready job while every line is in use. */
  public static final String NO_FREE_LINE = "Waiting for a free fax line";

  private final JobStore store;
  private final LinePool lines;
  private final CallStarter starter;
  private final RetryPolicy policy;
  private final Capabilities capabilities;
  private final JobListener listener;
  private final Clock clock;
  private final String owner;
  private final Duration leaseTtl;
  private final Duration maxCallTime;
  private final Executor executor;
  private final Map<Long, InFlight> inFlight = new LinkedHashMap<>();
  private volatile KillPoints killPoints = KillPoints.NONE;

  /** Status of a job whose call was ended because its lease could not be renewed. */
  public static final String FENCED =
      "Job store unreachable: call ended before its lease could lapse";

  private static final class InFlight {
    final FaxJob job;
    final Line line;
    final Instant started;
    JobLease lease;
    CallStarter.ActiveCall call;
    boolean abortSent;
    boolean removed;
    String endReason;

    /**
     * Until when the lease surely holds, by this node's clock: the time the claim or renewal was
     * asked plus the lease time (the store dated it no earlier, whichever clock it uses).
     */
    Instant safeUntil;

    InFlight(FaxJob job, JobLease lease, Line line, Instant started, Duration ttl) {
      this.job = job;
      this.lease = lease;
      this.line = line;
      this.started = started;
      this.safeUntil = started.plus(ttl);
    }
  }

  public Dispatcher(
      JobStore store,
      LinePool lines,
      CallStarter starter,
      RetryPolicy policy,
      Capabilities capabilities,
      JobListener listener,
      Clock clock,
      String owner,
      Duration leaseTtl,
      Duration maxCallTime,
      Executor executor) {
    this.store = store;
    this.lines = lines;
    this.starter = starter;
    this.policy = policy;
    this.capabilities = capabilities;
    this.listener = listener;
    this.clock = clock;
    this.owner = owner;
    this.leaseTtl = leaseTtl;
    this.maxCallTime = maxCallTime;
    this.executor = executor;
  }

  /** The lease owner name of this dispatcher. */
  public String owner() {
    return owner;
  }

  /**
   * Where a test makes this node die ({@link KillPoint#AFTER_CLAIM}, {@link
   * KillPoint#BEFORE_COMMIT}); {@link KillPoints#NONE} unless set.
   */
  public void killPoints(KillPoints hook) {
    this.killPoints = hook;
  }

  /** Calls in progress (dispatcher thread only; for tests). */
  public int callsInProgress() {
    return inFlight.size();
  }

  /**
   * A job was removed from the queue (faxrm, through the admin API or HylaFAX's protocol): if this
   * dispatcher runs its call, the call ends now (DCN if T.30 is under way, then the IAX2 hangup)
   * with {@link #REMOVED} as its reason, and the line is freed when it has ended. Any thread.
   */
  public void jobRemoved(long id) {
    try {
      executor.execute(() -> endRemoved(id));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.info("job {}: removed during shutdown; its call ends with the endpoint", id);
    }
  }

  private void endRemoved(long id) {
    endCall(id, REMOVED);
  }

  private void endCall(long id, String reason) {
    InFlight f = inFlight.get(id);
    if (f == null || f.removed) {
      return;
    }
    boolean aborting = f.abortSent; // a failed renewal may have ended it already
    f.removed = true;
    f.abortSent = true;
    f.endReason = reason;
    LOG.info("job {}: {} during its call on line {}; ending the call", id, reason, f.line.name());
    if (f.call != null && !aborting) {
      f.call.abort(reason);
    }
  }

  /**
   * One pass: renew our leases (ending the calls whose lease could lapse), requeue lapsed leases,
   * then start calls for ready jobs. While the store does not answer, nothing new is claimed.
   */
  public void tick() {
    Instant now = clock.instant();
    if (!renewLeases(now)) {
      return;
    }
    List<FaxJob> waiting;
    Set<String> busy = new HashSet<>();
    try {
      for (FaxJob j :
          store.requeueExpired(now, null, InterruptedCall.requeueStatus(REQUEUED_LAPSED))) {
        // resumed after its last committed page; the page after it may be sent twice (see
        // InterruptedCall)
        LOG.warn(
            "job {}: lease lapsed during a call; requeued after page {}: {}",
            j.id(),
            j.progress().pagesConfirmed(),
            j.status());
      }
      List<FaxJob> active = store.list(EnumSet.of(JobState.ACTIVE));
      endCallsOfRemovedJobs(active);
      waiting = new ArrayList<>(store.list(EnumSet.of(JobState.READY, JobState.BLOCKED)));
      for (FaxJob a : active) {
        busy.add(a.number());
      }
    } catch (JobStoreException e) {
      LOG.warn("job store unreachable; no new calls until it answers: {}", e.getMessage());
      return;
    }
    waiting.sort(Comparator.comparingInt(FaxJob::priority).thenComparingLong(FaxJob::id));
    for (InFlight f : inFlight.values()) {
      busy.add(f.job.number());
    }
    boolean linesLeft = true;
    for (FaxJob j : waiting) {
      if (j.killTime() != null && !now.isBefore(j.killTime())) {
        continue; // the queue timer fails it
      }
      if (busy.contains(j.number())) {
        if (j.state() == JobState.READY) {
          store.update(j.withState(JobState.BLOCKED, BLOCKED), JobState.READY);
        }
        continue;
      }
      if (j.state() == JobState.BLOCKED) {
        FaxJob ready = j.withState(JobState.READY, "");
        if (!store.update(ready, JobState.BLOCKED)) {
          continue;
        }
        j = ready;
      }
      if (!linesLeft) {
        if (!NO_FREE_LINE.equals(j.status())) {
          store.update(j.withState(JobState.READY, NO_FREE_LINE), JobState.READY);
        }
        continue;
      }
      Optional<Line> line = lines.takeForSending();
      if (line.isEmpty()) {
        linesLeft = false;
        if (!NO_FREE_LINE.equals(j.status())) {
          store.update(j.withState(JobState.READY, NO_FREE_LINE), JobState.READY);
        }
        continue;
      }
      Optional<JobLease> lease;
      try {
        lease =
            store.claimWithinLimits(
                j.id(), owner, line.get().peer(), sendingLines(line.get().peer()), now, leaseTtl);
      } catch (JobStoreException e) {
        lines.release(line.get());
        LOG.warn("job {}: cannot claim, job store unreachable: {}", j.id(), e.getMessage());
        return;
      }
      if (lease.isEmpty()) {
        // taken by another node, or its number or the peer's lines are busy on another node
        lines.release(line.get());
        continue;
      }
      busy.add(j.number());
      killPoints.reached(KillPoint.AFTER_CLAIM, j.id(), j.progress().pagesConfirmed());
      start(j, lease.get(), line.get(), now);
    }
  }

  /** How many lines of {@code peer} may send: the limit of calls to it over all nodes. */
  private int sendingLines(String peer) {
    return (int) lines.lines().stream().filter(l -> l.sends() && l.peer().equals(peer)).count();
  }

  private void start(FaxJob j, JobLease lease, Line line, Instant now) {
    DestinationInfo d;
    try {
      d = store.destination(j.number());
    } catch (JobStoreException e) {
      d = DestinationInfo.unknown(j.number()); // the call is fenced if the store stays away
    }
    Capabilities caps = RateMemory.cap(capabilities, d.rateCap());
    InFlight f = new InFlight(j, lease, line, now, leaseTtl);
    inFlight.put(j.id(), f);
    LOG.info(
        "job {}: calling {} on line {}{}",
        j.id(),
        j.dialString(),
        line.name(),
        d.rateCap() > 0 ? " (rates capped at " + d.rateCap() + " bit/s)" : "");
    CallStarter.ActiveCall call;
    try {
      call = starter.start(j, lease, line, caps, this::post);
    } catch (RuntimeException e) {
      LOG.error("job {}: the call could not start", j.id(), e);
      inFlight.remove(j.id());
      lines.release(line);
      store.release(lease, j.withState(JobState.READY, "Call could not start: " + e.getMessage()));
      return;
    }
    if (inFlight.get(j.id()) == f) {
      f.call = call;
    }
  }

  private void post(CallStarter.CallReport r) {
    try {
      executor.execute(() -> finished(r));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // shutting down: the job keeps its lease and is requeued when this gateway starts again
      LOG.info("job {}: call ended during shutdown; retried after restart", r.job().id());
    }
  }

  /**
   * The store path of a removal (a job deleted from the store by another process or node) or an
   * interruption (a job suspended during its call, HylaFAX's JINTR): a call whose job is no longer
   * active in the store ends at this pass, not at its next lease renewal.
   */
  private void endCallsOfRemovedJobs(List<FaxJob> active) {
    if (inFlight.isEmpty()) {
      return;
    }
    Set<Long> ids = new HashSet<>();
    for (FaxJob a : active) {
      ids.add(a.id());
    }
    for (InFlight f : new ArrayList<>(inFlight.values())) {
      if (f.call != null && !f.removed && !ids.contains(f.job.id())) {
        Optional<FaxJob> row = store.find(f.job.id());
        if (row.isEmpty()) {
          endRemoved(f.job.id());
        } else if (row.get().state() != JobState.ACTIVE) {
          // taken out of the active state by someone else (HylaFAX's JINTR suspends it)
          endCall(f.job.id(), row.get().status());
        }
      }
    }
  }

  /**
   * Renews the leases of our calls from half their time on, and ends every call whose lease could
   * lapse within a quarter of the lease time (it could not be renewed).
   *
   * @return false when the store did not answer
   */
  private boolean renewLeases(Instant now) {
    boolean answered = true;
    Duration fenceAhead = leaseTtl.dividedBy(4);
    for (InFlight f : new ArrayList<>(inFlight.values())) {
      if (f.call == null) {
        continue;
      }
      if (!now.isBefore(f.started.plus(maxCallTime))) {
        if (!f.abortSent) {
          f.abortSent = true;
          LOG.warn("job {}: call longer than {}; ending it", f.job.id(), maxCallTime);
          f.call.abort("Call exceeded the maximum call time");
        }
        continue;
      }
      if (f.safeUntil.minus(leaseTtl.dividedBy(2)).isAfter(now)) {
        continue;
      }
      Optional<JobLease> renewed;
      try {
        renewed = store.renew(f.lease, now, leaseTtl);
      } catch (JobStoreException e) {
        answered = false;
        if (f.abortSent || now.isBefore(f.safeUntil.minus(fenceAhead))) {
          LOG.warn("job {}: cannot renew the lease, will retry: {}", f.job.id(), e.getMessage());
          continue;
        }
        f.abortSent = true;
        LOG.warn(
            "job {}: lease not renewed and due to lapse at {} (job store unreachable: {});"
                + " ending the call",
            f.job.id(),
            f.safeUntil,
            e.getMessage());
        f.call.abort(FENCED);
        continue;
      }
      if (renewed.isPresent()) {
        f.lease = renewed.get();
        f.safeUntil = now.plus(leaseTtl);
      } else if (!f.abortSent) {
        f.abortSent = true;
        LOG.warn("job {}: lease lost (removed or taken over); ending the call", f.job.id());
        f.call.abort("Job removed or claimed elsewhere");
      }
    }
    return answered;
  }

  /** A call is over: apply the retry rules and tell the owner (dispatcher thread). */
  void finished(CallStarter.CallReport r) {
    Instant now = clock.instant();
    InFlight f = inFlight.remove(r.job().id());
    lines.release(r.line());
    JobLease lease = f == null ? r.lease() : f.lease;
    FaxJob next = policy.after(r.job(), r.outcome(), r.progress(), now);
    if (f != null && f.removed) {
      LOG.info(
          "job {}: {}; the call ended after {} page(s), line {} free",
          r.job().id(),
          f.endReason,
          r.progress().pagesConfirmed(),
          r.line().name());
      return;
    }
    // a node dying here has every page of the call checkpointed (each page's checkpoint is
    // queued on the I/O executor before the call's end): the job resumes with nothing to send
    killPoints.reached(KillPoint.BEFORE_COMMIT, r.job().id(), r.progress().pagesConfirmed());
    boolean released;
    try {
      released = store.release(lease, next);
    } catch (JobStoreException e) {
      // The lease lapses and the job is requeued (here or on another node) from its last
      // checkpoint: the pages confirmed before the store went away.
      LOG.warn(
          "job {}: the call ended ({}) but the job store is unreachable; nothing written, the job"
              + " is retried after its lease lapses: {}",
          r.job().id(),
          r.outcome().kind(),
          e.getMessage());
      return;
    }
    if (!released) {
      LOG.warn(
          "job {}: the call ended ({}) but the job is no longer ours; nothing written",
          r.job().id(),
          r.outcome().kind());
      return;
    }
    try {
      rememberRates(r);
    } catch (JobStoreException e) {
      LOG.warn("destination {}: rate memory not updated: {}", r.job().number(), e.getMessage());
    }
    LOG.info(
        "job {}: {} ({} of {} pages){}",
        next.id(),
        next.state().label(),
        next.progress().pagesConfirmed(),
        next.pages(),
        next.status().isEmpty() ? "" : ": " + next.status());
    try {
      if (next.state().isTerminal()) {
        listener.jobEnded(next);
      } else {
        listener.jobRequeued(next);
      }
    } catch (RuntimeException e) {
      LOG.error("job {}: listener failed", next.id(), e);
    }
  }

  private void rememberRates(CallStarter.CallReport r) {
    if (r.outcome().result() != null) {
      DestinationInfo before = store.destination(r.job().number());
      DestinationInfo after = RateMemory.after(before, r.outcome().result());
      if (!after.equals(before)) {
        store.saveDestination(after);
        if (after.rateCap() != before.rateCap()) {
          LOG.info(
              "destination {}: trouble at {} bit/s, next calls start at {} bit/s",
              after.number(),
              r.outcome().result().rate().bitsPerSecond(),
              after.rateCap());
        }
      }
    }
  }
}
