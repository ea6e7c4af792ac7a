package org.faxgw.gateway.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.faxgw.gateway.line.FakeEndpoint.Script;
import org.faxgw.gateway.line.dispatch.Dispatcher;
import org.faxgw.iax2.HangupCause;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobLease;
import org.faxgw.queue.JobState;
import org.faxgw.render.Tagline;
import org.faxgw.t30.FaxStatus;
import org.faxgw.t30.SignalRate;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.Resolution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher, call runner and retry rules over the fake endpoint and terminals. */
class DispatcherTest {
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
  void aBusyDestinationIsRetriedEveryThreeMinutesAndFailsAfterTwelveDialsWithANotice()
      throws Exception {
    h.endpoint.script("16045557977", Script.refuse(HangupCause.USER_BUSY));
    FaxJob j = h.readyJob(NUMBER, 1);
    List<Instant> dialTimes = new ArrayList<>();
    for (int i = 0; i < 20 && !h.job(j.id()).state().isTerminal(); i++) {
      int before = h.endpoint.dialled.size();
      h.dispatchAndRun(1);
      if (h.endpoint.dialled.size() > before) {
        dialTimes.add(h.clock.instant());
      }
      FaxJob now = h.job(j.id());
      if (!now.state().isTerminal()) {
        assertThat(now.state()).isEqualTo(JobState.SLEEPING);
        assertThat(now.status()).isEqualTo("Busy signal detected");
        assertThat(now.timeToSend()).isEqualTo(h.clock.instant().plus(Duration.ofMinutes(3)));
        h.clock.advance(Duration.ofMinutes(3));
      }
    }
    FaxJob end = h.job(j.id());
    assertThat(end.state()).isEqualTo(JobState.FAILED);
    assertThat(end.dials()).isEqualTo(12);
    assertThat(end.tries()).isZero();
    assertThat(end.status()).startsWith("Too many attempts to dial: 12, max 12");
    assertThat(h.endpoint.dialled).hasSize(12);
    assertThat(dialTimes).hasSize(12);
    for (int i = 1; i < dialTimes.size(); i++) {
      assertThat(Duration.between(dialTimes.get(i - 1), dialTimes.get(i)))
          .isEqualTo(Duration.ofMinutes(3));
    }
    assertThat(h.notices).filteredOn(n -> n.startsWith("requeued")).hasSize(11);
    assertThat(h.notices).filteredOn(n -> n.startsWith("failed")).hasSize(1);
    assertThat(h.endpoint.dialled.get(0).peer).isEqualTo("pbx");
    assertThat(h.lines.lines()).allMatch(l -> l.state() instanceof LineState.Idle);
  }

  @Test
  void aRejectingDestinationIsRetriedAfterFiveMinutesAndNoAnswerToo() throws Exception {
    h.endpoint.script(
        "16045557977",
        Script.refuse(HangupCause.CALL_REJECTED),
        Script.refuse(HangupCause.NO_ANSWER),
        Script.refuse(HangupCause.CONGESTION),
        Script.answer());
    FaxJob j = h.readyJob(NUMBER, 1);
    h.dispatchAndRun(1);
    assertThat(h.job(j.id()).timeToSend()).isEqualTo(SendHarness.T0.plus(Duration.ofMinutes(5)));
    h.clock.advance(Duration.ofMinutes(5));
    h.dispatchAndRun(1);
    assertThat(h.job(j.id()).status()).isEqualTo("No answer from remote");
    assertThat(h.job(j.id()).timeToSend()).isEqualTo(SendHarness.T0.plus(Duration.ofMinutes(10)));
    h.clock.advance(Duration.ofMinutes(5));
    h.dispatchAndRun(1);
    assertThat(h.job(j.id()).status()).contains("congestion").contains("34");
    h.clock.advance(Duration.ofMinutes(5));
    h.dispatchAndRun(10);
    FaxJob done = h.job(j.id());
    assertThat(done.state()).isEqualTo(JobState.DONE);
    assertThat(done.dials()).isEqualTo(4);
    assertThat(done.tries()).isEqualTo(1);
  }

