package org.faxgw.gateway.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.faxgw.gateway.line.dispatch.Dispatcher;
import org.faxgw.iax2.HangupCause;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobLease;
import org.faxgw.queue.JobState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heartbeat self-fencing (issue 18): a node whose job store stops answering cannot renew the leases
 * of its calls, so it ends them itself before the leases lapse (after which another node may take
 * the jobs over) and claims no new work. Fake endpoint and terminals, virtual time: one dispatcher
 * pass and one 20 ms audio tick per virtual second; the fake fax sends one page per tick.
 */
class SelfFencingTest {
  private static final Duration TTL = Duration.ofSeconds(60);
  @TempDir Path dir;
  private SendHarness h;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void aNodeThatCannotRenewItsLeaseHangsUpBeforeTheLeaseLapsesAndClaimsNothingNew()
      throws Exception {
    AtomicBoolean down = new AtomicBoolean();
    h = new SendHarness(dir, 2, s -> StoreOutage.wrap(s, down));
    // the far fax confirms 3 pages, then the 4th takes as long as the test runs
    h.terminals.nextSenders(FakeTerminals.Script.dropAfter(3), FakeTerminals.Script.ok());
    FaxJob j = h.readyJob("+16045557977", 10);
    h.timerPass();
    h.dispatcher.tick();
    JobLease lease = h.store.lease(j.id()).orElseThrow();
    assertThat(lease.owner()).isEqualTo("test-node");
    assertThat(lease.expiresAt()).isEqualTo(SendHarness.T0.plus(TTL));
    h.endpoint.tick(5); // answered, 3 pages confirmed and checkpointed
    int checkpointed = h.store.find(j.id()).orElseThrow().progress().pagesConfirmed();
    assertThat(checkpointed).isEqualTo(3);
    FaxJob waiting = h.readyJob("+16045550000", 1); // ready, a free line: not to be claimed

    down.set(true);
    Instant hungUp = null;
    for (int s = 1; s <= 120 && hungUp == null; s++) {
      h.clock.advance(Duration.ofSeconds(1));
      h.dispatcher.tick();
      h.endpoint.tick(1);
      if (h.endpoint.activeCalls() == 0) {
        hungUp = h.clock.instant();
      }
    }
    assertThat(hungUp).as("the call ended").isNotNull();
    // ended by us, with the lease time not yet over, and not before renewals were tried from
    // half of it: a quarter of the lease time ahead of the lapse
    assertThat(hungUp).isBefore(lease.expiresAt());
    assertThat(hungUp).isAfterOrEqualTo(lease.expiresAt().minus(TTL.dividedBy(4)));
    FakeEndpoint.Call call = h.endpoint.dialled.get(0);
    assertThat(call.ourHangup).isEqualTo(HangupCause.NORMAL_CLEARING);
    assertThat(h.dispatcher.callsInProgress()).isZero();
    assertThat(h.lines.lines()).allMatch(l -> l.state() instanceof LineState.Idle);
    // nothing new was dialled while the store was away, and the other job is still waiting
    assertThat(h.endpoint.dialled).hasSize(1);
    assertThat(h.store.find(waiting.id()).orElseThrow().state()).isEqualTo(JobState.READY);
    // nothing could be written: the job is still active under the unrenewed lease
    assertThat(h.store.lease(j.id())).contains(lease);

    // The store answers again. Nothing is claimed while the lease holds; once it lapses the job
    // is requeued and sent from its last checkpoint.
    down.set(false);
    h.dispatchAndRun(1);
    assertThat(h.store.lease(j.id())).contains(lease);
    assertThat(h.endpoint.dialled).hasSize(2);
    assertThat(h.endpoint.dialled.get(1).number).isEqualTo("16045550000");
    h.clock.advance(Duration.between(h.clock.instant(), lease.expiresAt()));
    h.dispatchAndRun(1);
    FaxJob resumed = h.store.find(j.id()).orElseThrow();
    assertThat(resumed.state()).isEqualTo(JobState.ACTIVE);
    assertThat(h.store.lease(j.id()).orElseThrow().token()).isGreaterThan(lease.token());
    assertThat(h.endpoint.dialled).hasSize(3);
    h.endpoint.tick(20);
    FaxJob done = h.store.find(j.id()).orElseThrow();
    assertThat(done.state()).isEqualTo(JobState.DONE);
    assertThat(done.progress().pagesConfirmed()).isEqualTo(10);
    assertThat(h.terminals.made.get(h.terminals.made.size() - 1).pages()).hasSize(7);
    assertThat(h.notices).contains("done " + j.id() + " ");
  }

  @Test
  void aStoreThatComesBackBeforeTheFenceKeepsTheCallGoing() throws Exception {
    AtomicBoolean down = new AtomicBoolean();
    h = new SendHarness(dir, 1, s -> StoreOutage.wrap(s, down));
    h.terminals.nextSenders(FakeTerminals.Script.dropAfter(3));
    FaxJob j = h.readyJob("+16045557977", 10);
    h.timerPass();
    h.dispatcher.tick();
    JobLease lease = h.store.lease(j.id()).orElseThrow();
    h.endpoint.tick(2);
    down.set(true);
    // from 30 s (half the lease) renewals fail, until 40 s: still 20 s before the lapse
    for (int s = 1; s <= 40; s++) {
      h.clock.advance(Duration.ofSeconds(1));
      h.dispatcher.tick();
      h.endpoint.tick(1);
    }
    down.set(false);
    h.clock.advance(Duration.ofSeconds(1));
    h.dispatcher.tick();
    assertThat(h.endpoint.activeCalls()).isEqualTo(1);
    JobLease renewed = h.store.lease(j.id()).orElseThrow();
    assertThat(renewed.token()).isEqualTo(lease.token());
    assertThat(renewed.expiresAt()).isEqualTo(h.clock.instant().plus(TTL));
    assertThat(Dispatcher.FENCED).isNotEmpty();
  }
}
