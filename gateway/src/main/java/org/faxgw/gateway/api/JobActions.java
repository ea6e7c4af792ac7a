package org.faxgw.gateway.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.faxgw.gateway.admin.AdminJobs;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobDocument;
import org.faxgw.queue.JobState;

/**
 * The changes a console user makes to a job. Each is one conditional store write (the job must
 * still be in the state it was read in), so a race with the queue timer or a line is a 409, never a
 * lost update.
 */
final class JobActions {
  private final ApiDeps deps;

  JobActions(ApiDeps deps) {
    this.deps = deps;
  }

  /** Ends a job that is not on a call as failed, "Cancelled by USER". */
  FaxJob cancel(FaxJob j, String user) {
    if (j.state().isTerminal()) {
      throw new ApiErrors.ApiException(409, "job " + j.id() + " has already ended");
    }
    if (j.state() == JobState.ACTIVE) {
      throw new ApiErrors.ApiException(
          409, "job " + j.id() + " is on a call now; cancel it when the call has ended");
    }
    FaxJob next = j.withState(JobState.FAILED, "Cancelled by " + user);
    if (!deps.store().update(next, j.state())) {
      throw new ApiErrors.ApiException(409, "job " + j.id() + " changed meanwhile; try again");
    }
    return deps.store().find(j.id()).orElse(next);
  }

  /**
   * Sends a failed or waiting job again now: it sleeps until now, so the queue timer makes it ready
   * within a second. When its dials or tries are used up they start again from 0 (the previous
   * calls stay in xferfaxlog and the attempts). A job past its kill time cannot be retried (it
   * would fail at once): resubmit it.
   */
  FaxJob retry(FaxJob j, String user) {
    if (j.state() == JobState.ACTIVE || j.state() == JobState.RENDERING) {
      throw new ApiErrors.ApiException(409, "job " + j.id() + " is " + j.state().label());
    }
    if (j.state() == JobState.DONE) {
      throw new ApiErrors.ApiException(409, "job " + j.id() + " was sent; resubmit it instead");
    }
    if (j.tiff() == null) {
      throw new ApiErrors.ApiException(
          409, "job " + j.id() + " has no rendered pages; resubmit it instead");
    }
    if (j.killTime() != null && !deps.clock().instant().isBefore(j.killTime())) {
      throw new ApiErrors.ApiException(
          409, "job " + j.id() + " is past its kill time; resubmit it instead");
    }
    boolean usedUp = j.dials() >= j.maxDials() || j.tries() >= j.maxTries();
    FaxJob next =
        j.withCalls(usedUp ? 0 : j.dials(), usedUp ? 0 : j.tries(), deps.clock().instant())
            .withState(JobState.SLEEPING, "Retry requested by " + user);
    if (!deps.store().update(next, j.state())) {
      throw new ApiErrors.ApiException(409, "job " + j.id() + " changed meanwhile; try again");
    }
    return deps.store().find(j.id()).orElse(next);
  }

  /** A new job with the same documents (and cover) to another number, owned by the same owner. */
  FaxJob resubmit(FaxJob j, String number, String user) throws IOException {
    String cover = null;
    List<AdminJobs.LocalDocument> docs = new ArrayList<>();
    List<java.io.InputStream> open = new ArrayList<>();
    try {
      for (JobDocument d : j.documents()) {
        Path p;
        try {
          p = deps.spoolFile(d.path());
        } catch (IllegalArgumentException e) {
          p = null; // a path that leaves the spool
        }
        if (p == null || !Files.isRegularFile(p)) {
          throw new ApiErrors.ApiException(
              409, "job " + j.id() + ": document " + d.name() + " is no longer in the spool");
        }
        if (JobDocument.COVER.equals(d.kind())) {
          cover = Files.readString(p, StandardCharsets.UTF_8);
        } else {
          java.io.InputStream in = Files.newInputStream(p);
          open.add(in);
          docs.add(new AdminJobs.LocalDocument(d.name(), d.contentType(), in));
        }
      }
      List<FaxJob> made =
          deps.jobs()
              .submit(
                  j.owner(), List.of(number), docs, cover, j.resolution(), j.notifyWhen(), null);
      if (made.isEmpty()) {
        throw new ApiErrors.ApiException(409, "no job made (a duplicate of a recent one)");
      }
      return made.get(0);
    } catch (AdminJobs.BadRequestException e) {
      throw ApiErrors.badRequest(e.getMessage());
    } finally {
      for (java.io.InputStream in : open) {
        in.close();
      }
    }
  }
}
