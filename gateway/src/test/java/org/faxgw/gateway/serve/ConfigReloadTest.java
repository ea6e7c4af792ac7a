package org.faxgw.gateway.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.faxgw.gateway.accounts.Account;
import org.faxgw.gateway.accounts.AccountLimits;
import org.faxgw.gateway.accounts.AccountsStore;
import org.faxgw.gateway.accounts.PasswordHash;
import org.faxgw.gateway.accounts.Role;
import org.faxgw.gateway.config.ConfigException;
import org.faxgw.gateway.config.ConfigLoader;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.mail.InboundRouting;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGHUP / {@code faxgw reload} on a gateway in this JVM (not started: nothing listens): a changed
 * dialing rule changes the next normalisation; a user added to {@code smtp.users} or to the
 * accounts file can log in; a change that needs a restart is named with the value kept and not
 * applied; a broken file is refused with {@code file:line} and nothing changes.
 */
class ConfigReloadTest {
  private static final InetAddress LOCAL = InetAddress.getLoopbackAddress();

  /** "Hello world!" in SHA-512 crypt (the specification's test vector). */
  private static final String HELLO_HASH =
      "$6$rounds=5000$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJu"
          + "esI68u4OTLiBFdcbYEdFCoEOfaS35inz1";

  @TempDir Path dir;
  private Path file;
  private int smtpPort;
  private int adminPort;
  private Gateway gateway;
  private ConfigReload reload;
  private final List<InboundRouting> routings = new ArrayList<>();

  private String yaml(String areaCode, int smtp, String smtpUsers) {
    return "dataDir: "
        + dir.resolve("var")
        + "\nsmtp:\n  listen: 127.0.0.1:"
        + smtp
        + "\n"
        + smtpUsers
        + "admin:\n  listen: 127.0.0.1:"
        + adminPort
        + "\ndialing:\n  areaCode: \""
        + areaCode
        + "\"\n";
  }

  @BeforeEach
  void start() throws Exception {
    smtpPort = TestGateway.freePort();
    file = dir.resolve("faxgw.yaml");
    open("");
  }

