package org.faxgw.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Two labs at once (as two test classes of two builds would run them): each has its own spool,
 * modem names and ports, both modems come up idle under faxgetty, neither sees the other's files,
 * and the system spool is not used.
 */
// Behind the flag to keep .ci/run under 30 minutes: two labs side by side; LossRelayIT and
// ManyCallsIT run labs in parallel.
@EnabledIfSystemProperty(named = "faxgw.live.full", matches = "true")
class FaxLabIsolationIT {
  @Test
  void twoLabsSideBySide() throws Exception {
    try (FaxLab one = FaxLab.create();
        FaxLab two = FaxLab.create()) {
      FaxLab.IaxModem a =
          one.startModem(IaxModemConfig.dialing(LabPorts.freeUdpPort(), "127.0.0.1:4569"));
      FaxLab.IaxModem b =
          two.startModem(IaxModemConfig.dialing(LabPorts.freeUdpPort(), "127.0.0.1:4569"));
      assertThat(a.device()).isNotEqualTo(b.device());
      assertThat(a.config().port()).isNotEqualTo(b.config().port());
      one.startFaxgetty(a, ModemProfile.DEFAULT, "+1.555.555.0101");
      two.startFaxgetty(b, ModemProfile.LOWRATE, "+1.555.555.0102");
      assertThat(one.modemStatus(a.device())).contains("idle");
      assertThat(two.modemStatus(b.device())).contains("idle");
      assertThat(one.spool()).isNotEqualTo(two.spool());
      assertThat(one.spool().resolve("status").resolve(b.device())).doesNotExist();
      assertThat(two.spool().resolve("status").resolve(a.device())).doesNotExist();
      assertThat(Path.of(FaxLab.SYSTEM_SPOOL, "status", a.device())).doesNotExist();
      assertThat(Path.of(FaxLab.SYSTEM_SPOOL, "FIFO." + b.device())).doesNotExist();
      assertThat(Files.readString(two.spool().resolve("etc/config." + b.device())))
          .contains("Class1ECMSupport: no");
      assertThat(a.faxgetty().alive()).isTrue();
      assertThat(b.faxgetty().alive()).isTrue();
    }
  }
}
