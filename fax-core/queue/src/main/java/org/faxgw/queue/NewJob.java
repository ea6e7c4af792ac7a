package org.faxgw.queue;

import java.time.Instant;
import java.util.List;

/**
 * A job to be created; the store gives it its id, group id and initial counters.
 *
 * @param state the initial state, normally {@link JobState#RENDERING}
 * @param timeToSend when it may be sent, or null for as soon as possible
 */
public record NewJob(
    String owner,
    FaxNumber number,
    int priority,
    JobState state,
    String status,
    int maxDials,
    int maxTries,
    Instant timeToSend,
    Instant killTime,
    String messageId,
    String notifyWhen,
    String resolution,
    String subject,
    String spoolDir,
    List<JobDocument> documents,
    List<String> unfaxable) {

  public NewJob {
    documents = List.copyOf(documents);
    unfaxable = List.copyOf(unfaxable);
    if (owner == null || owner.isBlank()) {
      owner = "unknown";
    }
    if (documents.isEmpty()) {
      throw new IllegalArgumentException("a job needs at least one document");
    }
  }
}