  private void open(String smtpExtra) throws Exception {
    adminPort = TestGateway.freePort(); // the admin API binds when the gateway is made
    Files.writeString(file, yaml("604", smtpPort, smtpExtra));
    FaxgwConfig c = new ConfigLoader().load(file);
    gateway = new Gateway(c, Clock.systemUTC(), JobListener.NONE);
    reload =
        new ConfigReload(
            () -> new ConfigLoader().load(file),
            c,
            gateway::reload,
            routings::add,
            gateway.hasLines());
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  private String submitted(String number) throws Exception {
    List<FaxJob> made =
        gateway
            .jobs()
            .submit("alice", List.of(number), List.of(), "a cover page", null, null, null);
    return made.get(0).number();
  }

  @Test
  void aChangedDialingRuleChangesTheNextNormalisation() throws Exception {
    assertThat(submitted("555-0100")).isEqualTo("+16045550100");
    Files.writeString(file, yaml("778", smtpPort, ""));

    String said = reload.reload();

    assertThat(said).contains("reloaded dialing").doesNotContain("restart");
    assertThat(submitted("555-0100")).isEqualTo("+17785550100");
    assertThat(reload.running().dialing().areaCode()).isEqualTo("778");
  }

  @Test
  void aUserAddedToSmtpUsersCanLogIn() throws Exception {
    // smtp.users needs TLS (AUTH only after STARTTLS): a gateway with a keystore
    Path ks = dir.resolve("server.p12");
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
    gateway.close();
    String tls = "  tls:\n    keystore: " + ks + "\n    keystorePassword: changeit\n";
    open(tls);
    assertThat(gateway.smtpAuthenticator().authenticate("bob", "Hello world!", LOCAL)).isFalse();
    Files.writeString(
        file,
        yaml(
            "604",
            smtpPort,
            tls + "  users:\n    - {name: bob, password: \"" + HELLO_HASH + "\"}\n"));

    String said = reload.reload();

    assertThat(said).contains("smtp.users");
    assertThat(gateway.smtpAuthenticator().authenticate("bob", "Hello world!", LOCAL)).isTrue();
    assertThat(gateway.smtpAuthenticator().authenticate("bob", "wrong", LOCAL)).isFalse();
  }

  @Test
  void aUserAddedToTheAccountsFileCanLogInAfterReloadEvenWhenSizeAndTimeStayed() throws Exception {
    AccountsStore store = new AccountsStore(reload.running().accountsFile());
    store.put(account("carl", "first-pass"));
    assertThat(gateway.smtpAuthenticator().authenticate("carl", "first-pass", LOCAL)).isTrue();
    // an edit the cache cannot see: same size, same modification time (dave replaces carl)
    Path accounts = store.file();
    FileTime time = Files.getLastModifiedTime(accounts);
    String before = Files.readString(accounts);
    Path other = dir.resolve("other.yaml");
    AccountsStore otherStore = new AccountsStore(other);
    otherStore.put(account("dave", "first-pass"));
    String after = Files.readString(other);
    assertThat(after).hasSameSizeAs(before);
    Files.writeString(accounts, after);
    Files.setLastModifiedTime(accounts, time);
    assertThat(gateway.smtpAuthenticator().authenticate("dave", "first-pass", LOCAL)).isFalse();

    String said = reload.reload();

    assertThat(said).contains("accounts file read again");
    assertThat(gateway.smtpAuthenticator().authenticate("dave", "first-pass", LOCAL)).isTrue();
    assertThat(gateway.smtpAuthenticator().authenticate("carl", "first-pass", LOCAL)).isFalse();
  }

  private static Account account(String name, String password) {
    return new Account(
        name, PasswordHash.hash(password.toCharArray()), Role.USER, List.of(), AccountLimits.NONE);
  }

  @Test
  void aListenAddressChangeIsNamedAndKeptWhileTheRestApplies() throws Exception {
    int other = TestGateway.freePort();
    Files.writeString(file, yaml("778", other, ""));

    String said = reload.reload();

    assertThat(said)
        .contains("reloaded dialing")
        .contains("smtp.listen changes need a restart; kept 127.0.0.1:" + smtpPort);
    assertThat(reload.running().smtp().listen().port()).isEqualTo(smtpPort);
    assertThat(reload.running().dialing().areaCode()).isEqualTo("778");
    // said again at the next reload: the running configuration does not pretend it changed
    assertThat(reload.reload())
        .contains("nothing to reload")
        .contains("smtp.listen changes need a restart");
  }

  @Test
  void aDataDirChangeIsRefusedForARestart() throws Exception {
    Files.writeString(
        file, yaml("604", smtpPort, "").replace(dir.resolve("var").toString(), "/elsewhere"));

    String said = reload.reload();

    assertThat(said).contains("dataDir changes need a restart; kept " + dir.resolve("var"));
    assertThat(reload.running().dataPath()).isEqualTo(dir.resolve("var"));
  }

  @Test
  void aBrokenFileIsRefusedWithFileAndLineAndNothingChanges() throws Exception {
    Files.writeString(file, yaml("778", smtpPort, "") + "dialing:\n  bogusKey: [\n");

    assertThatThrownBy(() -> reload.reload())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("faxgw.yaml:");
    assertThat(submitted("555-0100")).isEqualTo("+16045550100");
    assertThat(reload.running().dialing().areaCode()).isEqualTo("604");
  }

  @Test
  void routingGoesToThePipelineOnlyWhenItChanged() throws Exception {
    reload.reload();
    assertThat(routings).isEmpty();
    Files.writeString(
        file, yaml("604", smtpPort, "") + "routing:\n  faxmaster: someone@example.com\n");
    assertThat(reload.reload()).contains("reloaded routing");
    assertThat(routings).hasSize(1);
    assertThat(routings.get(0).faxmaster()).isEqualTo("someone@example.com");
  }
}
