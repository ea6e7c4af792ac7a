package org.faxgw.queue;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one fax job (HylaFAX's job: one document set to one number).
 *
 * @param id job id (JID)
 * @param groupId job group id (GID): jobs submitted together share it
 * @param owner who submitted it (the envelope sender, or the local user)
 * @param number the destination as canonical +E.164
 * @param dialString what is dialled
 * @param priority 0 (highest) to 255
 * @param state the HylaFAX state
 * @param pages pages to send (known after rendering)
 * @param dials calls placed so far
 * @param maxDials most calls
 * @param tries calls that reached a fax machine so far
 * @param maxTries most such calls
 * @param timeToSend when it may be sent, or null for as soon as possible
 * @param killTime when it fails if not yet sent
 * @param status what is happening or why it failed
 * @param submitted when it was accepted
 * @param messageId the mail's Message-ID, or null
 * @param notifyWhen when to tell the owner: done, failed, all or none
 * @param resolution fine or normal
 * @param subject the mail's subject (for the cover page), or empty
 * @param spoolDir the job's folder, relative to the spool root
 * @param tiff the rendered G3 TIFF relative to the spool root, or null before rendering
 * @param documents the documents in sending order
 * @param unfaxable parts of the mail that could not be faxed, each with its reason
 * @param progress what the calls achieved so far (pages confirmed for resume) and the last call's
 *     facts
 */
public record FaxJob(
    long id,
    long groupId,
    String owner,
    String number,
    String dialString,
    int priority,
    JobState state,
    int pages,
    int dials,
    int maxDials,
    int tries,
    int maxTries,
    Instant timeToSend,
    Instant killTime,
    String status,
    Instant submitted,
    String messageId,
    String notifyWhen,
    String resolution,
    String subject,
    String spoolDir,
    String tiff,
    List<JobDocument> documents,
    List<String> unfaxable,
    JobProgress progress) {

  public FaxJob {
    progress = progress == null ? JobProgress.NONE : progress;
    documents = List.copyOf(documents);
    unfaxable = List.copyOf(unfaxable);
    status = status == null ? "" : status;
    subject = subject == null ? "" : subject;
  }

  /** A job no call has been made for yet. */
  public FaxJob(
      long id,
      long groupId,
      String owner,
      String number,
      String dialString,
      int priority,
      JobState state,
      int pages,
      int dials,
      int maxDials,
      int tries,
      int maxTries,
      Instant timeToSend,
      Instant killTime,
      String status,
      Instant submitted,
      String messageId,
      String notifyWhen,
      String resolution,
      String subject,
      String spoolDir,
      String tiff,
      List<JobDocument> documents,
      List<String> unfaxable) {
    this(
        id,
        groupId,
        owner,
        number,
        dialString,
        priority,
        state,
        pages,
        dials,
        maxDials,
        tries,
        maxTries,
        timeToSend,
        killTime,
        status,
        submitted,
        messageId,
        notifyWhen,
        resolution,
        subject,
        spoolDir,
        tiff,
        documents,
        unfaxable,
        JobProgress.NONE);
  }

  public FaxJob withState(JobState newState, String newStatus) {
    return new FaxJob(
        id,
        groupId,
        owner,
        number,
        dialString,
        priority,
        newState,
        pages,
        dials,
        maxDials,
        tries,
        maxTries,
        timeToSend,
        killTime,
        newStatus,
        submitted,
        messageId,
        notifyWhen,
        resolution,
        subject,
        spoolDir,
        tiff,
        documents,
        unfaxable,
        progress);
  }

  public FaxJob withRendered(int newPages, String newTiff) {
    return new FaxJob(
        id,
        groupId,
        owner,
        number,
        dialString,
        priority,
        state,
        newPages,
        dials,
        maxDials,
        tries,
        maxTries,
        timeToSend,
        killTime,
        status,
        submitted,
        messageId,
        notifyWhen,
        resolution,
        subject,
        spoolDir,
        newTiff,
        documents,
        unfaxable,
        progress);
  }

  public FaxJob withCalls(int newDials, int newTries, Instant newTimeToSend) {
    return new FaxJob(
        id,
        groupId,
        owner,
        number,
        dialString,
        priority,
        state,
        pages,
        newDials,
        maxDials,
        newTries,
        maxTries,
        newTimeToSend,
        killTime,
        status,
        submitted,
        messageId,
        notifyWhen,
        resolution,
        subject,
        spoolDir,
        tiff,
        documents,
        unfaxable,
        progress);
  }

  public FaxJob withProgress(JobProgress newProgress) {
    return new FaxJob(
        id,
        groupId,
        owner,
        number,
        dialString,
        priority,
        state,
        pages,
        dials,
        maxDials,
        tries,
        maxTries,
        timeToSend,
        killTime,
        status,
        submitted,
        messageId,
        notifyWhen,
        resolution,
        subject,
        spoolDir,
        tiff,
        documents,
        unfaxable,
        newProgress);
  }

  /** The same job with the parameters faxalter changes (HylaFAX's JPARM on a queued job). */
  public FaxJob withParameters(
      int newPriority,
      int newMaxDials,
      int newMaxTries,
      Instant newTimeToSend,
      Instant newKillTime,
      String newNotifyWhen) {
    return new FaxJob(
        id,
        groupId,
        owner,
        number,
        dialString,
        newPriority,
        state,
        pages,
        dials,
        newMaxDials,
        tries,
        newMaxTries,
        newTimeToSend,
        newKillTime,
        status,
        submitted,
        messageId,
        newNotifyWhen,
        resolution,
        subject,
        spoolDir,
        tiff,
        documents,
        unfaxable,
        progress);
  }
}
