package org.faxgw.mail;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Sender notifications for outbound jobs, after HylaFAX's notify templates (done, failed,
 * requeued): a sentence, then the job's fields aligned like HylaFAX's (labels right-aligned to 17
 * characters), then the parts of the mail that could not be faxed.
 */
final class JobNotificationMail {
  static final int LABEL_WIDTH = 17;

  private final EgressConfig cfg;
  private final Clock clock;

  public JobNotificationMail(EgressConfig cfg, Clock clock) {
    this.cfg = cfg;
    this.clock = clock;
  }

  /** The mail for {@code n}; build it only when {@link JobNotice#wanted()}. */
  public OutgoingMail build(JobNotice n) {
    String verb =
        switch (n.event()) {
          case DONE -> "completed";
          case FAILED -> "failed";
          case REQUEUED -> "requeued";
        };
    String subject = "facsimile job " + n.jobId() + " to " + n.destination() + " " + verb;
    return MimeMessages.build(
        clock,
        cfg.from(),
        List.of(n.mailTo()),
        List.of(),
        subject,
        text(n),
        List.of(),
        false,
        cfg.envelopeFrom());
  }

  /** The body text. */
  public static String text(JobNotice n) {
    StringBuilder sb = new StringBuilder();
    switch (n.event()) {
      case DONE ->
          sb.append("Your facsimile job to ")
              .append(n.destination())
              .append(" was completed successfully.\n\n");
      case FAILED ->
          sb.append("Your facsimile job to ")
              .append(n.destination())
              .append(" failed because:\n    ")
              .append(n.reason().isEmpty() ? "(no reason recorded)" : n.reason())
              .append("\n\n");
      case REQUEUED -> {
        sb.append("Your facsimile job to ")
            .append(n.destination())
            .append(" was not sent because:\n    ")
            .append(n.reason())
            .append("\n");
        if (n.nextTry() != null) {
          sb.append("The job will be retried at ")
              .append(
                  DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT)
                      .format(n.nextTry()))
              .append(".\n");
        }
        sb.append('\n');
      }
    }
    sb.append(
        line("Pages", n.totalPages() > 0 ? n.pages() + " of " + n.totalPages() : "" + n.pages()));
    sb.append(line("Receiver", n.receiver().isEmpty() ? FaxSummary.UNKNOWN : n.receiver()));
    sb.append(line("Quality", n.yDpi() > 0 ? FaxSummary.quality(n.yDpi()) : FaxSummary.UNKNOWN));
    sb.append(
        line("Signal Rate", n.signalRate() > 0 ? n.signalRate() + " bit/s" : FaxSummary.UNKNOWN));
    sb.append(
        line("Data Format", n.dataFormat() != null ? n.dataFormat().label() : FaxSummary.UNKNOWN));
    sb.append(line("Dials", Integer.toString(n.dials())));
    sb.append(line("Calls", Integer.toString(n.calls())));
    sb.append(line("JobID", n.jobId()));
    sb.append(line("CommID", n.commId().isEmpty() ? FaxSummary.UNKNOWN : n.commId()));
    if (n.event() != JobNotice.Event.DONE && !n.reason().isEmpty()) {
      sb.append(line("Reason", n.reason()));
    }
    if (n.processingTime() != null) {
      sb.append("\nProcessing time was ")
          .append(FaxSummary.duration(n.processingTime()))
          .append(".\n");
    }
    if (!n.unsentParts().isEmpty()) {
      sb.append("\nThese parts of your mail could not be faxed:\n");
      for (String p : n.unsentParts()) {
        sb.append("    ").append(p).append('\n');
      }
    }
    return sb.toString();
  }

  static String line(String label, String value) {
    return " ".repeat(Math.max(0, LABEL_WIDTH - label.length())) + label + ": " + value + "\n";
  }
}
