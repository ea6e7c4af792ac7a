package org.faxgw.gateway.line;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.faxgw.gateway.admin.AdminClient;
import org.faxgw.gateway.config.HostPort;
import org.faxgw.render.Tagline;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxTiffReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two {@code faxgw serve} processes, one faxing the other over IAX2 on 127.0.0.1: a 10-page PDF
 * mailed to A arrives at B as a 10-page fax mail; the pages B received equal the pages A rendered,
 * row for row below the tagline; A's job and B's summary agree on pages, rate and ECM. With ECM and
 * without.
 */
class GatewayToGatewayIT {
  @TempDir Path dir;

  static int tcpPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static int udpPort() throws Exception {
    try (DatagramSocket s = new DatagramSocket(0)) {
      return s.getLocalPort();
    }
  }

  @ParameterizedTest(name = "ecm={0}")
  @ValueSource(booleans = {true, false})
  void aTenPageFaxGoesFromOneGatewayToTheOther(boolean ecm) throws Exception {
    // Without ECM only in the full run (-Dfaxgw.live.full=true), to keep .ci/run under 30 minutes:
    // the default run sends without ECM to and from HylaFAX (EmailToHylafaxIT, HylafaxToEmailIT).
    Assumptions.assumeTrue(
        ecm || Boolean.getBoolean("faxgw.live.full"),
        "faxgw to faxgw without ECM runs with -Dfaxgw.live.full=true");
    int smtpA = tcpPort();
    int adminA = tcpPort();
    int adminB = tcpPort();
    int smtpB = tcpPort();
    int iaxA = udpPort();
    int iaxB = udpPort();
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
          ecm: %s
          lines:
            - {peer: b, direction: send}
        """
            .formatted(smtpA, adminA, iaxA, iaxB, ecm));
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
            - {did: "6045550002", to: [bob@example.com]}
        """
            .formatted(smtpB, adminB, iaxB));
    StringBuilder ps = new StringBuilder("/Helvetica findfont 30 scalefont setfont ");
    for (int i = 1; i <= 10; i++) {
      ps.append("72 ")
          .append(760 - i * 50)
          .append(" moveto (Page ")
          .append(i)
          .append(" of ten) show ");
      ps.append("72 72 moveto ").append(i * 40).append(" 0 rlineto stroke showpage ");
    }
    ServeProcess.run(
        "gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=pdfwrite -sOutputFile=ten.pdf -c '" + ps + "'",
        dir);
    String faxgw = ServeProcess.root().resolve("bin/faxgw").toString();
    try (ServeProcess gb = new ServeProcess(faxgw + " serve --config faxgw.yaml", b);
        ServeProcess ga = new ServeProcess(faxgw + " serve --config faxgw.yaml", a)) {
      ServeProcess.run(
          "swaks --server 127.0.0.1:"
              + smtpA
              + " --from alice@example.com --to 6045550002@fax.local --header 'X-Fax-Cover: no'"
              + " --attach-type application/pdf --attach @ten.pdf",
          dir);
      List<Path> mails = ServeProcess.awaitMail(b.resolve("var/mail/bob@example.com"), 1, 400);
      assertThat(mails).as("B's mail:\n" + ga.output() + "\n" + gb.output()).hasSize(1);
      String mail = Files.readString(mails.get(0));
      assertThat(mail).contains("Subject: Fax received from \"+1 604 555 0001\"");
      assertThat(mail).containsPattern("Pages: 10\\s");
      assertThat(mail).containsPattern("Error Correct: " + (ecm ? "Yes" : "No"));
      assertThat(mail).containsPattern("Data Format: " + (ecm ? "2-D MMR" : "2-D MR"));
      // A's job: done, the same pages, rate and ECM
      JsonNode job = null;
      AdminClient adminClient = new AdminClient(new HostPort("127.0.0.1", adminA));
      for (int i = 0; i < 120 && job == null; i++) {
        for (JsonNode j : adminClient.get("/v1/jobs?queue=done").body().path("jobs")) {
          job = j;
        }
        if (job == null) {
          Thread.sleep(250);
        }
      }
      assertThat(job).as("A's job is done").isNotNull();
      assertThat(job.path("state").asText()).isEqualTo("done");
      assertThat(job.path("pagesSent").asInt()).isEqualTo(10);
      assertThat(job.path("ecm").asBoolean()).isEqualTo(ecm);
      assertThat(mail).containsPattern("Signal Rate: " + job.path("signalRate").asInt() + " bit/s");
      // pixels: what B stored equals what A rendered, below the tagline
      List<BilevelPage> sent =
          FaxTiffReader.read(Files.readAllBytes(Path.of(job.path("tiff").asText())));
      Path recvq = b.resolve("var/recvq");
      Path tif;
      try (var s = Files.list(recvq)) {
        tif = s.filter(p -> p.toString().endsWith(".tif")).findFirst().orElseThrow();
      }
      List<BilevelPage> got = FaxTiffReader.read(Files.readAllBytes(tif));
      assertThat(got).hasSize(10);
      int band = Tagline.bandRows(sent.get(0).resolution());
      for (int i = 0; i < 10; i++) {
        BilevelPage s = sent.get(i);
        BilevelPage r = got.get(i);
        assertThat(r.width()).isEqualTo(s.width());
        assertThat(r.height()).isEqualTo(s.height());
        byte[] sr = s.rows();
        byte[] rr = r.rows();
        int from = band * s.stride();
        assertThat(java.util.Arrays.copyOfRange(rr, from, rr.length))
            .as("page %d below the tagline", i + 1)
            .isEqualTo(java.util.Arrays.copyOfRange(sr, from, sr.length));
        assertThat(java.util.Arrays.copyOfRange(rr, 0, from))
            .as("page %d has a tagline", i + 1)
            .isNotEqualTo(new byte[from]);
      }
    }
  }
}
