package org.faxgw.gateway.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HylaFAX's JINTR as the hfaxd listener does it (JobControl.alter, i.e. JobStore.alter from active
 * to suspended) against the real dispatcher and call runner: the call ends at the dispatcher's next
 * pass (no lease time passes), the job stays suspended (the call's outcome is not written over it),
 * and once submitted again it is sent.
 */
class SuspendDuringCallTest {
  private static final String NUMBER = "+16045557977";
  @TempDir Path dir;
  private SendHarness h;

  @BeforeEach
  void setUp() throws Exception {
    h = new SendHarness(dir, 2);
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  @Test
  void anInterruptedJobEndsItsCallStaysSuspendedAndIsSentOnceResubmitted() throws Exception {
    h.terminals.nextSenders(FakeTerminals.Script.dropAfter(1));
    FaxJob j = h.readyJob(NUMBER, 3);
    h.dispatchAndRun(5);
    FaxJob active = h.job(j.id());
    assertThat(active.state()).isEqualTo(JobState.ACTIVE);
    assertThat(
            h.store.alter(
                active.withState(JobState.SUSPENDED, "Interrupted by alice"), JobState.ACTIVE))
        .isTrue();
    h.dispatcher.tick(); // the next pass sees the job suspended: the call is aborted, no lease wait
    h.endpoint.tick(10);
    assertThat(h.terminals.made.get(0).terminal().aborted).isTrue();
    assertThat(h.dispatcher.callsInProgress()).isZero();
    assertThat(h.lines.lines()).allMatch(l -> l.state() instanceof LineState.Idle);
    FaxJob suspended = h.job(j.id());
    assertThat(suspended.state()).isEqualTo(JobState.SUSPENDED);
    assertThat(suspended.status()).isEqualTo("Interrupted by alice");
    // not dispatched, nor killed, while suspended
    int dialled = h.endpoint.dialled.size();
    h.clock.advance(Duration.ofHours(4));
    h.timerPass();
    h.dispatchAndRun(5);
    assertThat(h.endpoint.dialled).hasSize(dialled);
    assertThat(h.job(j.id()).state()).isEqualTo(JobState.SUSPENDED);
    // JSUBM with a new kill time (faxalter -k): sent
    FaxJob back =
        suspended
            .withParameters(
                suspended.priority(),
                suspended.maxDials(),
                suspended.maxTries(),
                null,
                h.clock.instant().plus(Duration.ofHours(1)),
                suspended.notifyWhen())
            .withState(JobState.READY, "");
    assertThat(h.store.alter(back, JobState.SUSPENDED)).isTrue();
    h.dispatchAndRun(20);
    assertThat(h.endpoint.dialled).hasSize(dialled + 1);
    assertThat(h.job(j.id()).state()).isEqualTo(JobState.DONE);
  }
}
