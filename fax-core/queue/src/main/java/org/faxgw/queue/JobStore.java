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
  List<FaxJob> submit(List<NewJob> jobs, Instant now, Duration duplicateWindow);

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

  @Override
  void close();
}
