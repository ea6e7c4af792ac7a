package org.faxgw.gateway.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.faxgw.gateway.admin.JobJson;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture of sent calls over the fakes ({@link SendHarness}): by destination ({@code
 * capture.numbers}), by peer ({@code capture.peers}) and for one job (the capture marker its
 * submission left in its spool folder); not otherwise. The files are written beside the session
 * log, which names them, and the job's JSON (admin API, faxstat) lists them. That a captured call
 * decodes to the pages sent is {@code CaptureLoopbackIT}'s.
 */
class OutboundCaptureTest {
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

  private CallCapture capture(List<String> peers, List<String> numbers) {
    return new CallCapture(dir.resolve("log"), List.of(), peers, numbers, Duration.ofDays(7));
  }

  private FaxJob send() throws Exception {
    FaxJob j = h.readyJob(NUMBER, 2);
    h.dispatchAndRun(10);
    FaxJob done = h.job(j.id());
    assertThat(done.state()).isEqualTo(JobState.DONE);
    return done;
  }

  private List<String> filesOf(FaxJob j) {
    return CallCapture.filesOf(dir.resolve("log"), j.progress().commId());
  }

  @Test
  void aCallToACapturedNumberIsCapturedAndTheJobSaysWhere() throws Exception {
    h.runner.capture(capture(List.of(), List.of(NUMBER)));

    FaxJob j = send();

    String c = j.progress().commId();
    assertThat(filesOf(j)).containsExactly("log/c" + c + ".rx.slin", "log/c" + c + ".tx.slin");
    // 10 ticks of 160 samples each way, 2 octets a sample, less the ticks before the answer
    assertThat(Files.size(dir.resolve("log/c" + c + ".tx.slin"))).isPositive().isEven();
    assertThat(Files.readString(dir.resolve("log/c" + c)))
        .contains("CAPTURE: c" + c + ".rx.slin (received), c" + c + ".tx.slin (sent)");
    var json = JobJson.of(j, dir.resolve("spool"));
    assertThat(json.get("capture")).isEqualTo(filesOf(j));
    assertThat(json.get("captureRequested")).isEqualTo(false);
  }

  @Test
  void aCallThroughACapturedPeerIsCaptured() throws Exception {
    h.runner.capture(capture(List.of("pbx"), List.of()));
    assertThat(filesOf(send())).hasSize(2);
  }

  @Test
  void aJobThatAskedIsCapturedAndNoOtherIs() throws Exception {
    h.runner.capture(capture(List.of(), List.of()));
    FaxJob other = send();
    assertThat(filesOf(other)).isEmpty();
    assertThat(JobJson.of(other, dir.resolve("spool"))).doesNotContainKey("capture");

    // the marker X-Fax-Capture / sendfax --capture / "capture": true leave in the job's folder
    Files.createFile(
        dir.resolve("spool").resolve(other.spoolDir()).resolve(CallCapture.JOB_MARKER));
    FaxJob asked = send();

    assertThat(filesOf(asked)).hasSize(2);
    assertThat(JobJson.of(asked, dir.resolve("spool")).get("captureRequested")).isEqualTo(true);
  }

  @Test
  void withoutCaptureNothingIsWritten() throws Exception {
    FaxJob j = send();
    assertThat(filesOf(j)).isEmpty();
    assertThat(Files.readString(dir.resolve("log/c" + j.progress().commId())))
        .doesNotContain("CAPTURE");
  }
}
