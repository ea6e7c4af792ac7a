package org.faxgw.gateway.line;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.faxgw.gateway.admin.AdminClient;
import org.faxgw.gateway.config.HostPort;
import org.faxgw.render.Tagline;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxTiffReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the sending gateway in the middle of a 10-page fax: after the restart the job is
 * retried at once (its lease belonged to this node), resuming after the last page the receiver
 * confirmed; the receiving gateway keeps the partial reception and reports it to FaxMaster, and the
 * second call carries exactly the pages not yet confirmed.
 *
 * <p>Only with {@code -Dfaxgw.live.full=true}, to keep {@code .ci/run} under 30 minutes: the
 * default run kills a node with -9 in the middle of calls on the real line in {@code
 * ClusterFailoverIT} (another node resumes after the last committed page), and a node's restart
 * takes its own leases back at once in {@code JobStoreContract} (on SQLite and PostgreSQL).
 */
@EnabledIfSystemProperty(named = "faxgw.live.full", matches = "true")
class KillDuringCallIT {
  @TempDir Path dir;

  @Test
  void aKilledGatewayResumesTheFaxAfterTheLastConfirmedPage() throws Exception {
    int smtpA = GatewayToGatewayIT.tcpPort();
    int adminA = GatewayToGatewayIT.tcpPort();
    int iaxA = GatewayToGatewayIT.udpPort();
    int iaxB = GatewayToGatewayIT.udpPort();
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    Files.writeString(
        a.resolve("faxgw.yaml"),
        """
        dataDir: var
        smtp: {listen: "127.0.0.1:%d"}
        admin: {listen: "127.0.0.1:%d"}
        jobs: {retryOther: 10s}
        iax2:
          listen: "127.0.0.1:%d"
          peers:
            - {name: b, host: 127.0.0.1, port: %d, username: gw-a, secret: s3cret}
        fax:
          localId: "+1 604 555 0001"
          node: gateway-a
          lines:
            - {peer: b, direction: send}
        """
            .formatted(smtpA, adminA, iaxA, iaxB));
    Files.writeString(
        b.resolve("faxgw.yaml"),
        """
        dataDir: var
        smtp: {listen: "127.0.0.1:%d"}
        admin: {listen: "127.0.0.1:%d"}
        iax2:
          listen: "127.0.0.1:%d"
          users:
            - {name: gw-a, secret: s3cret}
        fax:
          localId: "+1 604 555 0002"
          lines:
            - {peer: gw-a, calls: 2, direction: receive}
        routing:
          faxmaster: faxmaster@localhost
          inbound:
            - {did: "6045550002", to: [bob@example.com]}
        """
            .formatted(GatewayToGatewayIT.tcpPort(), GatewayToGatewayIT.tcpPort(), iaxB));
    StringBuilder ps = new StringBuilder("/Helvetica findfont 30 scalefont setfont ");
    for (int i = 1; i <= 10; i++) {
      ps.append("72 ").append(760 - i * 50).append(" moveto (Page ").append(i).append(") show ");
      ps.append("showpage ");
    }
    ServeProcess.run(
        "gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=pdfwrite -sOutputFile=ten.pdf -c '" + ps + "'",
        dir);
    String faxgw = ServeProcess.root().resolve("bin/faxgw").toString();
    AdminClient adminClient = new AdminClient(new HostPort("127.0.0.1", adminA));
    try (ServeProcess gb = new ServeProcess(faxgw + " serve --config faxgw.yaml", b)) {
      int confirmedAtKill;
      try (ServeProcess ga = new ServeProcess(faxgw + " serve --config faxgw.yaml", a)) {
        ServeProcess.run(
            "swaks --server 127.0.0.1:"
                + smtpA
                + " --from alice@example.com --to 6045550002@fax.local"
                + " --header 'X-Fax-Cover: no' --attach-type application/pdf --attach @ten.pdf",
            dir);
        confirmedAtKill = 0;
        for (int i = 0; i < 3000 && confirmedAtKill < 3; i++) {
          JsonNode j = adminClient.get("/v1/jobs/1").body();
          confirmedAtKill = j.path("pagesSent").asInt();
          Thread.sleep(100);
        }
        assertThat(confirmedAtKill)
            .as("3 pages confirmed before the kill:\n" + ga.output())
            .isBetween(3, 9);
        ga.kill();
      }
      try (ServeProcess ga2 = new ServeProcess(faxgw + " serve --config faxgw.yaml", a)) {
        JsonNode job = null;
        for (int i = 0; i < 2400 && job == null; i++) {
          JsonNode j = adminClient.get("/v1/jobs/1").body();
          if (j.path("state").asText().equals("done")
              || j.path("state").asText().equals("failed")) {
            job = j;
          } else {
            Thread.sleep(250);
          }
        }
        assertThat(job).as("the job ended after the restart:\n" + ga2.output()).isNotNull();
        assertThat(job.path("state").asText()).isEqualTo("done");
        assertThat(job.path("pagesSent").asInt()).isEqualTo(10);
        assertThat(job.path("dials").asInt()).isGreaterThanOrEqualTo(2);
        List<Path> mails = ServeProcess.awaitMail(b.resolve("var/mail/bob@example.com"), 2, 120);
        assertThat(mails).hasSizeGreaterThanOrEqualTo(2);
        List<Path> notices =
            ServeProcess.awaitMail(b.resolve("var/mail/faxmaster@localhost"), 1, 60);
        // at least the partial reception; a call that failed before any page (retried) adds its own
        assertThat(notices).as("FaxMaster hears of the partial reception").isNotEmpty();
        List<BilevelPage> sent =
            FaxTiffReader.read(Files.readAllBytes(Path.of(job.path("tiff").asText())));
        List<Path> tiffs;
        try (Stream<Path> s = Files.list(b.resolve("var/recvq"))) {
          tiffs = s.filter(p -> p.toString().endsWith(".tif")).sorted().toList();
        }
        assertThat(tiffs).hasSizeGreaterThanOrEqualTo(2);
        // the last reception is the resumed call's
        List<BilevelPage> second =
            FaxTiffReader.read(Files.readAllBytes(tiffs.get(tiffs.size() - 1)));
        assertThat(second).hasSize(10 - confirmedAtKill);
        int band = Tagline.bandRows(sent.get(0).resolution());
        for (int i = 0; i < second.size(); i++) {
          BilevelPage s = sent.get(confirmedAtKill + i);
          BilevelPage r = second.get(i);
          int from = band * s.stride();
          assertThat(Arrays.copyOfRange(r.rows(), from, r.rows().length))
              .as("resumed page %d", confirmedAtKill + i + 1)
              .isEqualTo(Arrays.copyOfRange(s.rows(), from, s.rows().length));
        }
      }
    }
  }
}
