package org.faxgw.queue;

/**
 * Told when a job ends (done or failed), for sender notifications. Implementations must not block
 * for long: they are called on the thread that ended the job.
 */
@FunctionalInterface
public interface JobListener {
  JobListener NONE = job -> {};

  /** {@code job} has just reached {@link JobState#DONE} or {@link JobState#FAILED}. */
  void jobEnded(FaxJob job);

  /**
   * {@code job} was tried and will be tried again ({@link JobState#SLEEPING} until its time to
   * send), for HylaFAX's "requeued" notice. Default: nothing.
   */
  default void jobRequeued(FaxJob job) {}
}
