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
import org.faxgw.gateway.admin.AdminJobs;
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

/** The jobs the admin API works on ({@link AdminJobs}): list, remove with spool files, submit. */
public final class JobService implements AdminJobs {
  private static final Logger log = LoggerFactory.getLogger(JobService.class);

  private final JobStore store;
  private final DocumentSpool spool;
  private final java.util.function.Supplier<DialingRules> rules;
  private final JobFactory factory;
  private final Clock clock;
  private final Consumer<List<FaxJob>> accepted;

  JobService(
      JobStore store,
      DocumentSpool spool,
      java.util.function.Supplier<DialingRules> rules,
      JobDefaults defaults,
      Clock clock,
      Consumer<List<FaxJob>> accepted) {
    this.store = store;
    this.spool = spool;
    this.rules = rules;
    this.factory = new JobFactory(defaults);
    this.clock = clock;
    this.accepted = accepted;
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
      List<FaxJob> made = store.submit(jobs, now, factory.defaults().duplicateWindow());
      keep = true;
      accepted.accept(made);
      return made;
    } finally {
      if (!keep) {
        spool.deleteFolder(folder);
      }
    }
  }

  /** All states. */
  public static Set<JobState> all() {
    return EnumSet.allOf(JobState.class);
  }
}
