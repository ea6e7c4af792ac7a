package org.faxgw.iax2.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 5456 8.6.16: MD5_RESULT = hex(MD5(challenge || secret)). */
class Md5AuthTest {
  @Test
  void rfc1321VectorsSplitIntoChallengeAndSecret() {
    // RFC 1321 A.5 test suite: MD5("") and MD5("abc"), "message digest".
    assertThat(Md5Auth.result("", "")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    assertThat(Md5Auth.result("a", "bc")).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
    assertThat(Md5Auth.result("message ", "digest")).isEqualTo("f96b697d7cb7938d525a2f31aaf161d0");
  }

  @Test
  void theRegistrationRecordedFromIaxmodem() {
    // Fixture G (interop notes 5.3): iaxmodem answered REGAUTH CHALLENGE "143252625" for
    // secret "secret1" with this MD5_RESULT.
    assertThat(Md5Auth.result("143252625", "secret1"))
        .isEqualTo("84d87cf388e840749d24a036291b7148");
    assertThat(Md5Auth.verify("143252625", "secret1", "84D87CF388E840749D24A036291B7148")).isTrue();
    assertThat(Md5Auth.verify("143252625", "secret2", "84d87cf388e840749d24a036291b7148"))
        .isFalse();
    assertThat(Md5Auth.verify("143252625", "secret1", "")).isFalse();
  }
}
