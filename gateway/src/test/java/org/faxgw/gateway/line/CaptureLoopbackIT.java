package org.faxgw.gateway.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.faxgw.gateway.analyze.AnalyzeCommand;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxTiffReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loopback line (the gateway calls itself over 127.0.0.1) with capture on for the receiving
 * user: the received call's audio, written beside its session log, decodes with {@code faxgw
 * analyze} to exactly the pages the gateway delivered.
 *
 * <p>Known flaky (2 of 5 runs failed on the shared 2-core machine): when the loaded machine makes
 * the call retrain (FTT) and retransmit ECM frames (PPR), the live modem still gets the page but
 * offline analysis of the captured received audio loses V.17 sync mid-burst (where lost audio was
 * filled with silence) and cannot rebuild the page. Not yet investigated further.
 */
// Behind -Dfaxgw.live.full=true: on a loaded 2-core machine it failed 2 of 5 runs (the offline
// decode of the captured audio loses V.17 sync where the live call needed a retrain and an ECM
// resend), so it is not yet a CI gate; see issue 15's note.
@EnabledIfSystemProperty(named = "faxgw.live.full", matches = "true")
class CaptureLoopbackIT {
  @TempDir Path dir;

  @Test
  void aCapturedCallDecodesToTheDeliveredPages() throws Exception {
    int smtp = GatewayToGatewayIT.tcpPort();
    int admin = GatewayToGatewayIT.tcpPort();
    int iax = GatewayToGatewayIT.udpPort();
    Files.writeString(
        dir.resolve("faxgw.yaml"),
        """
        dataDir: var
        smtp: {listen: "127.0.0.1:%d"}
        admin: {listen: "127.0.0.1:%d"}
        iax2:
          listen: "127.0.0.1:%d"
          peers:
            - {name: self, host: 127.0.0.1, port: %d, username: loop, secret: loopback-demo}
          users:
            - {name: loop, secret: loopback-demo, permittedNetworks: ["127.0.0.0/8"]}
        fax:
          localId: "+1 604 555 0100"
          lines:
            - {peer: self, calls: 1, direction: send}
            - {peer: loop, calls: 1, direction: receive}
        routing:
          faxmaster: faxmaster@localhost
        capture:
          peers: [loop]
        """
            .formatted(smtp, admin, iax, iax));
    Path root = ServeProcess.root();
    Files.copy(root.resolve("samples/loopback.pdf"), dir.resolve("loopback.pdf"));
    String faxgw = root.resolve("bin/faxgw").toString();
    try (ServeProcess gw = new ServeProcess(faxgw + " serve --config faxgw.yaml", dir)) {
      ServeProcess.run(
          "swaks --server 127.0.0.1:"
              + smtp
              + " --from you@example.com --to 6045550100@fax.local"
              + " --header 'X-Fax-Cover: no' --attach-type application/pdf --attach @loopback.pdf",
          dir);
      List<Path> mails =
          ServeProcess.awaitMail(dir.resolve("var/mail/faxmaster@localhost"), 1, 180);
      assertThat(mails).as(gw.output()).hasSize(1);
      // the admin API (and so faxstat's tools) says where the capture is
      var received =
          new org.faxgw.gateway.admin.AdminClient(
                  new org.faxgw.gateway.config.HostPort("127.0.0.1", admin))
              .get("/v1/received")
              .body();
      assertThat(received.toString()).containsPattern("\"capture\":\\[\"log/c\\d+\\.rx\\.slin\"");
    }
    Path rx;
    try (Stream<Path> s = Files.list(dir.resolve("var/log"))) {
      rx = s.filter(p -> p.toString().endsWith(".rx.slin")).findFirst().orElseThrow();
    }
    String commId = rx.getFileName().toString().replace(".rx.slin", "").substring(1);
    assertThat(Files.readString(dir.resolve("var/log/c" + commId)))
        .contains("CAPTURE: c" + commId + ".rx.slin");
    assertThat(dir.resolve("var/log/c" + commId + ".tx.slin")).isNotEmptyFile();
    Path pagesDir = Files.createDirectories(dir.resolve("analyzed"));
    AnalyzeCommand.Outcome o = AnalyzeCommand.analyze(rx, AnalyzeCommand.Codec.slin16le, pagesDir);
    assertThat(o.exitCode()).as(String.valueOf(o.message())).isZero();
    List<BilevelPage> decoded = new ArrayList<>();
    try (Stream<Path> s = Files.list(pagesDir)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".tif")).sorted().toList()) {
        decoded.addAll(FaxTiffReader.read(Files.readAllBytes(p)));
      }
    }
    Path delivered;
    try (Stream<Path> s = Files.list(dir.resolve("var/recvq"))) {
      delivered = s.filter(p -> p.toString().endsWith(".tif")).findFirst().orElseThrow();
    }
    List<BilevelPage> got = FaxTiffReader.read(Files.readAllBytes(delivered));
    assertThat(got).isNotEmpty();
    // for a failure message: what analyze saw, and the gateway's own session log
    String why =
        ServeProcess.run(faxgw + " analyze --codec slin16le " + rx + " || true", dir)
            + "\n--- session log:\n"
            + Files.readString(dir.resolve("var/log/c" + commId));
    assertThat(decoded).as(why).hasSameSizeAs(got);
    for (int i = 0; i < got.size(); i++) {
      assertThat(decoded.get(i).width()).as(why).isEqualTo(got.get(i).width());
      assertThat(decoded.get(i).height()).as(why).isEqualTo(got.get(i).height());
      assertThat(decoded.get(i)).as("page " + (i + 1) + "\n" + why).isEqualTo(got.get(i));
    }
  }
}
