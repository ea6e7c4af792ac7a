package org.faxgw.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.faxgw.gateway.inbound.ReceivedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fax another node received and this node fetched into its recvq/ (to serve it) is not announced
 * (nor counted) as received here; this node's own faxes are.
 */
class GatewayWatcherNodeTest {
  @TempDir Path data;

  private void fax(String commId, String node) throws Exception {
    Path tiff = data.resolve("recvq/fax" + commId + ".tif");
    Files.createDirectories(tiff.getParent());
    Files.createDirectories(ReceivedQueue.infoOf(tiff).getParent());
    Files.write(
        ReceivedQueue.infoOf(tiff),
        ReceivedQueue.info(commId, 1, "", "", "", "", Instant.EPOCH, "", node));
    Files.write(tiff, new byte[] {'I', 'I', 42, 0});
  }

  @Test
  void aFaxFetchedFromAnotherNodeIsNotAnnouncedHere() throws Exception {
    GatewayEvents events = new GatewayEvents();
    List<String> seen = new ArrayList<>();
    events.subscribe(
        e -> {
          if (e instanceof GatewayEvent.FaxReceived r) {
            seen.add(r.commId());
          }
        });
    GatewayWatcher w = new GatewayWatcher(List.of(), data.resolve("recvq"), events);
    w.node("node-b");
    w.poll();
    fax("000000001", "node-a");
    fax("000000002", "node-b");
    fax("000000003", null);
    w.poll();
    assertThat(seen).containsExactlyInAnyOrder("000000002", "000000003");
  }
}
