package org.faxgw.gateway.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.faxgw.queue.DestinationInfo;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobLease;
import org.faxgw.queue.JobState;
import org.faxgw.queue.JobStore;
import org.faxgw.queue.NewJob;

/**
 * A job store that publishes every successful write as a {@link GatewayEvent.JobChanged}, after it
 * is committed, with the job as stored. Reads and failed writes pass through silently. Every writer
 * of the gateway (SMTP, render workers, queue timer, lines, the APIs) goes through it, so the
 * console and the metrics see each change once.
 */
public final class ObservedJobStore implements JobStore {
  private final JobStore delegate;
  private final GatewayEvents events;

  public ObservedJobStore(JobStore delegate, GatewayEvents events) {
    this.delegate = delegate;
    this.events = events;
  }

  private void changed(long id, FaxJob before, GatewayEvent.JobChanged.Kind kind) {
    delegate.find(id).ifPresent(j -> events.publish(new GatewayEvent.JobChanged(j, before, kind)));
  }

  @Override
  public long nextId() {
    return delegate.nextId();
  }

  @Override
  public List<FaxJob> submit(
      List<NewJob> jobs, Instant now, Duration duplicateWindow, long reservedId) {
    List<FaxJob> made = delegate.submit(jobs, now, duplicateWindow, reservedId);
    for (FaxJob j : made) {
      events.publish(new GatewayEvent.JobChanged(j, null, GatewayEvent.JobChanged.Kind.SUBMITTED));
    }
    return made;
  }

  @Override
  public long reserveId() {
    return delegate.reserveId();
  }

  @Override
  public boolean alter(FaxJob job, JobState expected) {
    Optional<FaxJob> before = delegate.find(job.id());
    boolean ok = delegate.alter(job, expected);
    if (ok) {
      changed(job.id(), before.orElse(null), GatewayEvent.JobChanged.Kind.UPDATED);
    }
    return ok;
  }

  @Override
  public Optional<FaxJob> find(long id) {
    return delegate.find(id);
  }

  @Override
  public List<FaxJob> group(long groupId) {
    return delegate.group(groupId);
  }

  @Override
  public List<FaxJob> list(Set<JobState> states) {
    return delegate.list(states);
  }

  @Override
  public boolean update(FaxJob job, JobState expected) {
    Optional<FaxJob> before = delegate.find(job.id());
    boolean ok = delegate.update(job, expected);
    if (ok) {
      changed(job.id(), before.orElse(null), GatewayEvent.JobChanged.Kind.UPDATED);
    }
    return ok;
  }

  @Override
  public Optional<FaxJob> delete(long id) {
    Optional<FaxJob> gone = delegate.delete(id);
    gone.ifPresent(
        j ->
            events.publish(
                new GatewayEvent.JobChanged(j, j, GatewayEvent.JobChanged.Kind.REMOVED)));
    return gone;
  }

  @Override
  public org.faxgw.queue.SharedFiles sharedFiles() {
    return delegate.sharedFiles();
  }

  @Override
  public Set<String> spoolFolders() {
    return delegate.spoolFolders();
  }

  @Override
  public boolean isReferenced(String spoolPath, long exceptJobId) {
    return delegate.isReferenced(spoolPath, exceptJobId);
  }

  @Override
  public Optional<JobLease> claim(long id, String owner, Instant now, Duration ttl) {
    Optional<FaxJob> before = delegate.find(id);
    Optional<JobLease> lease = delegate.claim(id, owner, now, ttl);
    if (lease.isPresent()) {
      changed(id, before.orElse(null), GatewayEvent.JobChanged.Kind.UPDATED);
    }
    return lease;
  }

  @Override
  public Optional<JobLease> claimWithinLimits(
      long id, String owner, String peer, int peerLines, Instant now, Duration ttl) {
    Optional<FaxJob> before = delegate.find(id);
    Optional<JobLease> lease = delegate.claimWithinLimits(id, owner, peer, peerLines, now, ttl);
    if (lease.isPresent()) {
      changed(id, before.orElse(null), GatewayEvent.JobChanged.Kind.UPDATED);
    }
    return lease;
  }

  @Override
  public Optional<JobLease> claimRender(long id, String owner, Instant now, Duration ttl) {
    return delegate.claimRender(id, owner, now, ttl);
  }

  @Override
  public Optional<JobLease> renewRender(JobLease lease, Instant now, Duration ttl) {
    return delegate.renewRender(lease, now, ttl);
  }

  @Override
  public boolean writeRendered(JobLease lease, FaxJob job) {
    Optional<FaxJob> before = delegate.find(job.id());
    boolean ok = delegate.writeRendered(lease, job);
    if (ok) {
      changed(job.id(), before.orElse(null), GatewayEvent.JobChanged.Kind.UPDATED);
    }
    return ok;
  }

  @Override
  public List<Long> unclaimedRenders(Instant now, int max) {
    return delegate.unclaimedRenders(now, max);
  }

  @Override
  public List<Long> nextCommIds(int count) {
    return delegate.nextCommIds(count);
  }

  @Override
  public boolean sharesCommIds() {
    return delegate.sharesCommIds();
  }

  @Override
  public long nextCommId() {
    return delegate.nextCommId();
  }

  @Override
  public Optional<JobLease> renew(JobLease lease, Instant now, Duration ttl) {
    return delegate.renew(lease, now, ttl);
  }

  @Override
  public boolean checkpoint(JobLease lease, FaxJob job) {
    boolean ok = delegate.checkpoint(lease, job);
    if (ok) {
      changed(job.id(), null, GatewayEvent.JobChanged.Kind.CHECKPOINT);
    }
    return ok;
  }

  @Override
  public boolean release(JobLease lease, FaxJob next) {
    Optional<FaxJob> before = delegate.find(next.id());
    boolean ok = delegate.release(lease, next);
    if (ok) {
      changed(next.id(), before.orElse(null), GatewayEvent.JobChanged.Kind.CALL_ENDED);
    }
    return ok;
  }

  @Override
  public List<FaxJob> requeueExpired(Instant now, String restartedOwner, String status) {
    List<FaxJob> out = delegate.requeueExpired(now, restartedOwner, status);
    for (FaxJob j : out) {
      events.publish(new GatewayEvent.JobChanged(j, null, GatewayEvent.JobChanged.Kind.UPDATED));
    }
    return out;
  }

  @Override
  public Optional<JobLease> lease(long id) {
    return delegate.lease(id);
  }

  @Override
  public DestinationInfo destination(String number) {
    return delegate.destination(number);
  }

  @Override
  public void saveDestination(DestinationInfo info) {
    delegate.saveDestination(info);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
