package org.faxgw.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's call attempts and T.30 ladder from a real HylaFAX call's xferfaxlog and session log
 * (golden/PROVENANCE.md), checked against the recording tool's own ladder of that call.
 */
class CallAttemptsTest {
  private static String golden(String name) throws IOException {
    try (InputStream in = CallAttemptsTest.class.getResourceAsStream("golden/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** "rx DIS" per HDLC frame of t30-ladder.txt, seen from the sending (calling) station. */
  private static List<String> expectedForSender() throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : golden("t30-ladder.txt").split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (!line.startsWith("#") && line.contains(" HDLC ") && f.length > 7) {
        out.add((f[3].equals("SENDER") ? "tx " : "rx ") + f[7]);
      }
    }
    return out;
  }

  @Test
  void theLadderOfARealCallIsTheRecordedOne() throws Exception {
    List<Map<String, Object>> ladder = T30Ladder.parse(golden("c000000030"));
    List<String> got = new ArrayList<>();
    for (Map<String, Object> step : ladder) {
      got.add(step.get("dir") + " " + step.get("frame"));
    }
    assertThat(expectedForSender())
        .containsExactly(
            "rx NSF", "rx CSI", "rx DIS", "tx TSI", "tx DCS", "rx CFR", "tx EOP", "rx MCF",
            "tx DCN");
    assertThat(got).isEqualTo(expectedForSender());
    // times run forward from the log's first line
    double last = -1;
    for (Map<String, Object> step : ladder) {
      double t = (Double) step.get("t");
      assertThat(t).isGreaterThanOrEqualTo(last);
      last = t;
    }
    assertThat(last).isBetween(5.0, 120.0);
  }

  @Test
  void aJobsAttemptsComeFromXferfaxlogWithTheirLadders(@TempDir Path data) throws Exception {
    Files.writeString(data.resolve("xferfaxlog"), golden("xferfaxlog"));
    Files.createDirectories(data.resolve("log"));
    Files.writeString(data.resolve("log").resolve("c000000030"), golden("c000000030"));
    FaxJob job =
        new FaxJob(
            16,
            16,
            "root",
            "+15555550101",
            "5550101",
            127,
            JobState.DONE,
            1,
            1,
            12,
            1,
            3,
            null,
            null,
            "",
            Instant.parse("2026-11-27T05:53:00Z"),
            null,
            "none",
            "normal",
            "",
            "d16",
            null,
            List.of(),
            List.of());
    List<Map<String, Object>> attempts =
        new CallAttempts(
                data, org.faxgw.gateway.cluster.ClusterView.local("n", null, List.of(), data))
            .of(job);
    assertThat(attempts).hasSize(1); // the RECV and CALL records are the other side's
    Map<String, Object> a = attempts.get(0);
    assertThat(a.get("commId")).isEqualTo("000000030");
    assertThat(a.get("result")).isEqualTo("sent");
    assertThat(a.get("signalRate")).isEqualTo(7200); // params 2121744: BR code 2
    assertThat(a.get("ecm")).isEqualTo(false);
    assertThat(a.get("pages")).isEqualTo(1);
    assertThat(a.get("start")).isEqualTo("2026-11-27T05:53");
    assertThat(a.get("end")).isEqualTo("2026-11-27T05:53:51"); // jobtime 0:00:51
    assertThat((List<?>) a.get("ladder")).hasSize(9);
    // another job's id finds nothing; a last call the log does not have comes from the job
    FaxJob other =
        job.withProgress(
                new org.faxgw.queue.JobProgress(0, 9600, "MR", true, "", 0, "000000099", "busy"))
            .withState(JobState.SLEEPING, "busy");
    FaxJob otherId =
        new FaxJob(
                17,
                17,
                "root",
                "+15555550101",
                "5550101",
                127,
                JobState.SLEEPING,
                1,
                1,
                12,
                1,
                3,
                null,
                null,
                "busy",
                null,
                null,
                "none",
                "normal",
                "",
                "d17",
                null,
                List.of(),
                List.of())
            .withProgress(other.progress());
    List<Map<String, Object>> b =
        new CallAttempts(
                data, org.faxgw.gateway.cluster.ClusterView.local("n", null, List.of(), data))
            .of(otherId);
    assertThat(b).hasSize(1);
    assertThat(b.get(0).get("commId")).isEqualTo("000000099");
    assertThat(b.get(0).get("reason")).isEqualTo("busy");
    assertThat((List<?>) b.get(0).get("ladder")).isEmpty();
  }
}
