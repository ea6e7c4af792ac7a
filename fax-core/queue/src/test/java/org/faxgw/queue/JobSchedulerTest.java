package org.faxgw.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobSchedulerTest {
  private static final Instant T0 = Instant.parse("2026-01-02T03:00:00Z");

  private static FaxJob job(JobState state, Instant tts, String status) {
    return new FaxJob(
        1,
        1,
        "a@b",
        "+16045557977",
        "16045557977",
        127,
        state,
        1,
        0,
        12,
        0,
        3,
        tts,
        T0.plus(Duration.ofHours(3)),
        status,
        T0,
        null,
        "failed",
        "fine",
        "",
        "m1",
        null,
        List.of(new JobDocument(JobDocument.DOCUMENT, "m1/a.pdf", null, "a.pdf")),
        List.of());
  }

  private final JobScheduler noLine = new JobScheduler(false);

  @Test
  void readyJobsWaitHonestlyForAFaxLine() {
    FaxJob rendered = job(JobState.RENDERING, null, "");
    assertThat(noLine.afterRendering(rendered, T0).state()).isEqualTo(JobState.READY);
    assertThat(noLine.afterRendering(rendered, T0).status()).isEqualTo("Waiting for a fax line");
  }

  @Test
  void aJobWithALaterTimeToSendIsPendingUntilThen() {
    Instant later = T0.plus(Duration.ofMinutes(30));
    FaxJob pending = noLine.afterRendering(job(JobState.RENDERING, later, ""), T0);
    assertThat(pending.state()).isEqualTo(JobState.PENDING);
    assertThat(noLine.due(List.of(pending), T0.plus(Duration.ofMinutes(29)))).isEmpty();
    List<JobScheduler.Change> c = noLine.due(List.of(pending), later);
    assertThat(c).singleElement().extracting(x -> x.next().state()).isEqualTo(JobState.READY);
  }

  @Test
  void aJobPastItsKillTimeFails() {
    FaxJob ready = job(JobState.READY, null, JobScheduler.NO_LINE);
    assertThat(noLine.due(List.of(ready), T0.plus(Duration.ofMinutes(179)))).isEmpty();
    List<JobScheduler.Change> c = noLine.due(List.of(ready), T0.plus(Duration.ofHours(3)));
    assertThat(c)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.next().state()).isEqualTo(JobState.FAILED);
              assertThat(x.next().status()).isEqualTo(JobScheduler.KILLED);
            });
  }

  @Test
  void sleepingJobsWakeAtTheirRetryTime() {
    FaxJob sleeping = job(JobState.SLEEPING, T0.plus(Duration.ofMinutes(3)), "Busy signal");
    assertThat(noLine.due(List.of(sleeping), T0.plus(Duration.ofMinutes(2)))).isEmpty();
    assertThat(noLine.due(List.of(sleeping), T0.plus(Duration.ofMinutes(3))))
        .singleElement()
        .extracting(x -> x.next().state())
        .isEqualTo(JobState.READY);
  }

  @Test
  void aSuspendedJobIsNeitherMadeReadyNorKilledUntilSubmittedAgain() {
    FaxJob suspended = job(JobState.SUSPENDED, null, "Suspended");
    assertThat(noLine.due(List.of(suspended), T0)).isEmpty();
    assertThat(noLine.due(List.of(suspended), T0.plus(Duration.ofHours(4)))).isEmpty();
    assertThat(JobState.SUSPENDED.code()).isEqualTo('T');
    assertThat(JobState.SEND_QUEUE).contains(JobState.SUSPENDED);
  }
}
