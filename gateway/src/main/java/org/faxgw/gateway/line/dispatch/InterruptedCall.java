package org.faxgw.gateway.line.dispatch;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobStore;

/**
 * A job put back in the queue from a call that never ended on its own (the node died or restarted,
 * its lease lapsed): the status it is requeued with names the node whose lease lapsed, and the call
 * that resumes it says in its session log what may have been sent twice.
 *
 * <p>The one window in which a page reaches the far end twice: the far end confirmed a page (MCF)
 * and the node died before that page's checkpoint was committed. The job resumes after the last
 * committed page, so the page after it may have been received already and is sent again. Nothing
 * else is sent twice: a page is sent again only if its confirmation was never committed, and a call
 * whose every page was checkpointed resumes with nothing left to send.
 */
public final class InterruptedCall {
  private static final String LEASE_OF = " (lease of ";
  private static final Pattern REQUEUED =
      Pattern.compile("^(Requeued after .+) \\(lease of (.*)\\)$");

  private InterruptedCall() {}

  /**
   * The status to give {@link JobStore#requeueExpired}: {@code why} and the owner of the lapsed
   * lease, e.g. {@code Requeued after an interrupted call (lease of gw1:4242)}.
   *
   * @param why starts with {@code Requeued after}
   */
  public static String requeueStatus(String why) {
    return why + LEASE_OF + JobStore.LEASE_OWNER + ")";
  }

  /**
   * The session-log line of a call that resumes {@code job} after an interrupted call, or empty
   * when the job was not requeued from a lapsed lease (or had no page confirmed: nothing can have
   * been sent twice).
   *
   * @param total the job's pages
   */
  public static Optional<String> resumeNote(FaxJob job, int total) {
    int done = job.progress().pagesConfirmed();
    Matcher m = REQUEUED.matcher(job.status());
    if (done == 0 || !m.matches()) {
      return Optional.empty();
    }
    String owner = m.group(2).isEmpty() ? "another node" : m.group(2);
    String head =
        "RESUMED after " + owner + "'s lease lapsed at page " + done + " (" + m.group(1) + "): ";
    if (done >= total) {
      return Optional.of(head + "every page was confirmed and committed, nothing is sent again");
    }
    return Optional.of(
        head
            + "page "
            + (done + 1)
            + " may have reached the far end already (sent again: its confirmation was not"
            + " committed)");
  }
}
