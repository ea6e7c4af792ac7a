package org.faxgw.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Hashes made by the real {@code openssl passwd -6} verify; wrong passwords do not. */
class ShaCryptTest {
  private static String openssl(String... args) throws Exception {
    String[] cmd = new String[args.length + 2];
    cmd[0] = "openssl";
    cmd[1] = "passwd";
    System.arraycopy(args, 0, cmd, 2, args.length);
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      throw new AssertionError("openssl is needed for this test (apt-get install openssl)", e);
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
  }

  @Test
  void verifiesHashesFromOpenssl() throws Exception {
    for (String pw : new String[] {"secret", "pässwörd with spaces", "x".repeat(80)}) {
      String hash = openssl("-6", "-salt", "abcdefgh12345678", pw);
      assertThat(ShaCrypt.verify(pw, hash)).as("%s -> %s", pw, hash).isTrue();
      assertThat(ShaCrypt.verify(pw + "!", hash)).isFalse();
    }
    String random = openssl("-6", "hunter2");
    assertThat(ShaCrypt.verify("hunter2", random)).isTrue();
  }

  @Test
  void specVectorWithRounds() {
    // From the specification's test vectors (rounds=5000 stated explicitly).
    assertThat(
            ShaCrypt.verify(
                "Hello world!",
                "$6$rounds=5000$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJu"
                    + "esI68u4OTLiBFdcbYEdFCoEOfaS35inz1"))
        .isTrue();
  }
}
