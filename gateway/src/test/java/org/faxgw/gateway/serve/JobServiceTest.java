package org.faxgw.gateway.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.faxgw.queue.DialingRules;
import org.faxgw.queue.DocumentSpool;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.FaxNumber;
import org.faxgw.queue.JobDefaults;
import org.faxgw.queue.JobDocument;
import org.faxgw.queue.JobState;
import org.faxgw.queue.NewJob;
import org.faxgw.queue.SqliteJobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** faxrm through the admin API: a job in a call is signalled to the fax lines at once. */
class JobServiceTest {
  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  @TempDir Path dir;

  @Test
  void removingAJobInACallTellsTheLinesAndRemovingAWaitingJobDoesNot() throws Exception {
    try (SqliteJobStore store = SqliteJobStore.open(dir.resolve("faxgw.db"))) {
      List<Long> signalled = new ArrayList<>();
      JobService jobs =
          new JobService(
              store,
              new DocumentSpool(dir.resolve("spool")),
              DialingRules::northAmerica,
              JobDefaults.hylafax(),
              Clock.fixed(T0, ZoneOffset.UTC),
              made -> {},
              signalled::add);
      FaxJob active = ready(store);
      FaxJob waiting = ready(store);
      store.claim(active.id(), "node", T0, Duration.ofSeconds(60)).orElseThrow();
      assertThat(jobs.remove(waiting.id())).isPresent();
      assertThat(signalled).isEmpty();
      assertThat(jobs.remove(active.id())).isPresent();
      assertThat(signalled).containsExactly(active.id());
      assertThat(store.find(active.id())).isEmpty();
    }
  }

  private static FaxJob ready(SqliteJobStore store) {
    NewJob nj =
        new NewJob(
            "alice@example.com",
            new FaxNumber("+16045557977", "16045557977"),
            127,
            JobState.READY,
            "",
            12,
            3,
            null,
            T0.plus(Duration.ofHours(3)),
            null,
            "failed",
            "fine",
            "",
            "m",
            List.of(new JobDocument(JobDocument.DOCUMENT, "m/a.pdf", "application/pdf", "a.pdf")),
            List.of());
    return store.submit(List.of(nj), T0, Duration.ZERO).get(0);
  }
}
