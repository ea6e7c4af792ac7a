package org.faxgw.gateway.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.faxgw.smtp.IpNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsStoreTest {
  @TempDir Path dir;

  @Test
  void aHashVerifiesItsPasswordOnlyAndCarriesItsIterations() {
    String h = PasswordHash.hash("s3cret".toCharArray(), 1000);
    assertThat(h).startsWith("$pbkdf2-sha256$1000$").doesNotContain("s3cret");
    assertThat(PasswordHash.verify("s3cret", h)).isTrue();
    assertThat(PasswordHash.verify("s3cre", h)).isFalse();
    assertThat(PasswordHash.verify("", h)).isFalse();
    assertThat(PasswordHash.verify("s3cret", "$pbkdf2-sha256$x$y$z")).isFalse();
    assertThat(PasswordHash.hash("s3cret".toCharArray(), 1000)).isNotEqualTo(h);
  }

  @Test
  void accountsSurviveARewriteAndNetworksLimitWhereAUserLogsIn() throws Exception {
    Path f = dir.resolve("users.yaml");
    AccountsStore s = new AccountsStore(f);
    s.put(
        new Account(
            "alice",
            PasswordHash.hash("pw".toCharArray(), 1000),
            Role.ADMIN,
            List.of(IpNetwork.parse("127.0.0.0/8")),
            new AccountLimits(100, null)));
    s.put(new Account("bob", PasswordHash.hash("pw2".toCharArray(), 1000), null, null, null));
    AccountsStore again = new AccountsStore(f);
    assertThat(again.list()).extracting(Account::name).containsExactly("alice", "bob");
    Account a = again.find("alice").orElseThrow();
    assertThat(a.role()).isEqualTo(Role.ADMIN);
    assertThat(a.limits().dailyPages()).isEqualTo(100);
    InetAddress local = InetAddress.getByName("127.0.0.1");
    InetAddress far = InetAddress.getByName("10.1.2.3");
    assertThat(again.authenticate("alice", "pw", local)).isPresent();
    assertThat(again.authenticate("alice", "pw", far)).isEmpty();
    assertThat(again.authenticate("alice", "bad", local)).isEmpty();
    assertThat(again.authenticate("nobody", "pw", local)).isEmpty();
    assertThat(again.authenticate("bob", "pw2", far)).isPresent();
    assertThat(again.remove("bob")).isTrue();
    assertThat(new AccountsStore(f).find("bob")).isEmpty();
    assertThat(Files.readString(f)).doesNotContain("pw2").contains("$pbkdf2-sha256$");
    try (var files = Files.list(dir)) {
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("users.yaml");
    }
  }
}