  @Test
  void anUnallocatedNumberFailsAtOnce() throws Exception {
    h.endpoint.script("16045557977", Script.refuse(HangupCause.UNALLOCATED_NUMBER));
    FaxJob j = h.readyJob(NUMBER, 1);
    h.dispatchAndRun(1);
    FaxJob end = h.job(j.id());
    assertThat(end.state()).isEqualTo(JobState.FAILED);
    assertThat(end.status()).isEqualTo("Unallocated number");
    assertThat(end.dials()).isEqualTo(1);
    assertThat(h.notices).containsExactly("failed " + j.id() + " Unallocated number");
  }

  @Test
  void aSuccessfulCallRecordsTheResultOnTheJobAndInTheLogs() throws Exception {
    FaxJob j = h.readyJob(NUMBER, 3);
    h.timerPass();
    h.dispatcher.tick();
    assertThat(h.job(j.id()).state()).isEqualTo(JobState.ACTIVE);
    assertThat(h.store.lease(j.id())).map(JobLease::owner).contains("test-node");
    assertThat(h.lines.lines().get(0).state().text()).isEqualTo("dialing 16045557977");
    h.endpoint.tick(1); // answer, then negotiate
    assertThat(h.lines.lines().get(0).state().text())
        .isEqualTo("sending page 1/3 at 14400 bit/s ECM");
    h.endpoint.tick(1);
    assertThat(h.lines.lines().get(0).state().text())
        .isEqualTo("sending page 2/3 at 14400 bit/s ECM");
    assertThat(h.job(j.id()).progress().pagesConfirmed()).isEqualTo(1);
    h.endpoint.tick(10);
    FaxJob done = h.job(j.id());
    assertThat(done.state()).isEqualTo(JobState.DONE);
    assertThat(done.progress().pagesConfirmed()).isEqualTo(3);
    assertThat(done.progress().signalRate()).isEqualTo(14400);
    assertThat(done.progress().ecm()).isTrue();
    assertThat(done.progress().dataFormat()).isEqualTo("MMR");
    assertThat(done.progress().remoteCsi()).isEqualTo("+1 555 0100");
    assertThat(done.progress().commId()).matches("\\d{9}");
    assertThat(h.store.lease(j.id())).isEmpty();
    assertThat(h.lines.lines()).allMatch(l -> l.state() instanceof LineState.Idle);
    assertThat(h.notices).containsExactly("done " + j.id() + " ");
    // TSI: the line's default; xferfaxlog: one SEND record agreeing with the job
    assertThat(h.terminals.made.get(0).config().localId()).isEqualTo("+1 604 555 0199");
    List<String> xfer = Files.readAllLines(h.xferLog.file());
    assertThat(xfer).hasSize(1);
    String[] f = xfer.get(0).split("\t");
    assertThat(f[1]).isEqualTo("SEND");
    assertThat(f[2]).isEqualTo(done.progress().commId());
    assertThat(f[4]).isEqualTo(Long.toString(j.id()));
    assertThat(f[7]).isEqualTo("\"" + NUMBER + "\"");
    assertThat(f[8]).isEqualTo("\"+1 555 0100\"");
    // fine, 14400 (BR 5), MMR (DF 3), ECM, version bit 21
    assertThat(Long.parseLong(f[9])).isEqualTo(1 + 5 * 8 + 3 * 16384 + 65536 + 2097152);
    assertThat(f[10]).isEqualTo("3");
    Path session = dir.resolve("log/c" + done.progress().commId());
    assertThat(Files.readString(session))
        .contains("SEND FAX: JOB " + j.id())
        .contains("<-- HDLC<DIS>")
        .contains("SESSION END: DONE");
  }

