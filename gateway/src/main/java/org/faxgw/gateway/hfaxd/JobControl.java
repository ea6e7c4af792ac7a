package org.faxgw.gateway.hfaxd;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.faxgw.gateway.admin.AdminJobs;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobState;

/**
 * What the HylaFAX protocol asks of the job queue beyond {@link AdminJobs}: an id reserved at JNEW
 * and used at JSUBM, the job limits sendfax sets, and the compare-and-set change of a queued job
 * that JSUSP, JINTR, JSUBM of a suspended job and faxalter's JPARM are made of. The gateway's job
 * service answers.
 */
public interface JobControl extends AdminJobs {
  /** A job id no other submission will take (the store's reservation). */
  long reserveId();

  /**
   * What sendfax may set on a job instead of the defaults; null for the default.
   *
   * @param priority 0 (highest) to 255
   * @param maxDials most calls
   * @param maxTries most calls that reach a fax machine
   * @param killTime when the job fails if not yet sent
   */
  record Limits(Integer priority, Integer maxDials, Integer maxTries, Instant killTime) {
    public static final Limits DEFAULTS = new Limits(null, null, null, null);
  }

  /**
   * Queues the documents for {@code number} as {@link AdminJobs#submit} does, the job taking the
   * {@code reservedId} and the {@code limits}.
   */
  List<FaxJob> submit(
      long reservedId,
      String owner,
      String number,
      List<LocalDocument> documents,
      String resolution,
      String notify,
      Instant sendAt,
      Limits limits)
      throws BadRequestException, IOException;

  /**
   * Writes {@code next}'s state, status and parameters if the job is still in {@code expected} (see
   * {@code JobStore.alter}); an active job taken out of {@link JobState#ACTIVE} loses its lease,
   * and its call ends when the lease is next renewed.
   */
  boolean alter(FaxJob next, JobState expected);
}
