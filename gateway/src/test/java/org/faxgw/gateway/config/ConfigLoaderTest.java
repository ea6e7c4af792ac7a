package org.faxgw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  private final ConfigLoader loader = new ConfigLoader(Map.of("SECRET", "s3cret"));

  @Test
  void emptyFileGivesTheDefaults() throws Exception {
    assertThat(loader.parse("x.yaml", "")).isEqualTo(FaxgwConfig.defaults());
    assertThat(loader.parse("x.yaml", "# only a comment\n")).isEqualTo(FaxgwConfig.defaults());
  }

  @Test
  void defaultsAreThoseOfTheIssue() {
    FaxgwConfig c = FaxgwConfig.defaults();
    assertThat(c.dataDir()).isEqualTo("var");
    assertThat(c.smtp().listen()).hasToString("127.0.0.1:2525");
    assertThat(c.smtp().domains()).containsExactly("fax.local");
    assertThat(c.admin().listen()).hasToString("127.0.0.1:4580");
    assertThat(c.jobs().killTime()).isEqualTo(Duration.ofHours(3));
    assertThat(c.jobs().maxDials()).isEqualTo(12);
    assertThat(c.jobs().maxTries()).isEqualTo(3);
  }

  @Test
  void readsValuesWithUnits() throws Exception {
    FaxgwConfig c =
        loader.parse(
            "x.yaml",
            """
            smtp:
              listen: "[::1]:2600"
              maxMessageBytes: 2MiB
              permittedNetworks: [10.0.0.0/8]
            jobs:
              killTime: 90m
            """);
    assertThat(c.smtp().listen().host()).isEqualTo("::1");
    assertThat(c.smtp().listen().port()).isEqualTo(2600);
    assertThat(c.smtp().maxMessageBytes().bytes()).isEqualTo(2 * 1024 * 1024);
    assertThat(c.jobs().killTime()).isEqualTo(Duration.ofMinutes(90));
    assertThat(c.smtp().domains()).containsExactly("fax.local");
  }

  @Test
  void unknownKeyNamesFileLineAndKey() {
    assertThatThrownBy(() -> loader.parse("f.yaml", "smtp:\n  listen: 127.0.0.1:25\n  lisen: x\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("f.yaml:3:")
        .hasMessageContaining("lisen")
        .hasMessageContaining("unknown key")
        .hasMessageContaining("listen");
  }

  @Test
  void badValueNamesFileLineAndWhat() {
    assertThatThrownBy(() -> loader.parse("f.yaml", "admin:\n  listen: nowhere\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("f.yaml:2:")
        .hasMessageContaining("admin.listen")
        .hasMessageContaining("host:port");
    assertThatThrownBy(() -> loader.parse("f.yaml", "jobs:\n  maxTries: many\n"))
        .hasMessageStartingWith("f.yaml:2:")
        .hasMessageContaining("jobs.maxTries");
    assertThatThrownBy(() -> loader.parse("f.yaml", "\n\njobs:\n  killTime: 3 fortnights\n"))
        .hasMessageStartingWith("f.yaml:4:")
        .hasMessageContaining("duration");
    assertThatThrownBy(() -> loader.parse("f.yaml", "smtp:\n  permittedNetworks: [10.0.0.0/33]\n"))
        .hasMessageStartingWith("f.yaml:2:")
        .hasMessageContaining("prefix length");
  }

  @Test
  void rangeChecksNameTheKey() {
    assertThatThrownBy(() -> loader.parse("f.yaml", "jobs:\n  priority: 300\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("f.yaml:")
        .hasMessageContaining("jobs.priority must be 0..255");
  }

  @Test
  void duplicateKeyIsAnError() {
    assertThatThrownBy(() -> loader.parse("f.yaml", "dataDir: a\ndataDir: b\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("f.yaml:2:");
  }

  @Test
  void secretsComeFromTheEnvironment() throws Exception {
    FaxgwConfig c =
        loader.parse("f.yaml", "smtp:\n  tls:\n    keystorePassword: ${SECRET} # ${NOT_USED}\n");
    assertThat(c.smtp().tls().keystorePassword()).isEqualTo("s3cret");
    assertThatThrownBy(() -> loader.parse("f.yaml", "\nsmtp:\n  hostName: ${MISSING}\n"))
        .hasMessage("f.yaml:3: environment variable MISSING is not set");
  }

  @Test
  void aRoutingSubjectKeepsItsPlaceholdersAndIsNotTakenForEnvironmentVariables() throws Exception {
    FaxgwConfig c =
        loader.parse(
            "f.yaml",
            "routing:\n  inbound:\n    - did: \"100\"\n      to: [a@example.com]\n"
                + "      subject: 'Fax to ${did} from ${tsi}, ${pages} page(s), ${commId}'\n");
    assertThat(c.routing().inbound().get(0).subject())
        .isEqualTo("Fax to ${did} from ${tsi}, ${pages} page(s), ${commId}");
    // an upper-case name is still an environment variable, and an unset one still an error
    assertThatThrownBy(
            () ->
                loader.parse(
                    "f.yaml",
                    "routing:\n  inbound:\n    - did: \"1\"\n      to: [a@example.com]\n"
                        + "      subject: '${DID}'\n"))
        .hasMessage("f.yaml:5: environment variable DID is not set");
  }

  @Test
  void usersNeedAHashAndTls() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "f.yaml", "smtp:\n  users:\n    - name: bob\n      password: secret\n"))
        .hasMessageContaining("openssl passwd -6");
  }
}
