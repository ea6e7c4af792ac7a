package org.faxgw.queue;

import java.time.Instant;
import java.util.Objects;

/**
 * A claim on one job by one sender (a gateway node's dispatcher). While the lease holds, no other
 * owner can claim the job; the owner renews it during the call. Every write made under a lease is
 * fenced by its {@code token}: the store increments the token on each claim, so a writer whose
 * lease expired and was claimed again by someone else is refused even if it still believes it holds
 * it.
 *
 * @param jobId the job
 * @param owner who holds it, e.g. {@code host:pid}
 * @param token the fencing token, larger than every earlier token of this job
 * @param expiresAt when the lease lapses unless renewed
 */
public record JobLease(long jobId, String owner, long token, Instant expiresAt) {
  public JobLease {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
