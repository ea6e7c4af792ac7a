package org.faxgw.smtp;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import org.faxgw.queue.DocumentSpool;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.FaxNumber;
import org.faxgw.queue.JobDefaults;
import org.faxgw.queue.JobDocument;
import org.faxgw.queue.JobFactory;
import org.faxgw.queue.JobStore;
import org.faxgw.queue.NewJob;
import org.faxgw.smtp.mime.FaxPart;
import org.faxgw.smtp.mime.FaxSubmission;
import org.faxgw.smtp.mime.MessageRefusedException;

/**
 * Turns an accepted message into durable jobs, one per recipient, one group per message. When
 * {@link #submit} returns, the jobs are committed; the listener then hears of them (to start
 * rendering).
 */
public final class Spooler {
  private final JobStore store;
  private final DocumentSpool spool;
  private final JobFactory factory;
  private final Clock clock;
  private final Consumer<List<FaxJob>> accepted;

  public Spooler(
      JobStore store,
      DocumentSpool spool,
      JobDefaults defaults,
      Clock clock,
      Consumer<List<FaxJob>> accepted) {
    this.store = store;
    this.spool = spool;
    this.factory = new JobFactory(defaults);
    this.clock = clock;
    this.accepted = accepted;
  }

  public DocumentSpool spool() {
    return spool;
  }

  /**
   * Stores one job per number for the parsed message in {@code folder}.
   *
   * @return the jobs made (empty when every number was a duplicate)
   * @throws MessageRefusedException 554 5.6.1 when nothing in the message can be faxed
   */
  public List<FaxJob> submit(
      String owner, List<FaxNumber> numbers, FaxSubmission sub, String folder)
      throws MessageRefusedException {
    List<JobDocument> docs = new ArrayList<>();
    FaxSubmission.FaxOptions o = sub.options();
    if (!sub.documents().isEmpty()) {
      if (sub.body() != null && !Boolean.FALSE.equals(o.cover())) {
        docs.add(doc(JobDocument.COVER, sub.body()));
      }
      for (FaxPart p : sub.documents()) {
        docs.add(doc(JobDocument.DOCUMENT, p));
      }
    } else if (sub.body() != null) {
      docs.add(doc(JobDocument.DOCUMENT, sub.body()));
    }
    if (docs.isEmpty()) {
      String why =
          sub.unfaxable().isEmpty() ? "the message is empty" : String.join("; ", sub.unfaxable());
      // RFC 3463 5.6.1: media not supported
      throw new MessageRefusedException(554, "5.6.1 Nothing in this message can be faxed: " + why);
    }
    if (Boolean.TRUE.equals(o.capture())) {
      try {
        spool.markCapture(folder);
      } catch (java.io.IOException e) {
        throw new MessageRefusedException(451, "4.3.0 Cannot store the message: " + e.getMessage());
      }
    }
    Instant now = clock.instant();
    List<NewJob> jobs =
        factory.newJobs(
            new JobFactory.Submission(
                owner,
                new LinkedHashSet<>(numbers),
                docs,
                folder,
                o.sendAt(),
                sub.messageId(),
                o.notifyWhen(),
                o.resolution(),
                sub.subject(),
                sub.unfaxable()),
            now);
    List<FaxJob> made = store.submit(jobs, now, factory.defaults().duplicateWindow());
    if (!made.isEmpty()) {
      accepted.accept(made);
    }
    return made;
  }

  private static JobDocument doc(String kind, FaxPart p) {
    return new JobDocument(kind, p.path(), p.contentType(), p.name());
  }
}
