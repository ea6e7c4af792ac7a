package org.faxgw.gateway.line;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.faxgw.gateway.admin.AdminClient;
import org.faxgw.gateway.config.HostPort;
import org.faxgw.mail.StoredMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A destination that refuses every call, live: gateway B has a {@code reject: true} route for the
 * DID, so each IAX2 NEW of gateway A gets REJECT (Q.850 21, call rejected) before any answer. A
 * retries by its rules ({@code jobs.retryOther}, here 1 s) and ends the job {@code failed} once
 * {@code jobs.maxDials} (here 3) calls have been placed, with no try counted (no fax machine
 * answered), and the sender gets the failure notice naming the reason.
 */
class RejectedCallIT {
  @TempDir Path dir;

  @Test
  void aRejectingDestinationIsRetriedByTheRulesAndFailsAfterMaxDialsWithANotice() throws Exception {
    int smtpA = GatewayToGatewayIT.tcpPort();
    int adminA = GatewayToGatewayIT.tcpPort();
    int adminB = GatewayToGatewayIT.tcpPort();
    int smtpB = GatewayToGatewayIT.tcpPort();
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
        jobs: {maxDials: 3, retryOther: 1s, retryBusy: 1s, retryNoAnswer: 1s}
        iax2:
          listen: "127.0.0.1:%d"
          peers:
            - {name: b, host: 127.0.0.1, port: %d, username: gw-a, secret: s3cret}
        fax:
          localId: "+1 604 555 0001"
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
            - {peer: gw-a, direction: receive}
        routing:
          faxmaster: faxmaster@localhost
          inbound:
            - {did: "6045550002", reject: true}
        """
            .formatted(smtpB, adminB, iaxB));
    String faxgw = ServeProcess.root().resolve("bin/faxgw").toString();
    try (ServeProcess gb = new ServeProcess(faxgw + " serve --config faxgw.yaml", b);
        ServeProcess ga = new ServeProcess(faxgw + " serve --config faxgw.yaml", a)) {
      String swaks =
          ServeProcess.run(
              "swaks --server 127.0.0.1:"
                  + smtpA
                  + " --from alice@example.com --to 6045550002@fax.local"
                  + " --header 'X-Fax-Notify: failed' --body 'One page of text.'",
              dir);
      assertThat(swaks).contains("250 ");
      AdminClient admin = new AdminClient(new HostPort("127.0.0.1", adminA));
      JsonNode job = null;
      for (int i = 0; i < 480 && job == null; i++) { // at most 120 s: three calls 1 s apart
        for (JsonNode j : admin.get("/v1/jobs?queue=done").body().path("jobs")) {
          job = j;
        }
        if (job == null) {
          Thread.sleep(250); // waiting for real calls, not for logic
        }
      }
      String outputs = "\nA:\n" + ga.output() + "\nB:\n" + gb.output();
      assertThat(job).as("A's job ended" + outputs).isNotNull();
      assertThat(job.path("state").asText()).as(outputs).isEqualTo("failed");
      assertThat(job.path("dials").asInt()).as("calls placed" + outputs).isEqualTo(3);
      assertThat(job.path("tries").asInt()).as("no fax machine answered").isZero();
      assertThat(job.path("pagesSent").asInt()).isZero();
      assertThat(gb.output()).as("B refused each call before answering").contains("rejected");
      List<Path> notices = ServeProcess.awaitMail(a.resolve("var/mail/alice@example.com"), 1, 60);
      assertThat(notices).as("the sender's notice" + outputs).hasSize(1);
      StoredMail notice = StoredMail.parse(Files.readAllBytes(notices.get(0)));
      assertThat(notice.subject()).matches("facsimile job \\d+ to \\+16045550002 failed");
      assertThat(notice.bodyText()).contains("failed because:").containsPattern("(?m)^ *Dials: 3$");
    }
  }
}
