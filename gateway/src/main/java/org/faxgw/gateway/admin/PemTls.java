package org.faxgw.gateway.admin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A key store made from PEM files: a PKCS#8 private key ({@code BEGIN PRIVATE KEY}, RSA or EC) and
 * its certificate chain. The key store lives in memory only, under a random password.
 */
final class PemTls {
  private static final Pattern KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  private PemTls() {}

  /** The key store with one entry "faxgw", and the password it is under. */
  record Keys(KeyStore store, char[] password) {}

  static Keys load(Path keyFile, Path certFile) throws IOException {
    String pem;
    try {
      pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IOException("cannot read admin.tls.key " + keyFile + ": " + e.getMessage(), e);
    }
    Matcher m = KEY.matcher(pem);
    if (!m.find()) {
      throw new IOException(
          "admin.tls.key "
              + keyFile
              + " holds no PKCS#8 key (BEGIN PRIVATE KEY); convert it with"
              + " `openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW`");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(1));
    try {
      Collection<? extends Certificate> chain;
      try (var in = new ByteArrayInputStream(Files.readAllBytes(certFile))) {
        chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
      } catch (IOException e) {
        throw new IOException(
            "cannot read admin.tls.certificate " + certFile + ": " + e.getMessage(), e);
      }
      if (chain.isEmpty()) {
        throw new IOException("admin.tls.certificate " + certFile + " holds no certificate");
      }
      PrivateKey key = privateKey(der, chain.iterator().next().getPublicKey().getAlgorithm());
      char[] password = Base64.getEncoder().encodeToString(random()).toCharArray();
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("faxgw", key, password, chain.toArray(new Certificate[0]));
      return new Keys(ks, password);
    } catch (GeneralSecurityException e) {
      throw new IOException("bad admin.tls key or certificate: " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(byte[] der, String algorithm)
      throws GeneralSecurityException {
    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  private static byte[] random() {
    byte[] b = new byte[24];
    new java.security.SecureRandom().nextBytes(b);
    return b;
  }
}
