package org.faxgw.gateway.serve;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.faxgw.gateway.admin.AdminJobs;
import org.faxgw.gateway.hfaxd.JobControl;
import org.faxgw.queue.DialingRules;
import org.faxgw.queue.DocumentSpool;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.FaxNumber;
import org.faxgw.queue.JobDefaults;
import org.faxgw.queue.JobDocument;
import org.faxgw.queue.JobFactory;
import org.faxgw.queue.JobState;
import org.faxgw.queue.JobStore;
import org.faxgw.queue.NewJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs the admin API works on ({@link AdminJobs}): list, remove with spool files (a job in a
 * call is also signalled to the fax lines, whose call then ends at once), submit; and what the
 * HylaFAX protocol needs besides ({@link JobControl}): reserved ids, limits, alter.
 */
public final class JobService implements JobControl {
  private static final Logger log = LoggerFactory.getLogger(JobService.class);

  private final JobStore store;
  private final DocumentSpool spool;
  private final java.util.function.Supplier<DialingRules> rules;
  private final JobFactory factory;
  private final Clock clock;
  private final Consumer<List<FaxJob>> accepted;
  private final LongConsumer removed;

  JobService(
      JobStore store,
      DocumentSpool spool,
      java.util.function.Supplier<DialingRules> rules,
      JobDefaults defaults,
      Clock clock,
      Consumer<List<FaxJob>> accepted,
      LongConsumer removed) {
    this.store = store;
    this.spool = spool;
    this.rules = rules;
    this.factory = new JobFactory(defaults);
    this.clock = clock;
    this.accepted = accepted;
    this.removed = removed;
  }

  @Override
  public List<FaxJob> list(Set<JobState> states) {
    return store.list(states);
  }

  @Override
  public long nextId() {
    return store.nextId();
  }

  @Override
  public Optional<FaxJob> find(long id) {
    return store.find(id);
  }

  @Override
  public Optional<FaxJob> remove(long id) throws IOException {
    Optional<FaxJob> gone = store.delete(id);
    if (gone.isEmpty()) {
      return gone;
    }
    FaxJob j = gone.get();
    if (j.state() == JobState.ACTIVE) {
      removed.accept(j.id()); // its call ends now, not at the next lease renewal
    }
    if (!store.isReferenced(j.spoolDir(), j.id())) {
      spool.deleteFolder(j.spoolDir());
    } else {
      if (j.tiff() != null && !store.isReferenced(j.tiff(), j.id())) {
        spool.deleteFile(j.tiff());
      }
      for (JobDocument d : j.documents()) {
        if (!store.isReferenced(d.path(), j.id())) {
          spool.deleteFile(d.path());
        }
      }
    }
    log.info("job {} removed", id);
    return gone;
  }

  @Override
  public List<FaxJob> submit(
      String owner,
      List<String> numbers,
      List<LocalDocument> documents,
      String cover,
      String resolution,
      String notify,
      Instant sendAt)
      throws BadRequestException, IOException {
    return submit(owner, numbers, documents, cover, resolution, notify, sendAt, false);
  }

  @Override
  public List<FaxJob> submit(
      String owner,
      List<String> numbers,
      List<LocalDocument> documents,
      String cover,
      String resolution,
      String notify,
      Instant sendAt,
      boolean capture)
      throws BadRequestException, IOException {
    return submitJobs(
        0, owner, numbers, documents, cover, resolution, notify, sendAt, Limits.DEFAULTS, capture);
  }

  @Override
  public long reserveId() {
    return store.reserveId();
  }

  @Override
  public List<FaxJob> submit(
      long reservedId,
      String owner,
      String number,
      List<LocalDocument> documents,
      String resolution,
      String notify,
      Instant sendAt,
      Limits limits)
      throws BadRequestException, IOException {
    return submitJobs(
        reservedId,
        owner,
        List.of(number),
        documents,
        null,
        resolution,
        notify,
        sendAt,
        limits,
        false);
  }

  @Override
  public boolean alter(FaxJob next, JobState expected) {
    boolean done = store.alter(next, expected);
    if (done) {
      log.info(
          "job {}: {} -> {} ({})",
          next.id(),
          expected.label(),
          next.state().label(),
          next.status());
    }
    return done;
  }

  private List<FaxJob> submitJobs(
      long reservedId,
      String owner,
      List<String> numbers,
      List<LocalDocument> documents,
      String cover,
      String resolution,
      String notify,
      Instant sendAt,
      Limits limits,
      boolean capture)
      throws BadRequestException, IOException {
    if (numbers.isEmpty()) {
      throw new BadRequestException("no destination (-d NUMBER)");
    }
    if (documents.isEmpty() && (cover == null || cover.isBlank())) {
      throw new BadRequestException("no documents to send");
    }
    List<FaxNumber> dest = new ArrayList<>();
    for (String n : numbers) {
      dest.add(
          rules
              .get()
              .canonical(n)
              .orElseThrow(() -> new BadRequestException("not a fax number: " + n)));
    }
    String folder = spool.newFolder();
    boolean keep = false;
    try {
      List<JobDocument> docs = new ArrayList<>();
      if (cover != null && !cover.isBlank()) {
        String path =
            spool.write(
                folder,
                "cover.txt",
                new java.io.ByteArrayInputStream(
                    cover.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        docs.add(
            new JobDocument(JobDocument.COVER, path, "text/plain; charset=utf-8", "cover.txt"));
      }
      int i = 0;
      for (LocalDocument d : documents) {
        i++;
        String safe = d.name() == null ? "doc" : d.name().replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.startsWith(".")) {
          safe = "_" + safe;
        }
        String path = spool.write(folder, "doc-" + i + "-" + safe, d.content());
        docs.add(new JobDocument(JobDocument.DOCUMENT, path, d.contentType(), d.name()));
      }
      if (capture) {
        spool.markCapture(folder);
      }
      spool.syncFolder(folder);
      Instant now = clock.instant();
      List<NewJob> jobs =
          factory.newJobs(
              new JobFactory.Submission(
                  owner, dest, docs, folder, sendAt, null, notify, resolution, "", List.of()),
              now);
      jobs = jobs.stream().map(j -> limited(j, limits)).toList();
      List<FaxJob> made = store.submit(jobs, now, factory.defaults().duplicateWindow(), reservedId);
      keep = true;
      accepted.accept(made);
      return made;
    } finally {
      if (!keep) {
        spool.deleteFolder(folder);
      }
    }
  }

  private static NewJob limited(NewJob j, Limits l) {
    if (l.equals(Limits.DEFAULTS)) {
      return j;
    }
    return new NewJob(
        j.owner(),
        j.number(),
        l.priority() != null ? l.priority() : j.priority(),
        j.state(),
        j.status(),
        l.maxDials() != null ? l.maxDials() : j.maxDials(),
        l.maxTries() != null ? l.maxTries() : j.maxTries(),
        j.timeToSend(),
        l.killTime() != null ? l.killTime() : j.killTime(),
        j.messageId(),
        j.notifyWhen(),
        j.resolution(),
        j.subject(),
        j.spoolDir(),
        j.documents(),
        j.unfaxable());
  }

  /** All states. */
  public static Set<JobState> all() {
    return EnumSet.allOf(JobState.class);
  }
}