  @Test
  void aPartialSendResumesAfterTheLastConfirmedPageWithTheJobsPageNumbersInTheTagline()
      throws Exception {
    h.terminals.nextSenders(FakeTerminals.Script.dropAfter(2), FakeTerminals.Script.ok());
    h.endpoint.script("16045557977", Script.answerThenHangUpAfter(5), Script.answer());
    FaxJob j = h.readyJob(NUMBER, 4);
    h.dispatchAndRun(10);
    FaxJob after1 = h.job(j.id());
    assertThat(after1.state()).isEqualTo(JobState.SLEEPING);
    assertThat(after1.status()).isEqualTo(FaxStatus.REMOTE_DISCONNECTED.text());
    assertThat(after1.progress().pagesConfirmed()).isEqualTo(2);
    assertThat(after1.tries()).isEqualTo(1);
    h.clock.advance(Duration.ofMinutes(5));
    h.dispatchAndRun(10);
    FaxJob done = h.job(j.id());
    assertThat(done.state()).isEqualTo(JobState.DONE);
    assertThat(done.progress().pagesConfirmed()).isEqualTo(4);
    assertThat(done.tries()).isEqualTo(2);
    List<BilevelPage> first = h.terminals.made.get(0).pages();
    List<BilevelPage> second = h.terminals.made.get(1).pages();
    assertThat(first).hasSize(4);
    assertThat(second).hasSize(2);
    List<BilevelPage> original = SendHarness.pages(4);
    int band = Tagline.bandRows(Resolution.FINE);
    // the resumed call sends pages 3 and 4: their own content below the tagline ...
    assertThat(belowBand(second.get(0), band)).isEqualTo(belowBand(original.get(2), band));
    assertThat(belowBand(second.get(1), band)).isEqualTo(belowBand(original.get(3), band));
    // ... and the tagline is the one page 3 had in the first call (same date: virtual time aside)
    assertThat(band(second.get(0), band)).isNotEqualTo(band(original.get(2), band));
    assertThat(blackIn(band(second.get(0), band))).isPositive();
    assertThat(band(second.get(1), band)).isNotEqualTo(band(second.get(0), band));
  }

