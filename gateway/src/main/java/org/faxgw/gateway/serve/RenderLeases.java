package org.faxgw.gateway.serve;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobLease;
import org.faxgw.queue.JobStore;
import org.faxgw.queue.JobStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The render leases this node holds (issue 18: rendering is leased work, so that a job whose node
 * died while rendering is rendered by another, and two nodes never both render one job). A render
 * thread {@linkplain #claim claims} a job before rendering it and writes its result {@linkplain
 * #write under the lease} (fenced: refused once a newer holder exists). The {@link #heartbeat}
 * renews each lease from half its time on, as the dispatcher does for calls; a lease that cannot be
 * renewed (the job store does not answer) is given up a quarter of the lease time before it could
 * lapse, measured on this node's clock from when the claim or renewal was asked: the render is then
 * abandoned and writes nothing (self-fencing). Thread-safe: render threads claim and write, the
 * heartbeat runs on {@code faxgw-render-retry}.
 */
final class RenderLeases {
  private static final Logger log = LoggerFactory.getLogger(RenderLeases.class);

  /** Where a held lease stands. */
  enum Standing {
    /** Held and renewed: the render goes on. */
    HELD,
    /** Not renewed while the store was away: abandoned before it could lapse; try again later. */
    FENCED,
    /** Taken over, or the job removed or altered: another node renders it, or no one. */
    LOST
  }

  /** One lease held by a render thread of this node. */
  static final class Held {
    final long jobId;
    private volatile JobLease lease;
    private volatile Instant safeUntil;
    private volatile Standing standing = Standing.HELD;

    Held(JobLease lease, Instant safeUntil) {
      this.jobId = lease.jobId();
      this.lease = lease;
      this.safeUntil = safeUntil;
    }

    JobLease lease() {
      return lease;
    }

    Standing standing() {
      return standing;
    }

    boolean abandoned() {
      return standing != Standing.HELD;
    }
  }

  private final JobStore store;
  private final Clock clock;
  private final String owner;
  private final Duration ttl;
  private final ConcurrentHashMap<Long, Held> held = new ConcurrentHashMap<>();

  RenderLeases(JobStore store, Clock clock, String owner, Duration ttl) {
    this.store = store;
    this.clock = clock;
    this.owner = owner;
    this.ttl = ttl;
  }

  String owner() {
    return owner;
  }

  /**
   * Claims a rendering job for this node.
   *
   * @return the lease, or empty when the job is not to be rendered here (another node holds it, or
   *     it is no longer rendering)
   * @throws JobStoreException when the store does not answer
   */
  Optional<Held> claim(long id) {
    Instant asked = clock.instant();
    Optional<JobLease> l = store.claimRender(id, owner, asked, ttl);
    if (l.isEmpty()) {
      return Optional.empty();
    }
    Held h = new Held(l.get(), asked.plus(ttl));
    held.put(id, h);
    return Optional.of(h);
  }

  /** The render of {@code h} is over (written, failed or abandoned). */
  void forget(Held h) {
    held.remove(h.jobId, h);
  }

  /** Where this node's lease on the job stands, or empty when no render thread here holds one. */
  Optional<Standing> standing(long id) {
    return Optional.ofNullable(held.get(id)).map(Held::standing);
  }

  /**
   * Writes the job under the lease (fenced).
   *
   * @return false when the lease was lost or a newer holder exists (nothing written)
   * @throws JobStoreException when the store does not answer, or the lease was given up because it
   *     could not be renewed (the render is tried again)
   */
  boolean write(Held h, FaxJob job) {
    switch (h.standing) {
      case LOST:
        return false;
      case FENCED:
        throw new JobStoreException(
            "the render lease of job " + h.jobId + " could not be renewed; render abandoned", null);
      default:
        return store.writeRendered(h.lease, job);
    }
  }

  /**
   * Renews the leases due (from half their time on) and gives up those that could lapse within a
   * quarter of the lease time.
   *
   * @return false when the store did not answer
   */
  boolean heartbeat() {
    Instant now = clock.instant();
    boolean answered = true;
    Duration fenceAhead = ttl.dividedBy(4);
    for (Held h : new ArrayList<>(held.values())) {
      if (h.standing != Standing.HELD || h.safeUntil.minus(ttl.dividedBy(2)).isAfter(now)) {
        continue;
      }
      Optional<JobLease> renewed;
      try {
        renewed = store.renewRender(h.lease, now, ttl);
      } catch (JobStoreException e) {
        answered = false;
        if (now.isBefore(h.safeUntil.minus(fenceAhead))) {
          log.warn(
              "job {}: cannot renew the render lease, will retry: {}", h.jobId, e.getMessage());
        } else {
          h.standing = Standing.FENCED;
          log.warn(
              "job {}: render lease not renewed and due to lapse at {} (job store unreachable:"
                  + " {}); abandoning the render",
              h.jobId,
              h.safeUntil,
              e.getMessage());
        }
        continue;
      }
      if (renewed.isPresent()) {
        h.lease = renewed.get();
        h.safeUntil = now.plus(ttl);
      } else {
        h.standing = Standing.LOST;
        log.warn("job {}: render lease lost (removed, altered or taken over)", h.jobId);
      }
    }
    return answered;
  }
}
