package org.faxgw.gateway.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.faxgw.mail.JobNotice;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobState;
import org.junit.jupiter.api.Test;

class JobNotifierTest {
  private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

  static FaxJob job(JobState state, String notify, String owner, String status) {
    return new FaxJob(
        17,
        17,
        owner,
        "+16045557977",
        "16045557977",
        127,
        state,
        3,
        2,
        12,
        1,
        3,
        null,
        T0.plus(Duration.ofHours(3)),
        status,
        T0,
        "<m@example.com>",
        notify,
        "fine",
        "figures",
        "job17",
        "job17/fax.tif",
        List.of(),
        List.of("budget.xlsx (application/vnd.ms-excel): cannot be faxed"));
  }

  @Test
  void doneJobCarriesItsFields() {
    Clock clock = Clock.fixed(T0.plusSeconds(72), ZoneOffset.UTC);
    JobNotice n = JobNotifier.noticeOf(job(JobState.DONE, "done", "bob@example.com", ""), clock);
    assertThat(n.event()).isEqualTo(JobNotice.Event.DONE);
    assertThat(n.wanted()).isTrue();
    assertThat(n.mailTo()).isEqualTo("bob@example.com");
    assertThat(n.jobId()).isEqualTo("17");
    assertThat(n.destination()).isEqualTo("+16045557977");
    assertThat(n.pages()).isEqualTo(3);
    assertThat(n.dials()).isEqualTo(2);
    assertThat(n.calls()).isEqualTo(1);
    assertThat(n.yDpi()).isEqualTo(196);
    assertThat(n.processingTime()).isEqualTo(Duration.ofSeconds(72));
    assertThat(n.unsentParts())
        .containsExactly("budget.xlsx (application/vnd.ms-excel): cannot be faxed");
  }

  @Test
  void failedJobCarriesTheReasonAndIsAlwaysWanted() {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    JobNotice n =
        JobNotifier.noticeOf(job(JobState.FAILED, "none", "bob", "No carrier detected"), clock);
    assertThat(n.event()).isEqualTo(JobNotice.Event.FAILED);
    assertThat(n.reason()).isEqualTo("No carrier detected");
    assertThat(n.pages()).isZero();
    assertThat(n.mailTo()).isEqualTo("bob@localhost");
    assertThat(n.wanted()).isTrue();
  }

  @Test
  void doneIsQuietUnlessAsked() {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    assertThat(JobNotifier.noticeOf(job(JobState.DONE, "failed", "b@x.org", ""), clock).wanted())
        .isFalse();
    assertThat(JobNotifier.noticeOf(job(JobState.DONE, "all", "b@x.org", ""), clock).wanted())
        .isTrue();
  }

  @Test
  void aRequeuedJobGivesARequeuedNoticeWithTheLastCallsFactsAndTheNextTry() {
    Clock clock = Clock.fixed(T0.plusSeconds(300), ZoneOffset.UTC);
    FaxJob j =
        job(JobState.SLEEPING, "all", "bob@example.com", "Busy signal detected")
            .withCalls(2, 1, T0.plusSeconds(480))
            .withProgress(
                new org.faxgw.queue.JobProgress(
                    1, 9600, "MR", false, "+1 555 0100", 40_000, "000000042", "Busy"));
    JobNotice n = JobNotifier.noticeOf(j, clock);
    assertThat(n.event()).isEqualTo(JobNotice.Event.REQUEUED);
    assertThat(n.wanted()).isTrue();
    assertThat(n.commId()).isEqualTo("000000042");
    assertThat(n.pages()).isEqualTo(1);
    assertThat(n.receiver()).isEqualTo("+1 555 0100");
    assertThat(n.signalRate()).isEqualTo(9600);
    assertThat(n.reason()).isEqualTo("Busy signal detected");
    assertThat(n.nextTry().toInstant()).isEqualTo(T0.plusSeconds(480));
  }
}