  @Test
  void eachPagesTaglineIsTheConfiguredFormatForThatPageAtTheRecordedDate() throws Exception {
    FaxJob j = h.readyJob(NUMBER, 2);
    h.clock.advance(Duration.ofMillis(1234)); // a date that is not a whole second
    h.dispatchAndRun(10);
    assertThat(h.job(j.id()).state()).isEqualTo(JobState.DONE);
    String session;
    try (var logs = Files.list(h.dir.resolve("log"))) {
      session = Files.readString(logs.findFirst().orElseThrow());
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("TAGLINE \"(.*)\" AT (\\S+)").matcher(session);
    assertThat(m.find()).as(session).isTrue();
    assertThat(m.group(1)).isEqualTo(org.faxgw.gateway.config.FaxLineConfig.DEFAULT_TAGLINE);
    java.time.ZonedDateTime at = java.time.ZonedDateTime.parse(m.group(2));
    assertThat(at.toInstant()).isEqualTo(SendHarness.T0.plusSeconds(1));
    org.faxgw.gateway.line.send.TaglineFormat f =
        new org.faxgw.gateway.line.send.TaglineFormat(m.group(1));
    List<BilevelPage> sent = h.terminals.made.get(0).pages();
    int band = Tagline.bandRows(Resolution.FINE);
    for (int n = 1; n <= 2; n++) {
      BilevelPage blank = BilevelPage.blank(1728, 400, Resolution.FINE);
      byte[] expected =
          band(Tagline.stamp(blank, f.fields(at, "+1 604 555 0199", NUMBER, n, 2, j.id())), band);
      assertThat(band(sent.get(n - 1), band)).as("page %d", n).isEqualTo(expected);
      byte[] wrongPage =
          band(
              Tagline.stamp(blank, f.fields(at, "+1 604 555 0199", NUMBER, 3 - n, 2, j.id())),
              band);
      assertThat(band(sent.get(n - 1), band)).isNotEqualTo(wrongPage);
    }
  }

  private static byte[] belowBand(BilevelPage p, int band) {
    byte[] rows = p.rows();
    return java.util.Arrays.copyOfRange(rows, band * p.stride(), rows.length);
  }

  private static byte[] band(BilevelPage p, int band) {
    return java.util.Arrays.copyOfRange(p.rows(), 0, band * p.stride());
  }

  private static int blackIn(byte[] b) {
    int n = 0;
    for (byte x : b) {
      n += Integer.bitCount(x & 0xFF);
    }
    return n;
  }

  @Test
  void killTimeEndsRetries() throws Exception {
    h.endpoint.script("16045557977", Script.refuse(HangupCause.USER_BUSY));
    FaxJob j =
        h.readyJob("alice@example.com", NUMBER, 1, SendHarness.T0.plus(Duration.ofMinutes(5)));
    h.dispatchAndRun(1);
    assertThat(h.job(j.id()).state()).isEqualTo(JobState.SLEEPING);
    h.clock.advance(Duration.ofMinutes(3));
    h.dispatchAndRun(1);
    FaxJob end = h.job(j.id());
    assertThat(end.state()).isEqualTo(JobState.FAILED);
    assertThat(end.status()).startsWith("Kill time expired");
    assertThat(end.dials()).isEqualTo(2);
  }

  @Test
  void aJobPastItsKillTimeIsNotDialled() throws Exception {
    FaxJob j =
        h.readyJob("alice@example.com", NUMBER, 1, SendHarness.T0.plus(Duration.ofMinutes(1)));
    h.clock.advance(Duration.ofMinutes(2));
    h.dispatchAndRun(1);
    assertThat(h.endpoint.dialled).isEmpty();
    assertThat(h.job(j.id()).state()).isEqualTo(JobState.FAILED);
  }

  @Test
  void onlyOneCallAtATimeGoesToOneNumber() throws Exception {
    FaxJob a = h.readyJob(NUMBER, 1);
    FaxJob b = h.readyJob(NUMBER, 1);
    h.timerPass();
    h.dispatcher.tick();
    assertThat(h.endpoint.dialled).hasSize(1);
    assertThat(h.job(a.id()).state()).isEqualTo(JobState.ACTIVE);
    assertThat(h.job(b.id()).state()).isEqualTo(JobState.BLOCKED);
    assertThat(h.job(b.id()).status()).isEqualTo("Blocked by concurrent calls");
    h.endpoint.tick(10);
    assertThat(h.job(a.id()).state()).isEqualTo(JobState.DONE);
    h.dispatcher.tick();
    assertThat(h.endpoint.dialled).hasSize(2);
    h.endpoint.tick(10);
    assertThat(h.job(b.id()).state()).isEqualTo(JobState.DONE);
  }

  @Test
  void callsToDifferentNumbersShareTheLinesAndWaitForAFreeOne() throws Exception {
    FaxJob a = h.readyJob("+16045550001", 1);
    FaxJob b = h.readyJob("+16045550002", 1);
    FaxJob c = h.readyJob("+16045550003", 1);
    h.timerPass();
    h.dispatcher.tick();
    assertThat(h.endpoint.dialled).hasSize(2);
    assertThat(h.job(c.id()).state()).isEqualTo(JobState.READY);
    assertThat(h.job(c.id()).status()).isEqualTo("Waiting for a free fax line");
    h.endpoint.tick(10);
    h.dispatcher.tick();
    h.endpoint.tick(10);
    assertThat(List.of(h.job(a.id()), h.job(b.id()), h.job(c.id())))
        .allMatch(x -> x.state() == JobState.DONE);
  }

  @Test
  void aFaxThatFailsRetryablyEndsAfterThreeTries() throws Exception {
    h.terminals.nextSenders(
        FakeTerminals.Script.failAfter(0, FaxStatus.NO_RESPONSE_AFTER_COMMAND),
        FakeTerminals.Script.failAfter(0, FaxStatus.NO_RESPONSE_AFTER_COMMAND),
        FakeTerminals.Script.failAfter(0, FaxStatus.NO_RESPONSE_AFTER_COMMAND));
    FaxJob j = h.readyJob(NUMBER, 1);
    for (int i = 0; i < 5 && !h.job(j.id()).state().isTerminal(); i++) {
      h.dispatchAndRun(10);
      h.clock.advance(Duration.ofMinutes(5));
    }
    FaxJob end = h.job(j.id());
    assertThat(end.state()).isEqualTo(JobState.FAILED);
    assertThat(end.tries()).isEqualTo(3);
    assertThat(end.status()).startsWith("Too many attempts to transmit: 3, max 3");
  }

  @Test
  void anIncompatibleFaxFailsAtOnce() throws Exception {
    h.terminals.nextSenders(FakeTerminals.Script.failAfter(0, FaxStatus.INCOMPATIBLE));
    FaxJob j = h.readyJob(NUMBER, 1);
    h.dispatchAndRun(10);
    assertThat(h.job(j.id()).state()).isEqualTo(JobState.FAILED);
    assertThat(h.job(j.id()).status()).isEqualTo(FaxStatus.INCOMPATIBLE.text());
  }

  @Test
  void aDestinationThatFailsTwiceAtARateIsOfferedLowerRatesNextTime() throws Exception {
    h.terminals.nextSenders(
        FakeTerminals.Script.failAfter(0, FaxStatus.PAGE_REJECTED),
        FakeTerminals.Script.failAfter(0, FaxStatus.PAGE_REJECTED),
        FakeTerminals.Script.ok().at(SignalRate.V17_12000));
    FaxJob j = h.readyJob(NUMBER, 1);
    for (int i = 0; i < 3; i++) {
      h.dispatchAndRun(10);
      h.clock.advance(Duration.ofMinutes(5));
    }
    assertThat(h.job(j.id()).state()).isEqualTo(JobState.DONE);
    assertThat(h.terminals.made.get(0).config().capabilities().rates())
        .contains(SignalRate.V17_14400);
    assertThat(h.terminals.made.get(1).config().capabilities().rates())
        .contains(SignalRate.V17_14400);
    assertThat(h.terminals.made.get(2).config().capabilities().rates())
        .doesNotContain(SignalRate.V17_14400)
        .contains(SignalRate.V17_12000, SignalRate.V29_9600);
    assertThat(h.store.destination(NUMBER).rateCap()).isEqualTo(12000);
  }

  @Test
  void theTsiIsPerSenderWhenConfigured() throws Exception {
    FaxJob j = h.readyJob("carol@example.com", NUMBER, 1, SendHarness.T0.plus(Duration.ofHours(3)));
    h.dispatchAndRun(10);
    assertThat(h.job(j.id()).state()).isEqualTo(JobState.DONE);
    assertThat(h.terminals.made.get(0).config().localId()).isEqualTo("+1 604 555 0177");
  }

  @Test
  void aJobWhoseLeaseLapsedIsRequeuedAndResumesAfterItsConfirmedPages() throws Exception {
    FaxJob j = h.readyJob(NUMBER, 3);
    // another node claimed it, confirmed a page and died
    JobLease dead =
        h.store.claim(j.id(), "dead-node", h.clock.instant(), Duration.ofSeconds(60)).orElseThrow();
    h.store.checkpoint(
        dead,
        j.withState(JobState.ACTIVE, "Sending page 2/3")
            .withCalls(1, 1, null)
            .withProgress(new org.faxgw.queue.JobProgress(1, 14400, "MMR", true, "", 0, "", "")));
    h.dispatchAndRun(10);
    assertThat(h.endpoint.dialled).isEmpty();
    h.clock.advance(Duration.ofSeconds(61));
    h.dispatchAndRun(10);
    FaxJob done = h.job(j.id());
    assertThat(done.state()).isEqualTo(JobState.DONE);
    assertThat(h.terminals.made.get(0).pages()).hasSize(2);
    assertThat(done.dials()).isEqualTo(2);
    assertThat(done.progress().pagesConfirmed()).isEqualTo(3);
  }

  @Test
  void aJobRemovedThroughTheAdminPathEndsItsCallAtOnceWithDcnAndHangup() throws Exception {
    h.terminals.nextSenders(FakeTerminals.Script.dropAfter(1));
    FaxJob j = h.readyJob(NUMBER, 3);
    h.dispatchAndRun(5);
    assertThat(h.job(j.id()).state()).isEqualTo(JobState.ACTIVE);
    assertThat(h.dispatcher.callsInProgress()).isEqualTo(1);
    Instant removedAt = h.clock.instant();
    h.store.delete(j.id()); // what JobService.remove does, then it signals the lines
    h.dispatcher.jobRemoved(j.id());
    int ticks = ticksUntilNoCall();
    assertThat(ticks).as("20 ms ticks until the call is over").isLessThanOrEqualTo(5);
    assertThat(h.clock.instant()).isEqualTo(removedAt); // no lease period went by
    theCallEndedAsRemoved(j);
  }

  @Test
  void aJobRemovedFromTheStoreEndsItsCallAtTheNextPassNotAtTheLeaseRenewal() throws Exception {
    h.terminals.nextSenders(FakeTerminals.Script.dropAfter(1));
    FaxJob j = h.readyJob(NUMBER, 3);
    h.dispatchAndRun(5);
    assertThat(h.job(j.id()).state()).isEqualTo(JobState.ACTIVE);
    h.store.delete(j.id()); // another process or node removed it
    h.clock.advance(Duration.ofSeconds(1)); // one pass later; the lease (60 s) is far from due
    h.dispatcher.tick();
    int ticks = ticksUntilNoCall();
    assertThat(ticks).isLessThanOrEqualTo(5);
    theCallEndedAsRemoved(j);
  }

  @Test
  void aCallWhoseJobIsStillThereIsNotEndedByThePass() throws Exception {
    h.terminals.nextSenders(FakeTerminals.Script.dropAfter(1));
    FaxJob j = h.readyJob(NUMBER, 3);
    h.dispatchAndRun(5);
    h.dispatcher.jobRemoved(j.id() + 100); // another job
    for (int i = 0; i < 5; i++) {
      h.clock.advance(Duration.ofSeconds(1));
      h.dispatcher.tick();
      h.endpoint.tick(5);
    }
    assertThat(h.terminals.made.get(0).terminal().aborted).isFalse();
    assertThat(h.dispatcher.callsInProgress()).isEqualTo(1);
    assertThat(h.job(j.id()).state()).isEqualTo(JobState.ACTIVE);
  }

  /** Runs 20 ms ticks until no call is in progress (at most 50); returns how many it took. */
  private int ticksUntilNoCall() {
    int n = 0;
    while (h.dispatcher.callsInProgress() > 0 && n < 50) {
      h.endpoint.tick(1);
      n++;
    }
    return n;
  }

  private void theCallEndedAsRemoved(FaxJob j) throws Exception {
    FakeTerminals.Terminal t = h.terminals.made.get(0).terminal();
    assertThat(t.aborted).as("T.30 told to end with DCN").isTrue();
    assertThat(t.dropped).as("not a dropped line").isFalse();
    assertThat(h.endpoint.dialled.get(0).ourHangup).isEqualTo(HangupCause.NORMAL_CLEARING);
    assertThat(h.dispatcher.callsInProgress()).isZero();
    assertThat(h.lines.lines()).allMatch(l -> l.state() instanceof LineState.Idle);
    assertThat(h.store.find(j.id())).isEmpty();
    String xfer = Files.readString(h.dir.resolve("xferfaxlog"));
    assertThat(xfer).contains("\tSEND\t").contains(Dispatcher.REMOVED);
    try (var logs = Files.list(h.dir.resolve("log"))) {
      String session =
          Files.readString(
              logs.filter(p -> p.getFileName().toString().startsWith("c"))
                  .findFirst()
                  .orElseThrow());
      assertThat(session).contains("SESSION END").contains(Dispatcher.REMOVED);
    }
    // the line takes the next job
    FaxJob next = h.readyJob(NUMBER, 1);
    h.dispatchAndRun(10);
    assertThat(h.job(next.id()).state()).isEqualTo(JobState.DONE);
  }
}
