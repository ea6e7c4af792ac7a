package org.faxgw.gateway.hfaxd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobDocument;
import org.faxgw.queue.JobScheduler;
import org.faxgw.queue.JobState;
import org.junit.jupiter.api.Test;

/**
 * faxalter's JPARM values, JSUBM of a suspended job, trigger specs and the events faxwatch gets.
 */
class JobAlterationTest {
  private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

  private static FaxJob job(long id, JobState state, Instant tts) {
    return new FaxJob(
        id,
        id,
        "alice",
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
        NOW.plus(Duration.ofHours(3)),
        "",
        NOW,
        null,
        "failed",
        "fine",
        "",
        "m1",
        "m1/fax.tif",
        List.of(new JobDocument(JobDocument.DOCUMENT, "m1/a.ps", null, "a.ps")),
        List.of());
  }

  @Test
  void timesAreAbsoluteGmtOrRelativeDaysHoursMinutes() {
    assertThat(JobAlteration.time("000459", NOW, "LASTTIME"))
        .isEqualTo(NOW.plus(Duration.ofMinutes(4 * 60 + 59)));
    assertThat(JobAlteration.time("010000", NOW, "LASTTIME"))
        .isEqualTo(NOW.plus(Duration.ofDays(1)));
    assertThat(JobAlteration.time("202612071030", NOW, "SENDTIME"))
        .isEqualTo(Instant.parse("2026-12-07T10:30:00Z"));
    assertThat(JobAlteration.time("20261207103015", NOW, "SENDTIME"))
        .isEqualTo(Instant.parse("2026-12-07T10:30:15Z"));
    for (String bad : List.of("", "now+1", "006100", "202613071030", "1".repeat(20))) {
      assertThatThrownBy(() -> JobAlteration.time(bad, NOW, "LASTTIME"))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void faxalterParametersChangeTheJob() {
    FaxJob j = job(1, JobState.SUSPENDED, null);
    assertThat(JobAlteration.apply(j, "LASTTIME", "000100", NOW).killTime())
        .isEqualTo(NOW.plus(Duration.ofHours(1)));
    assertThat(JobAlteration.apply(j, "SCHEDPRI", "42", NOW).priority()).isEqualTo(42);
    assertThat(JobAlteration.apply(j, "MAXDIALS", "7", NOW).maxDials()).isEqualTo(7);
    assertThat(JobAlteration.apply(j, "MAXTRIES", "2", NOW).maxTries()).isEqualTo(2);
    assertThat(JobAlteration.apply(j, "NOTIFY", "when requeued", NOW).notifyWhen())
        .isEqualTo("all");
    for (String[] bad :
        new String[][] {
          {"SCHEDPRI", "256"}, {"MAXDIALS", "0"}, {"NOTIFY", "x"}, {"DIALSTRING", "1"}
        }) {
      assertThatThrownBy(() -> JobAlteration.apply(j, bad[0], bad[1], NOW))
          .as(bad[0])
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aNewSendTimeMovesAWaitingJobBetweenPendingAndReady() {
    Instant later = NOW.plus(Duration.ofHours(2));
    FaxJob pending =
        JobAlteration.apply(job(1, JobState.READY, null), "SENDTIME", "202612071100", NOW);
    assertThat(pending.state()).isEqualTo(JobState.PENDING);
    assertThat(pending.timeToSend()).isEqualTo(later);
    FaxJob now = JobAlteration.apply(pending, "SENDTIME", "NOW", NOW);
    assertThat(now.state()).isEqualTo(JobState.READY);
    assertThat(now.timeToSend()).isNull();
    FaxJob held =
        JobAlteration.apply(job(1, JobState.SUSPENDED, null), "SENDTIME", "202612071100", NOW);
    assertThat(held.state()).isEqualTo(JobState.SUSPENDED);
    assertThat(JobAlteration.resubmitted(held, NOW).state()).isEqualTo(JobState.PENDING);
    assertThat(JobAlteration.resubmitted(held, later).state()).isEqualTo(JobState.READY);
  }

  @Test
  void triggerSpecsAsFaxwatchTakesThem() {
    TriggerSpec all = TriggerSpec.parse("J*");
    TriggerSpec one = TriggerSpec.parse("J<7>0011S*");
    FaxJob j7 = job(7, JobState.READY, null);
    FaxJob j8 = job(8, JobState.READY, null);
    JobEvents.Event dead7 = new JobEvents.Event('J', JobEvents.JOB_DEAD, j7, "Done");
    JobEvents.Event ready7 = new JobEvents.Event('J', JobEvents.JOB_READY, j7, "Ready");
    JobEvents.Event dead8 = new JobEvents.Event('J', JobEvents.JOB_DEAD, j8, "Done");
    JobEvents.Event send8 = new JobEvents.Event('S', JobEvents.SEND_BEGIN, j8, "Begin");
    assertThat(all.matches(dead8)).isTrue();
    assertThat(all.matches(send8)).isFalse();
    assertThat(one.matches(dead7)).isTrue(); // 0x0011: JOB_CREATE and JOB_DEAD ...
    assertThat(one.matches(ready7)).isFalse(); // ... but not JOB_READY (0x0004)
    assertThat(one.matches(dead8)).isFalse();
    assertThat(one.matches(send8)).isTrue();
    for (String bad : List.of("", "X*", "J", "J<7", "J12", "J<a b>*", "J*" + "J*".repeat(200))) {
      assertThatThrownBy(() -> TriggerSpec.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void eventsBetweenTwoLooksAtTheSendQueue() {
    Map<Long, FaxJob> before = new LinkedHashMap<>();
    before.put(1L, job(1, JobState.RENDERING, null));
    before.put(2L, job(2, JobState.READY, null));
    before.put(3L, job(3, JobState.ACTIVE, null));
    before.put(4L, job(4, JobState.READY, null));
    before.put(5L, job(5, JobState.READY, null));
    Map<Long, FaxJob> after = new LinkedHashMap<>();
    after.put(1L, job(1, JobState.READY, null));
    after.put(2L, job(2, JobState.SUSPENDED, null));
    after.put(
        4L,
        before.get(4L).withParameters(10, 12, 3, null, NOW.plus(Duration.ofHours(3)), "failed"));
    after.put(6L, job(6, JobState.RENDERING, null));
    Map<Long, FaxJob> ended = new HashMap<>();
    ended.put(3L, job(3, JobState.DONE, null).withState(JobState.DONE, "sent"));
    // 5 removed
    ended.put(5L, null);
    List<String> got =
        JobEvents.between(before, after, id -> Optional.ofNullable(ended.get(id))).stream()
            .map(e -> e.job().id() + " " + e.kind() + " " + Integer.toHexString(e.mask()))
            .toList();
    assertThat(got)
        .containsExactlyInAnyOrder(
            "1 J 8000",
            "1 J 4",
            "2 J 2",
            "4 J 1000",
            "6 J 1",
            "6 J 4000",
            "3 S 400",
            "3 J 10",
            "5 J 200");
    FaxJob killed = job(9, JobState.FAILED, null).withState(JobState.FAILED, JobScheduler.KILLED);
    assertThat(
            JobEvents.between(
                    Map.of(9L, job(9, JobState.READY, null)), Map.of(), id -> Optional.of(killed))
                .stream()
                .map(JobEvents.Event::mask))
        .containsExactly(JobEvents.JOB_TIMEDOUT, JobEvents.JOB_DEAD);
  }
}
