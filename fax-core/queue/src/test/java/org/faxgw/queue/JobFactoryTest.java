package org.faxgw.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobFactoryTest {
  private static final Instant NOW = Instant.parse("2026-05-01T09:00:00Z");
  private static final List<JobDocument> DOCS =
      List.of(new JobDocument(JobDocument.DOCUMENT, "m1/a.pdf", "application/pdf", "a.pdf"));
  private static final FaxNumber A = new FaxNumber("+16045557977", "16045557977");
  private static final FaxNumber B = new FaxNumber("+16045550100", "16045550100");

  private final JobFactory factory = new JobFactory(JobDefaults.hylafax());

  private static JobFactory.Submission submission(
      Instant sendAt, String notify, String resolution, String subject) {
    return new JobFactory.Submission(
        "alice",
        List.of(A, B),
        DOCS,
        "m1",
        sendAt,
        "<id@x>",
        notify,
        resolution,
        subject,
        List.of("part 2: cannot fax this type"));
  }

  @Test
  void aJobPerNumberWaitingToBeRenderedWithTheDefaults() {
    List<NewJob> jobs = factory.newJobs(submission(null, null, null, null), NOW);
    assertThat(jobs).extracting(NewJob::number).containsExactly(A, B);
    NewJob j = jobs.get(0);
    JobDefaults d = JobDefaults.hylafax();
    assertThat(j.state()).isEqualTo(JobState.RENDERING);
    assertThat(j.status()).isEqualTo(JobFactory.RENDERING_STATUS);
    assertThat(j.priority()).isEqualTo(d.priority());
    assertThat(j.maxDials()).isEqualTo(d.maxDials());
    assertThat(j.maxTries()).isEqualTo(d.maxTries());
    assertThat(j.notifyWhen()).isEqualTo(d.notifyWhen());
    assertThat(j.resolution()).isEqualTo(d.resolution());
    assertThat(j.subject()).isEmpty();
    assertThat(j.killTime()).isEqualTo(NOW.plus(d.killTime()));
    assertThat(j.messageId()).isEqualTo("<id@x>");
    assertThat(j.spoolDir()).isEqualTo("m1");
    assertThat(j.unfaxable()).containsExactly("part 2: cannot fax this type");
  }

  @Test
  void whatTheSubmissionSaysWinsAndALaterSendTimeMovesTheKillTime() {
    Instant later = NOW.plus(Duration.ofHours(5));
    NewJob j = factory.newJobs(submission(later, "all", "normal", "Report"), NOW).get(0);
    assertThat(j.timeToSend()).isEqualTo(later);
    assertThat(j.killTime()).isEqualTo(later.plus(JobDefaults.hylafax().killTime()));
    assertThat(j.notifyWhen()).isEqualTo("all");
    assertThat(j.resolution()).isEqualTo("normal");
    assertThat(j.subject()).isEqualTo("Report");
  }

  @Test
  void aSendTimeInThePastCountsTheKillTimeFromNow() {
    Instant earlier = NOW.minus(Duration.ofHours(1));
    NewJob j = factory.newJobs(submission(earlier, null, null, null), NOW).get(0);
    assertThat(j.killTime()).isEqualTo(NOW.plus(JobDefaults.hylafax().killTime()));
  }
}
