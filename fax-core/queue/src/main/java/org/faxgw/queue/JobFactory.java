package org.faxgw.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Makes the {@link NewJob}s of one submission, one per number, from what the submission says and
 * the {@link JobDefaults} for the rest: the one place where a new job's initial state, status,
 * limits and kill time are decided (the SMTP spooler and sendfax both come here).
 */
public final class JobFactory {
  /** Status of a job whose documents are waiting to be rendered. */
  public static final String RENDERING_STATUS = "Waiting to be rendered";

  private final JobDefaults defaults;

  public JobFactory(JobDefaults defaults) {
    this.defaults = defaults;
  }

  public JobDefaults defaults() {
    return defaults;
  }

  /**
   * What a submission says about its jobs; null for "the default" where noted.
   *
   * @param sendAt when to send, or null for as soon as possible
   * @param messageId the mail's Message-ID (duplicate check), or null
   * @param notifyWhen done, failed, all or none, or null
   * @param resolution fine or normal, or null
   * @param spoolDir the spool folder holding the documents
   * @param unfaxable parts of the submission that cannot be faxed, reported when the job ends
   */
  public record Submission(
      String owner,
      Collection<FaxNumber> numbers,
      List<JobDocument> documents,
      String spoolDir,
      Instant sendAt,
      String messageId,
      String notifyWhen,
      String resolution,
      String subject,
      List<String> unfaxable) {}

  /**
   * The jobs of {@code s}, waiting to be rendered; the kill time counts from {@code sendAt} when it
   * is later than {@code now}, else from {@code now}.
   */
  public List<NewJob> newJobs(Submission s, Instant now) {
    Instant start = s.sendAt() != null && s.sendAt().isAfter(now) ? s.sendAt() : now;
    List<NewJob> jobs = new ArrayList<>();
    for (FaxNumber n : s.numbers()) {
      jobs.add(
          new NewJob(
              s.owner(),
              n,
              defaults.priority(),
              JobState.RENDERING,
              RENDERING_STATUS,
              defaults.maxDials(),
              defaults.maxTries(),
              s.sendAt(),
              start.plus(defaults.killTime()),
              s.messageId(),
              s.notifyWhen() != null ? s.notifyWhen() : defaults.notifyWhen(),
              s.resolution() != null ? s.resolution() : defaults.resolution(),
              s.subject() == null ? "" : s.subject(),
              s.spoolDir(),
              s.documents(),
              s.unfaxable()));
    }
    return jobs;
  }
}
