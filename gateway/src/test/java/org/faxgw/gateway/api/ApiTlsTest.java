package org.faxgw.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With admin.tls naming a PEM key and certificate (a self-signed pair made here by openssl), the
 * server speaks HTTPS only and the session cookie is Secure.
 */
class ApiTlsTest {
  @Test
  void httpsWithAPemPairAndASecureCookie(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("key.pem");
    Path cert = dir.resolve("cert.pem");
    Process p =
        new ProcessBuilder(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(Files.readString(key)).contains("BEGIN PRIVATE KEY");

    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(cert)) {
      Certificate c = CertificateFactory.getInstance("X.509").generateCertificate(in);
      trust.setCertificateEntry("faxgw", c);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    HttpClient client =
        HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();

    String tls = "  tls:\n    key: " + key + "\n    certificate: " + cert + "\n";
    try (ApiHarness h = new ApiHarness(dir, tls, client)) {
      assertThat(h.base).startsWith("https://127.0.0.1:");
      ApiHarness.Login a = h.login("alice");
      String setCookie = a.response().headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(setCookie).contains("; Secure").contains("HttpOnly").contains("SameSite=Strict");
      assertThat(h.get("/api/v1/me", a).statusCode()).isEqualTo(200);
      // plain HTTP on the same port gets no API answer
      HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      URI http = URI.create("http://127.0.0.1:" + h.server.address().getPort() + "/api/v1/me");
      assertThatThrownBy(
              () -> {
                HttpResponse<String> r =
                    plain.send(
                        HttpRequest.newBuilder(http).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 400) {
                  throw new AssertionError("plain HTTP answered " + r.statusCode());
                }
                throw new java.io.IOException("refused with 400");
              })
          .isInstanceOf(java.io.IOException.class);
    }
  }
}
