package org.faxgw.gateway.inbound;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.faxgw.mail.JobNotice;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobListener;
import org.faxgw.queue.JobState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sender notifications for outbound jobs (HylaFAX bin/notify): told when a job ends, it writes the
 * done or failed mail to the job's owner into the outbox, as the job's notify setting asks
 * (failures always). Quick: the mail is only stored here; the outbox thread sends it.
 */
public final class JobNotifier implements JobListener {
  private static final Logger LOG = LoggerFactory.getLogger(JobNotifier.class);

  private final MailEgressService mail;
  private final Clock clock;

  public JobNotifier(MailEgressService mail, Clock clock) {
    this.mail = mail;
    this.clock = clock;
  }

  @Override
  public void jobEnded(FaxJob job) {
    store(noticeOf(job, clock), job);
  }

  @Override
  public void jobRequeued(FaxJob job) {
    store(noticeOf(job, clock), job);
  }

  private void store(JobNotice n, FaxJob job) {
    try {
      String id = mail.notifyJob(n);
      if (id != null) {
        LOG.info("job {}: {} notice for {} stored as {}", job.id(), n.event(), n.mailTo(), id);
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("job {}: could not store the notice for {}", job.id(), n.mailTo(), e);
    }
  }

  /** The notice for a job that has ended. */
  static JobNotice noticeOf(FaxJob job, Clock clock) {
    boolean done = job.state() == JobState.DONE;
    boolean requeued = !job.state().isTerminal();
    org.faxgw.queue.JobProgress p = job.progress();
    String owner = job.owner() == null ? "" : job.owner().trim();
    String to =
        owner.contains("@") ? owner : (owner.isEmpty() ? "postmaster" : owner) + "@localhost";
    return new JobNotice(
        done ? JobNotice.Event.DONE : requeued ? JobNotice.Event.REQUEUED : JobNotice.Event.FAILED,
        notify(job.notifyWhen()),
        to,
        Long.toString(job.id()),
        p.commId(),
        job.number(),
        done ? job.pages() : p.pagesConfirmed(),
        job.pages(),
        p.remoteCsi(),
        "normal".equalsIgnoreCase(job.resolution()) ? 98 : 196,
        p.signalRate(),
        p.dataFormat().isEmpty() ? null : org.faxgw.mail.DataFormat.valueOf(p.dataFormat()),
        job.dials(),
        job.tries(),
        done ? "" : job.status(),
        requeued && job.timeToSend() != null ? job.timeToSend().atZone(clock.getZone()) : null,
        job.submitted() == null ? null : Duration.between(job.submitted(), clock.instant()),
        job.unfaxable());
  }

  /** The queue's notify setting: done, failed, all or none. */
  static JobNotice.Notify notify(String when) {
    if (when == null) {
      return JobNotice.Notify.FAILURES;
    }
    return switch (when.trim().toLowerCase(Locale.ROOT)) {
      case "done" -> JobNotice.Notify.DONE;
      case "all", "requeued", "done+requeued" -> JobNotice.Notify.DONE_AND_REQUEUED;
      case "none" -> JobNotice.Notify.NONE;
      default -> JobNotice.Notify.FAILURES;
    };
  }
}
