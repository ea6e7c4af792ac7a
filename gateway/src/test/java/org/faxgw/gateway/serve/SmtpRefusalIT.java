package org.faxgw.gateway.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal with its exact reply code, and AUTH over STARTTLS, driven by the real swaks. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmtpRefusalIT {
  @TempDir static Path dir;
  private TestGateway open;
  private TestGateway guarded;

  @BeforeAll
  void start() throws Exception {
    Path a = Files.createDirectories(dir.resolve("open"));
    open = new TestGateway(a, "  maxRecipients: 2\n  maxMessageBytes: 64KiB\n", null);
    Path b = Files.createDirectories(dir.resolve("guarded"));
    Path ks = b.resolve("server.p12");
    Tools.Run kt =
        Tools.run(
            "keytool",
            "-genkeypair",
            "-alias",
            "faxgw",
            "-keyalg",
            "RSA",
            "-keysize",
            "2048",
            "-dname",
            "CN=localhost",
            "-validity",
            "2",
            "-storetype",
            "PKCS12",
            "-keystore",
            ks.toString(),
            "-storepass",
            "changeit",
            "-keypass",
            "changeit");
    assertThat(kt.exit()).as(kt.out()).isZero();
    Tools.Run hash = Tools.run("openssl", "passwd", "-6", "s3cret");
    assertThat(hash.exit()).as(hash.out()).isZero();
    guarded =
        new TestGateway(
            b,
            "  permittedNetworks: [10.0.0.0/8]\n"
                + "  tls:\n    keystore: "
                + ks
                + "\n    keystorePassword: changeit\n"
                + "  users:\n    - name: alice\n      password: '"
                + hash.out().trim()
                + "'\n",
            null);
  }

  /** {@code faxgw user add} in this JVM, the password on stdin. */
  private static void addUser(Path config, String name, String password) {
    java.io.InputStream old = System.in;
    try {
      System.setIn(
          new java.io.ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)));
      assertThat(
              org.faxgw.gateway.Main.run(
                  "user", "add", name, "--password-stdin", "--config", config.toString()))
          .isZero();
    } finally {
      System.setIn(old);
    }
  }

  @Test
  void aUserAddedWithFaxgwUserAddAuthenticates() throws Exception {
    addUser(guarded.configFile, "carol", "pa55word");
    assertThat(Files.readString(guarded.dir.resolve("var/users.yaml")))
        .contains("$pbkdf2-sha256$")
        .doesNotContain("pa55word");
    Swaks.Transcript ok =
        Swaks.send(
            guarded.smtpPort,
            "6045557977@fax.local",
            "--tls",
            "--auth",
            "LOGIN",
            "--auth-user",
            "carol",
            "--auth-password",
            "pa55word",
            "--body",
            "from the accounts store");
    assertThat(ok.accepted()).as(ok.toString()).isTrue();
    Swaks.Transcript wrong =
        Swaks.send(
            guarded.smtpPort,
            "6045557977@fax.local",
            "--tls",
            "--auth",
            "PLAIN",
            "--auth-user",
            "carol",
            "--auth-password",
            "pa55wore");
    assertThat(wrong.replied("535")).as(wrong.toString()).isTrue();
  }

  @AfterAll
  void stop() {
    open.close();
    guarded.close();
  }

  @Test
  void badNumberIs550_5_1_3() throws Exception {
    Swaks.Transcript t = Swaks.send(open.smtpPort, "not-a-number@fax.local");
    assertThat(t.replied("550 5.1.3")).as(t.toString()).isTrue();
  }

  @Test
  void foreignDomainIs550_5_7_1() throws Exception {
    Swaks.Transcript t = Swaks.send(open.smtpPort, "bob@example.org");
    assertThat(t.replied("550 5.7.1")).as(t.toString()).isTrue();
  }

  @Test
  void tooManyRecipientsIs452_4_5_3() throws Exception {
    Swaks.Transcript t =
        Swaks.send(open.smtpPort, "6045550001@fax.local,6045550002@fax.local,6045550003@fax.local");
    assertThat(t.replied("452 4.5.3")).as(t.toString()).isTrue();
  }

  @Test
  void tooBigIs552_5_3_4() throws Exception {
    Path big = dir.resolve("big.txt");
    Files.writeString(big, "0123456789abcdef\n".repeat(8000), StandardCharsets.US_ASCII);
    Swaks.Transcript t =
        Swaks.send(open.smtpPort, "6045557977@fax.local", "--attach", big.toString());
    assertThat(t.replied("552 5.3.4")).as(t.toString()).isTrue();
    assertThat(open.jobs())
        .noneMatch(
            j ->
                j.path("number").asText().equals("+16045557977") && j.path("documents").size() > 1);
  }

  @Test
  void nothingFaxableIs554_5_6_1NamingTheParts() throws Exception {
    Path eml = dir.resolve("zip-only.eml");
    Files.writeString(
        eml,
        "From: alice@example.com\r\nSubject: zip\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\n"
            + "Content-Type: application/zip\r\nContent-Disposition: attachment; filename=data.zip\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\nUEsDBAo=\r\n--XX--\r\n");
    Swaks.Transcript t =
        Swaks.send(open.smtpPort, "6045557977@fax.local", "--data", eml.toString());
    assertThat(t.replied("554 5.6.1")).as(t.toString()).isTrue();
    assertThat(t.text()).contains("data.zip");
  }

  @Test
  void aClientOutsideThePermittedNetworksMustAuthenticate() throws Exception {
    Swaks.Transcript t = Swaks.send(guarded.smtpPort, "6045557977@fax.local", "--body", "hi");
    assertThat(t.replied("530 5.7.0")).as(t.toString()).isTrue();
  }

  @Test
  void authIsNotOfferedWithoutTls() throws Exception {
    Swaks.Transcript t =
        Swaks.send(
            guarded.smtpPort,
            "6045557977@fax.local",
            "--auth",
            "PLAIN",
            "--auth-user",
            "alice",
            "--auth-password",
            "s3cret");
    assertThat(t.exit()).as(t.toString()).isNotZero();
    assertThat(t.text()).contains("STARTTLS").doesNotContain("250-AUTH");
    assertThat(t.replied("250 2.0.0")).isFalse();
  }

  @Test
  void authOverStartTlsWorks() throws Exception {
    for (String mech : new String[] {"PLAIN", "LOGIN"}) {
      Swaks.Transcript t =
          Swaks.send(
              guarded.smtpPort,
              "6045557977@fax.local",
              "--tls",
              "--auth",
              mech,
              "--auth-user",
              "alice",
              "--auth-password",
              "s3cret",
              "--body",
              "over TLS");
      assertThat(t.accepted()).as(t.toString()).isTrue();
      assertThat(t.text()).contains("250-AUTH");
    }
    Swaks.Transcript wrong =
        Swaks.send(
            guarded.smtpPort,
            "6045557977@fax.local",
            "--tls",
            "--auth",
            "PLAIN",
            "--auth-user",
            "alice",
            "--auth-password",
            "wrong");
    assertThat(wrong.replied("535")).as(wrong.toString()).isTrue();
  }
}
