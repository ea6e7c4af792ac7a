package org.faxgw.gateway.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.faxgw.fixtures.RecordedCalls;
import org.faxgw.gateway.FaxstatCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code faxgw faxstat -r} end to end: a fixture TIFF handed to {@code bin/faxgw faxrcvd} on a
 * running gateway's data directory shows in the receive queue, in columns and under {@code
 * received} in {@code --json}, with tiffinfo's page count.
 */
class ReceivedFaxstatIT {
  @TempDir Path dir;

  @Test
  void faxrcvdFaxShowsInFaxstatR() throws Exception {
    Path tif = dir.resolve("in.tif");
    Files.write(tif, RecordedCalls.receivedTiff("s-v17-ecm-mmr-alaw-3p"));
    int pages = Tools.tiffinfoPages(tif);
    assertThat(pages).isPositive();
    try (TestGateway gw = new TestGateway(dir, null, null)) {
      String cfg = gw.configFile.toString();
      Tools.Run empty = Tools.faxgw(dir, "faxstat", "-r", "--json", "--config", cfg);
      assertThat(empty.exit()).as(empty.out()).isZero();
      assertThat(new ObjectMapper().readTree(empty.out()).path("received").isArray()).isTrue();
      assertThat(new ObjectMapper().readTree(empty.out()).path("received")).isEmpty();

      Instant before = Instant.now().minusSeconds(1);
      Tools.Run rcvd =
          Tools.faxgw(
              dir,
              "faxrcvd",
              tif.toString(),
              "--did",
              "6045557977",
              "--tsi",
              "+15555550100",
              "--config",
              cfg);
      assertThat(rcvd.exit()).as(rcvd.out()).isZero();

      Tools.Run json = Tools.faxgw(dir, "faxstat", "-r", "--json", "--config", cfg);
      assertThat(json.exit()).as(json.out()).isZero();
      JsonNode received = new ObjectMapper().readTree(json.out()).path("received");
      assertThat(received).as(json.out()).hasSize(1);
      JsonNode r = received.get(0);
      assertThat(r.path("commId").asText()).matches("\\d{9}");
      assertThat(r.path("pages").asInt()).isEqualTo(pages);
      assertThat(r.path("sender").asText()).isEqualTo("+15555550100");
      assertThat(r.path("did").asText()).isEqualTo("6045557977");
      Instant at = Instant.parse(r.path("received").asText());
      assertThat(at).isBetween(before, Instant.now().plus(Duration.ofSeconds(1)));
      Path kept = Path.of(r.path("file").asText());
      assertThat(kept.getFileName().toString())
          .isEqualTo("fax" + r.path("commId").asText() + ".tif");
      assertThat(kept.getParent()).isEqualTo(dir.resolve("var/recvq"));
      assertThat(Tools.tiffinfoPages(kept)).isEqualTo(pages);
      assertThat(Files.mismatch(kept, tif))
          .as("the received TIFF is kept as it came")
          .isEqualTo(-1);

      Tools.Run table = Tools.faxgw(dir, "faxstat", "-r", "--config", cfg);
      assertThat(table.exit()).as(table.out()).isZero();
      assertThat(table.out()).contains(FaxstatCommand.RECEIVED_HEADER);
      assertThat(table.out())
          .containsPattern(
              "\\n-rw-\\S{3} +"
                  + pages
                  + "  \\S* +\\+15555550100 +\\d\\d:\\d\\d fax"
                  + r.path("commId").asText()
                  + "\\.tif\\n");
    }
  }
}
