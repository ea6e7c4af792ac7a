package org.faxgw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** samples/asterisk/faxgw.yaml loads, and agrees with the Asterisk files beside it. */
class AsteriskSampleTest {
  private static Path dir() {
    return Path.of(System.getProperty("faxgw.root", "..")).resolve("samples/asterisk");
  }

  @Test
  void theFaxgwSideLoadsWithAlawOnlyToAsterisk() throws Exception {
    FaxgwConfig c =
        new ConfigLoader(Map.of("FAXGW_IAX_SECRET", "x")).load(dir().resolve("faxgw.yaml"));
    assertThat(c.iax2().peers()).hasSize(1);
    assertThat(c.iax2().users()).hasSize(1);
    assertThat(c.iax2().toEndpointConfig()).isNotNull();
    assertThat(c.fax().lines()).isNotEmpty();
    String yaml = Files.readString(dir().resolve("faxgw.yaml"));
    assertThat(yaml).contains("codecs: [alaw]").contains("listen: 127.0.0.1:4570");
    String iax = Files.readString(dir().resolve("iax.conf"));
    assertThat(iax).contains("port=4570").contains("allow=alaw").contains("jitterbuffer=no");
    assertThat(Files.readString(dir().resolve("extensions.conf")))
        .contains("FAXOPT(gateway)=yes")
        .contains("IAX2/faxgw/");
    assertThat(Files.readString(dir().resolve("pjsip.conf")))
        .contains("t38_udptl=yes")
        .contains("fax_detect=yes");
  }
}
