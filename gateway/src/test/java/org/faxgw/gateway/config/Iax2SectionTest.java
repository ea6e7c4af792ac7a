package org.faxgw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.faxgw.iax2.MediaFormat;
import org.faxgw.iax2.transport.Iax2EndpointConfig;
import org.junit.jupiter.api.Test;

class Iax2SectionTest {
  private final ConfigLoader loader = new ConfigLoader(Map.of("IAXSECRET", "s3cret"));

  @Test
  void defaultsListenOnLoopbackWithNobody() {
    Iax2Section s = FaxgwConfig.defaults().iax2();
    assertThat(s.listen()).hasToString("127.0.0.1:4569");
    assertThat(s.peers()).isEmpty();
    assertThat(s.users()).isEmpty();
    assertThat(s.playoutDelay()).isEqualTo(Duration.ofMillis(60));
    Iax2EndpointConfig c = s.toEndpointConfig();
    assertThat(c.listen().getPort()).isEqualTo(4569);
    assertThat(c.maxCalls()).isEqualTo(200);
  }

  @Test
  void readsPeersAndUsersWithEnvironmentSecrets() throws Exception {
    FaxgwConfig c =
        loader.parse(
            "f.yaml",
            """
            iax2:
              listen: 0.0.0.0:4570
              peers:
                - name: pbx
                  host: 192.0.2.10
                  username: faxgw
                  secret: ${IAXSECRET}
                  auth: plain
                  codecs: [ulaw, alaw]
                  register: true
                  refresh: 120s
                  requireCallToken: true
              users:
                - name: iaxmodem0
                  secret: ${IAXSECRET}
                  codecs: [slinear]
                  permittedNetworks: ["127.0.0.0/8"]
            """);
    Iax2EndpointConfig e = c.iax2().toEndpointConfig();
    assertThat(e.listen().getPort()).isEqualTo(4570);
    Iax2EndpointConfig.Peer p = e.peer("pbx");
    assertThat(p.address().getHostString()).isEqualTo("192.0.2.10");
    assertThat(p.address().getPort()).isEqualTo(4569);
    assertThat(p.secret()).isEqualTo("s3cret");
    assertThat(p.auth()).isEqualTo(Iax2EndpointConfig.Auth.PLAIN);
    assertThat(p.codecs()).containsExactly(MediaFormat.ULAW, MediaFormat.ALAW);
    assertThat(p.register()).isTrue();
    assertThat(p.refresh()).isEqualTo(Duration.ofSeconds(120));
    assertThat(p.requireCallToken()).isTrue();
    Iax2EndpointConfig.User u = e.user("iaxmodem0");
    assertThat(u.auth()).isEqualTo(Iax2EndpointConfig.Auth.MD5);
    assertThat(u.codecs()).containsExactly(MediaFormat.SLINEAR);
    assertThat(u.requireCallToken()).isFalse();
    assertThat(u.permitted().test(InetAddress.getByName("127.0.0.5"))).isTrue();
    assertThat(u.permitted().test(InetAddress.getByName("10.0.0.1"))).isFalse();
  }

  @Test
  void unknownCodecNamesFileLine() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "f.yaml",
                    "iax2:\n  peers:\n    - name: pbx\n      host: h\n      codecs: [gsm]\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("f.yaml:3:")
        .hasMessageContaining("unknown codec \"gsm\"");
  }

  @Test
  void rsaOrOtherAuthIsRefused() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "f.yaml", "iax2:\n  users:\n    - name: m\n      secret: x\n      auth: rsa\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("f.yaml:3:")
        .hasMessageContaining("auth must be md5 or plain");
  }

  @Test
  void registerWithoutSecretIsAnError() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "f.yaml",
                    "iax2:\n  peers:\n    - name: pbx\n      host: h\n      register: true\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("f.yaml:3:")
        .hasMessageContaining("no username and secret");
  }

  @Test
  void userWithoutSecretAndDuplicatePeersAreErrors() {
    assertThatThrownBy(() -> loader.parse("f.yaml", "iax2:\n  users:\n    - name: m\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("f.yaml:3:")
        .hasMessageContaining("secret of m is missing");
    assertThatThrownBy(
            () ->
                loader.parse(
                    "f.yaml",
                    "iax2:\n  peers:\n    - name: a\n      host: h\n    - name: a\n      host: h\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("f.yaml:")
        .hasMessageContaining("two peers named a");
  }

  @Test
  void badValuesNameTheirLine() {
    assertThatThrownBy(() -> loader.parse("f.yaml", "iax2:\n  listen: nowhere\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("f.yaml:2:")
        .hasMessageContaining("host:port");
    assertThatThrownBy(
            () ->
                loader.parse(
                    "f.yaml", "iax2:\n  peers:\n    - name: p\n      host: h\n      port: 70000\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("f.yaml:3:")
        .hasMessageContaining("outside 1..65535");
    assertThatThrownBy(
            () ->
                loader.parse(
                    "f.yaml", "iax2:\n  peers:\n    - name: p\n      host: h\n      refresh: 2s\n"))
        .hasMessageStartingWith("f.yaml:3:")
        .hasMessageContaining("10s..3600s");
    assertThatThrownBy(
            () ->
                loader.parse(
                    "f.yaml",
                    "iax2:\n  peers:\n    - name: p\n      host: h\n      regster: true\n"))
        .hasMessageStartingWith("f.yaml:5:")
        .hasMessageContaining("unknown key");
  }

  @Test
  void codecNamesMapToFormats() {
    assertThat(List.of("alaw", "ULAW", "mulaw", "slinear").stream().map(Iax2Section::codecOf))
        .containsExactly(MediaFormat.ALAW, MediaFormat.ULAW, MediaFormat.ULAW, MediaFormat.SLINEAR);
  }
}
