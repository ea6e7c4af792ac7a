package org.faxgw.gateway.admin;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobState;

/**
 * What the admin API asks of the job queue: list, find, remove (with spool files), submit local
 * files (sendfax). The gateway's job service answers; this package knows only this interface.
 */
public interface AdminJobs {
  List<FaxJob> list(Set<JobState> states);

  Optional<FaxJob> find(long id);

  /** The id the next submitted job will get if no other is submitted first. */
  default long nextId() {
    return list(java.util.EnumSet.allOf(JobState.class)).stream()
            .mapToLong(FaxJob::id)
            .max()
            .orElse(0)
        + 1;
  }

  /** Removes a job and the spool files no other job uses; returns the job as it was. */
  Optional<FaxJob> remove(long id) throws IOException;

  /**
   * Queues the documents for each number as one group (sendfax).
   *
   * @param cover optional cover text, or null
   */
  List<FaxJob> submit(
      String owner,
      List<String> numbers,
      List<LocalDocument> documents,
      String cover,
      String resolution,
      String notify,
      Instant sendAt)
      throws BadRequestException, IOException;

  /**
   * As {@link #submit(String, List, List, String, String, String, Instant)}; {@code capture} asks
   * for the calls of these jobs to be captured (as {@code X-Fax-Capture: yes}).
   */
  default List<FaxJob> submit(
      String owner,
      List<String> numbers,
      List<LocalDocument> documents,
      String cover,
      String resolution,
      String notify,
      Instant sendAt,
      boolean capture)
      throws BadRequestException, IOException {
    if (capture) {
      throw new BadRequestException("this job queue cannot capture calls");
    }
    return submit(owner, numbers, documents, cover, resolution, notify, sendAt);
  }

  /** One local file for {@link #submit}. */
  record LocalDocument(String name, String contentType, InputStream content) {}

  /** Thrown when a request cannot become jobs; the message says why. */
  final class BadRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
      super(message);
    }
  }
}
