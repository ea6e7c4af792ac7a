package org.faxgw.gateway.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.faxgw.gateway.admin.AdminClient;
import org.faxgw.gateway.config.HostPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGHUP to a receiving gateway (B, a real {@code faxgw serve}) while a fax from A is coming in,
 * with B's routing rule changed from bob to carol: the call completes (3 pages delivered), the next
 * fax follows the new rule; then a broken file: refused with {@code file:line} (SIGHUP and the
 * admin API's reload), and the fax after that still follows the running rule.
 */
class ReloadDuringCallIT {
  @TempDir Path dir;

  private static String configB(int smtp, int admin, int iax, String to) {
    return """
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
            - {did: "6045550002", to: [%s]}
        """
        .formatted(smtp, admin, iax, to);
  }

  @Test
  void routingChangesBetweenCallsAndABrokenFileIsRefused() throws Exception {
    int smtpA = GatewayToGatewayIT.tcpPort();
    int adminA = GatewayToGatewayIT.tcpPort();
    int smtpB = GatewayToGatewayIT.tcpPort();
    int adminB = GatewayToGatewayIT.tcpPort();
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
        fax:
          localId: "+1 604 555 0001"
          lines:
            - {peer: b, direction: send}
        """
            .formatted(smtpA, adminA, iaxA, iaxB));
    Path cfgB = b.resolve("faxgw.yaml");
    Files.writeString(cfgB, configB(smtpB, adminB, iaxB, "bob@example.com"));
    StringBuilder ps = new StringBuilder("/Helvetica findfont 30 scalefont setfont ");
    for (int i = 1; i <= 3; i++) {
      ps.append("72 ").append(760 - i * 50).append(" moveto (Page ").append(i).append(") show ");
      ps.append("showpage ");
    }
    ServeProcess.run(
        "gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=pdfwrite -sOutputFile=three.pdf -c '" + ps + "'",
        dir);
    String faxgw = ServeProcess.root().resolve("bin/faxgw").toString();
    String send =
        "swaks --server 127.0.0.1:"
            + smtpA
            + " --from alice@example.com --to 6045550002@fax.local"
            + " --header 'X-Fax-Cover: no' --attach-type application/pdf --attach @three.pdf";
    AdminClient admA = new AdminClient(new HostPort("127.0.0.1", adminA));
    AdminClient admB = new AdminClient(new HostPort("127.0.0.1", adminB));
    Path carol = b.resolve("var/mail/carol@example.com");
    try (ServeProcess gb = new ServeProcess(faxgw + " serve --config faxgw.yaml", b);
        ServeProcess ga = new ServeProcess(faxgw + " serve --config faxgw.yaml", a)) {
      ServeProcess.run(send, dir);
      String state = "";
      for (int i = 0; i < 1200 && !state.equals("active"); i++) {
        state = admA.get("/v1/jobs/1").body().path("state").asText();
        Thread.sleep(100);
      }
      assertThat(state).as(ga.output()).isEqualTo("active");
      Files.writeString(cfgB, configB(smtpB, adminB, iaxB, "carol@example.com"));
      gb.signal("HUP");
      // the call in progress completes
      String done = "";
      for (int i = 0; i < 1800 && !done.equals("done") && !done.equals("failed"); i++) {
        done = admA.get("/v1/jobs/1").body().path("state").asText();
        Thread.sleep(100);
      }
      assertThat(done).as(ga.output()).isEqualTo("done");
      assertThat(gb.output()).contains("faxgw: reloaded routing");
      // the first fax is delivered (by the rule in force when it is routed, after the call)
      Path bob = b.resolve("var/mail/bob@example.com");
      int bob1 = 0;
      int carol1 = 0;
      for (int i = 0; i < 1200 && bob1 + carol1 == 0; i++) {
        bob1 = count(bob);
        carol1 = count(carol);
        Thread.sleep(100);
      }
      assertThat(bob1 + carol1).as("the call in progress was delivered:\n" + gb.output()).isOne();
      // the next fax follows the new rule
      ServeProcess.run(send, dir);
      List<Path> mails = ServeProcess.awaitMail(carol, carol1 + 1, 180);
      assertThat(mails).as(gb.output()).hasSize(carol1 + 1);
      assertThat(Files.readString(mails.get(mails.size() - 1))).containsPattern("Pages: 3\\s");

      // a broken file: refused with file:line, the running rule stays
      Files.writeString(
          cfgB, configB(smtpB, adminB, iaxB, "carol@example.com") + "  bogusKey: 1\n");
      gb.signal("HUP");
      AdminClient.Reply r = admB.post("/v1/reload", java.util.Map.of());
      assertThat(r.status()).isEqualTo(422);
      assertThat(r.error()).containsPattern("faxgw\\.yaml:\\d+:").contains("bogusKey");
      for (int i = 0; i < 100 && !gb.output().contains("reload refused"); i++) {
        Thread.sleep(100);
      }
      assertThat(gb.output()).containsPattern("reload refused, configuration kept: .*yaml:\\d+:");
      int had = count(carol);
      ServeProcess.run(send, dir);
      assertThat(ServeProcess.awaitMail(carol, had + 1, 180)).hasSize(had + 1);
      assertThat(count(bob)).isEqualTo(bob1);
    }
  }

  private static int count(Path box) throws Exception {
    Path n = box.resolve("new");
    if (!Files.isDirectory(n)) {
      return 0;
    }
    try (var s = Files.list(n)) {
      return (int) s.filter(Files::isRegularFile).count();
    }
  }
}
