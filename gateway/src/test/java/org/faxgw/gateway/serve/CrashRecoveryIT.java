package org.faxgw.gateway.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 right after 250, restart: the job and its documents are there and go on. */
class CrashRecoveryIT {
  @TempDir Path dir;

  @Test
  void anAcceptedJobSurvivesKillMinus9AndGoesOn() throws Exception {
    int smtp = TestGateway.freePort();
    int adminPort = TestGateway.freePort();
    Path config = dir.resolve("faxgw.yaml");
    Files.writeString(config, TestGateway.yaml(dir, smtp, adminPort, null, null));
    Path pdf = Tools.pdf(dir, "long.pdf", 12);
    Swaks.Transcript t;
    try (GatewayProcess first = new GatewayProcess(dir, config, adminPort, "-Xmx256m")) {
      t =
          Swaks.send(
              smtp,
              "6045557977@fax.local",
              "--attach-type",
              "application/pdf",
              "--attach",
              pdf.toString(),
              "--add-header",
              "X-Fax-Cover: no");
      first.kill();
      assertThat(first.process.isAlive()).isFalse();
    }
    assertThat(t.accepted()).as(t.toString()).isTrue();
    try (GatewayProcess second = new GatewayProcess(dir, config, adminPort, "-Xmx256m")) {
      List<JsonNode> jobs = TestGateway.await(second.admin, 1, TestGateway::rendered);
      assertThat(jobs).hasSize(1);
      JsonNode job = jobs.get(0);
      assertThat(job.path("number").asText()).isEqualTo("+16045557977");
      assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("ready");
      assertThat(job.path("pages").asInt()).isEqualTo(Tools.pdfinfoPages(pdf));
      for (JsonNode d : job.path("documents")) {
        assertThat(Path.of(d.path("path").asText())).exists();
      }
      assertThat(Path.of(job.path("tiff").asText()).getParent().resolve("message.eml")).exists();
      assertThat(Tools.tiffinfoPages(Path.of(job.path("tiff").asText())))
          .isEqualTo(job.path("pages").asInt());
      // SIGTERM stops it cleanly
      int exit = second.terminate();
      assertThat(exit).as(second.output()).isIn(0, 143);
      assertThat(second.output()).contains("faxgw: stopped");
    }
  }
}
