package org.faxgw.gateway.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.faxgw.gateway.config.FaxLineConfig;
import org.faxgw.gateway.line.FakeEndpoint.Script;
import org.faxgw.gateway.line.send.CallRunner;
import org.faxgw.gateway.line.send.TaglineFormat;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload of {@code fax.lines} and the line settings while the dispatcher, the call runner, the
 * fake endpoint and fake terminals run ({@link SendHarness}): a removed peer gets no new call, a
 * call in progress on a removed or changed line completes and the line leaves after it, unchanged
 * lines keep their call, and a new tagline or sender id holds from the next call.
 */
class LineReloadTest {
  private static final String NUMBER = "+16045557977";

  @TempDir Path dir;
  private SendHarness h;

  @BeforeEach
  void setUp() throws Exception {
    h = new SendHarness(dir, 1);
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private static FaxLineConfig lines(String localId, FaxLineConfig.LineSpec... specs) {
    return new FaxLineConfig(localId, null, null, null, null, null, null, null, List.of(specs));
  }

  private static FaxLineConfig.LineSpec on(String peer, int calls) {
    return new FaxLineConfig.LineSpec(peer, calls, "both", "");
  }

  @Test
  void aRemovedPeerGetsNoNewCallAndAnAddedOneDoes() throws Exception {
    String said = h.lines.replace(lines("+1 604 555 0199", on("pbx2", 1)));
    assertThat(said).contains("added pbx2/1").contains("removed pbx/1");

    FaxJob j = h.readyJob(NUMBER, 1);
    h.dispatchAndRun(10);

    assertThat(h.endpoint.dialled).hasSize(1);
    assertThat(h.endpoint.dialled.get(0).peer).isEqualTo("pbx2");
    assertThat(h.job(j.id()).state()).isEqualTo(JobState.DONE);
    assertThat(h.lines.lines()).extracting(Line::name).containsExactly("pbx2/1");
  }

  @Test
  void aCallInProgressOnARemovedPeerCompletesThenItsLineLeaves() throws Exception {
    h.endpoint.script("16045557977", Script.answer());
    FaxJob first = h.readyJob(NUMBER, 3);
    h.dispatchAndRun(2); // answered, DIS, page 1 of 3: the call is up
    assertThat(h.job(first.id()).state()).isEqualTo(JobState.ACTIVE);
    Line busy = h.lines.lines().get(0);

    String said = h.lines.replace(lines("+1 604 555 0199", on("pbx2", 1)));

    assertThat(said).contains("retired pbx/1 (after its call in progress)");
    assertThat(h.lines.lines()).contains(busy);
    assertThat(busy.retired()).isTrue();
    // a job to another number goes to the new peer, never to the retiring line
    FaxJob second = h.readyJob("+16045550111", 1);
    h.dispatchAndRun(20);
    assertThat(h.job(first.id()).state()).as(h.job(first.id()).status()).isEqualTo(JobState.DONE);
    assertThat(h.job(first.id()).progress().pagesConfirmed()).isEqualTo(3);
    assertThat(h.job(second.id()).state()).isEqualTo(JobState.DONE);
    assertThat(h.endpoint.dialled).extracting(c -> c.peer).containsExactly("pbx", "pbx2");
    assertThat(h.endpoint.dialled.get(0).ourHangup).isNotNull(); // ended by us: fax done
    // the retired line left when its call ended
    assertThat(h.lines.lines()).extracting(Line::name).containsExactly("pbx2/1");
  }

  @Test
  void aCallInProgressOnAChangedLineCompletesAndTheNextCallUsesTheNewLine() throws Exception {
    FaxJob first = h.readyJob(NUMBER, 3);
    h.dispatchAndRun(2);
    Line before = h.lines.lines().get(0);

    // same peer, new station id: a changed line
    String said = h.lines.replace(lines("+1 604 555 0100", on("pbx", 1)));

    assertThat(said).contains("added pbx/1").contains("retired pbx/1");
    // the new pbx/1 waits for the old one's call: the peer never gets more calls than configured
    assertThat(h.lines.takeForSending()).isEmpty();
    h.dispatchAndRun(20);
    assertThat(h.job(first.id()).state()).isEqualTo(JobState.DONE);
    assertThat(h.lines.lines()).hasSize(1);
    assertThat(h.lines.lines().get(0)).isNotSameAs(before);
    assertThat(h.lines.lines().get(0).localId()).isEqualTo("+1 604 555 0100");
  }

  @Test
  void anUnchangedLineKeepsItsCallAndState() throws Exception {
    h.readyJob(NUMBER, 3);
    h.dispatchAndRun(2);
    Line before = h.lines.lines().get(0);
    LineState state = before.state();

    String said = h.lines.replace(lines("+1 604 555 0199", on("pbx", 1), on("pbx2", 1)));

    assertThat(said).isEqualTo("added pbx2/1");
    assertThat(h.lines.lines().get(0)).isSameAs(before);
    assertThat(before.retired()).isFalse();
    assertThat(before.state()).isEqualTo(state);
  }

  @Test
  void aNewTaglineAndSenderIdHoldFromTheNextCall() throws Exception {
    h.runner.settings(
        new CallRunner.Settings(
            "+1 604 555 0199",
            Map.of("alice@example.com", "+1 604 555 0166"),
            new TaglineFormat(""),
            new org.faxgw.queue.DocumentSpool(dir.resolve("spool")),
            dir.resolve("log")));
    FaxJob j = h.readyJob(NUMBER, 1);
    h.dispatchAndRun(10);
    assertThat(h.job(j.id()).state()).isEqualTo(JobState.DONE);
    FakeTerminals.Made made = h.terminals.made.get(0);
    assertThat(made.config().localId()).isEqualTo("+1 604 555 0166");
    // no tagline: the page went out as rendered
    assertThat(made.pages().get(0)).isEqualTo(SendHarness.pages(1).get(0));
    String log = Files.readString(dir.resolve("log/c" + h.job(j.id()).progress().commId()));
    assertThat(log).contains("TSI '+1 604 555 0166'");
  }
}
