package org.faxgw.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IpNetworkTest {
  @Test
  void matchesByPrefix() throws Exception {
    IpNetwork n = IpNetwork.parse("192.168.16.0/20");
    assertThat(n.contains(InetAddress.getByName("192.168.31.255"))).isTrue();
    assertThat(n.contains(InetAddress.getByName("192.168.32.0"))).isFalse();
    assertThat(n.contains(InetAddress.getByName("::ffff:192.168.16.1"))).isTrue();
    assertThat(IpNetwork.parse("::1/128").contains(InetAddress.getByName("::1"))).isTrue();
    assertThat(IpNetwork.parse("::1/128").contains(InetAddress.getByName("127.0.0.1"))).isFalse();
    assertThat(IpNetwork.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8"))).isTrue();
  }

  @Test
  void refusesNamesAndBadPrefixes() {
    assertThatThrownBy(() -> IpNetwork.parse("localhost"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IpNetwork.parse("10.0.0.0/33")).hasMessageContaining("prefix length");
  }
}
