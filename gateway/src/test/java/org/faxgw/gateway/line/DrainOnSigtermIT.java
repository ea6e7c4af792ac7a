package org.faxgw.gateway.line;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.faxgw.gateway.admin.AdminClient;
import org.faxgw.gateway.config.HostPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a sending gateway (A) during a live 3-page call to a receiving gateway (B), both real
 * {@code faxgw serve} processes on 127.0.0.1: the call completes and B delivers the fax; mail to A
 * after the signal gets {@code 421}; an IAX2 call to A after the signal is refused; A exits within
 * its drain timeout; a second job queued behind the call is not started and is found intact, still
 * queued, when A starts again.
 */
class DrainOnSigtermIT {
  @TempDir Path dir;

  @Test
  void aCallInProgressFinishesAndNothingNewStarts() throws Exception {
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
        iax2:
          listen: "127.0.0.1:%d"
          peers:
            - {name: b, host: 127.0.0.1, port: %d, username: gw-a, secret: s3cret}
          users:
            - {name: probe, secret: pw}
        fax:
          localId: "+1 604 555 0001"
          node: gateway-a
          lines:
            - {peer: b, direction: send}
            - {peer: probe, direction: receive}
        shutdown:
          drainTimeout: 3m
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
    for (int i = 1; i <= 3; i++) {
      ps.append("72 ").append(760 - i * 50).append(" moveto (Page ").append(i).append(") show ");
      ps.append("showpage ");
    }
    ServeProcess.run(
        "gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=pdfwrite -sOutputFile=three.pdf -c '" + ps + "'",
        dir);
    String faxgw = ServeProcess.root().resolve("bin/faxgw").toString();
    String mailTo =
        "swaks --server 127.0.0.1:"
            + smtpA
            + " --from alice@example.com --to %s@fax.local"
            + " --header 'X-Fax-Cover: no' --attach-type application/pdf --attach @three.pdf";
    AdminClient adminA1 = new AdminClient(new HostPort("127.0.0.1", adminA));
    try (ServeProcess gb = new ServeProcess(faxgw + " serve --config faxgw.yaml", b)) {
      try (ServeProcess ga = new ServeProcess(faxgw + " serve --config faxgw.yaml", a)) {
        ServeProcess.run(mailTo.formatted("6045550002"), dir);
        // the call is up once a page is on its way
        String state = "";
        for (int i = 0; i < 1200 && !state.equals("active"); i++) {
          state = adminA1.get("/v1/jobs/1").body().path("state").asText();
          Thread.sleep(100);
        }
        assertThat(state).as(ga.output()).isEqualTo("active");
        // a second job, to another number: waits for the only sending line
        ServeProcess.run(mailTo.formatted("6045550003"), dir);

        ga.signal("TERM");
        // new mail: 421 (swaks exits non-zero)
        String late =
            runAny(
                "swaks --server 127.0.0.1:"
                    + smtpA
                    + " --from alice@example.com --to 6045550004@fax.local --body late",
                dir);
        assertThat(late).as(late).containsPattern("<\\*\\* +421 4\\.3\\.2");
        // a new call: refused
        String probe =
            runAny(
                faxgw
                    + " iax2 probe 127.0.0.1:"
                    + iaxA
                    + " --user probe --secret pw --timeout 5 --seconds 1; echo exit=$?",
                dir);
        assertThat(probe).as(probe).contains("refused the call").contains("exit=1");
        assertThat(ga.awaitExit(180 + 30)).as("exits within the drain timeout").isTrue();
        assertThat(ga.output()).contains("faxgw: draining").contains("faxgw: stopped");
      }
      List<Path> mails = ServeProcess.awaitMail(b.resolve("var/mail/bob@example.com"), 1, 120);
      assertThat(mails).as("the fax in progress was delivered:\n" + gb.output()).hasSize(1);
      assertThat(Files.readString(mails.get(0))).containsPattern("Pages: 3\\s");
      try (ServeProcess ga2 = new ServeProcess(faxgw + " serve --config faxgw.yaml", a)) {
        JsonNode first = adminA1.get("/v1/jobs/1").body();
        JsonNode second = adminA1.get("/v1/jobs/2").body();
        assertThat(first.path("state").asText()).as(first.toString()).isEqualTo("done");
        assertThat(second.path("number").asText()).isEqualTo("+16045550003");
        assertThat(second.path("pages").asInt()).as(second.toString()).isEqualTo(3);
        assertThat(second.path("state").asText()).isIn("ready", "active", "blocked", "done");
        assertThat(adminA1.get("/v1/jobs/3").ok())
            .as("no job from the mail after SIGTERM")
            .isFalse();
      }
    }
  }

  /** Runs a shell command and returns its output whatever its exit code. */
  private static String runAny(String cmd, Path dir) throws Exception {
    Process p =
        new ProcessBuilder(List.of("bash", "-c", cmd))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
