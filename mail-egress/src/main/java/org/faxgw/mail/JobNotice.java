package org.faxgw.mail;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * What the sender of an outbound fax job is told (HylaFAX {@code bin/notify}).
 *
 * @param event what happened
 * @param notifyWhen what the sender asked to hear about
 * @param mailTo the job's notification address (the mail's sender)
 * @param jobId the job number
 * @param commId the CommID of the last call, empty when no call was made
 * @param destination the number dialled
 * @param pages pages sent
 * @param totalPages pages in the job
 * @param receiver the remote CSI, empty when unknown
 * @param yDpi vertical resolution sent, 0 when unknown
 * @param signalRate bit/s of the last call, 0 when unknown
 * @param dataFormat coding of the last call, null when unknown
 * @param dials dial attempts
 * @param calls calls that were answered
 * @param reason why it failed or was requeued, empty when done
 * @param nextTry when a requeued job is tried again, null otherwise
 * @param processingTime how long the job took, null when unknown
 * @param unsentParts attachments of the original mail that could not be faxed, each with why
 */
public record JobNotice(
    Event event,
    Notify notifyWhen,
    String mailTo,
    String jobId,
    String commId,
    String destination,
    int pages,
    int totalPages,
    String receiver,
    int yDpi,
    int signalRate,
    DataFormat dataFormat,
    int dials,
    int calls,
    String reason,
    ZonedDateTime nextTry,
    Duration processingTime,
    List<String> unsentParts) {

  /** The job events a sender can be told of. */
  public enum Event {
    DONE,
    FAILED,
    REQUEUED
  }

  /** The job's notify setting (sendfax -D/-R/-N; default: only problems). */
  public enum Notify {
    /** Failures only. */
    FAILURES,
    /** Done and failures (sendfax -D). */
    DONE,
    /** Done, requeued and failures (sendfax -R). */
    DONE_AND_REQUEUED,
    /** Nothing (sendfax -N); failures are still reported, as HylaFAX's notify does. */
    NONE
  }

  public JobNotice {
    Objects.requireNonNull(event, "event");
    notifyWhen = Objects.requireNonNullElse(notifyWhen, Notify.FAILURES);
    Objects.requireNonNull(mailTo, "mailTo");
    commId = Objects.requireNonNullElse(commId, "");
    destination = Objects.requireNonNullElse(destination, "");
    receiver = Objects.requireNonNullElse(receiver, "");
    reason = Objects.requireNonNullElse(reason, "");
    unsentParts = List.copyOf(Objects.requireNonNullElse(unsentParts, List.of()));
  }

  /** Whether the sender asked to hear of this event. */
  public boolean wanted() {
    return switch (event) {
      case FAILED -> true;
      case DONE -> notifyWhen == Notify.DONE || notifyWhen == Notify.DONE_AND_REQUEUED;
      case REQUEUED -> notifyWhen == Notify.DONE_AND_REQUEUED;
    };
  }
}
