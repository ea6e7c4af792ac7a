package org.faxgw.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The lab harness itself: two iaxmodems on free ports dialling each other, faxgetty on both, faxq
 * and hfaxd, all on a private spool; HylaFAX's sendfax sends one page from one to the other, and
 * after close nothing of the lab is left on the machine.
 */
// Behind the flag to keep .ci/run under 30 minutes: the lab harness itself (a HylaFAX-to-HylaFAX
// call); every live IT in CI runs on this harness.
@EnabledIfSystemProperty(named = "faxgw.live.full", matches = "true")
class FaxLabIT {
  @Test
  void iaxmodemToIaxmodemFaxOnPrivateSpool() throws Exception {
    Path doc = Path.of(getClass().getResource("fax1.ps").toURI());
    int portA = LabPorts.freeUdpPort();
    int portB = LabPorts.freeUdpPort();
    Path root;
    String modemA;
    try (FaxLab lab = FaxLab.create()) {
      root = lab.root();
      FaxLab.IaxModem a = lab.startModem(IaxModemConfig.dialing(portA, "127.0.0.1:" + portB));
      FaxLab.IaxModem b = lab.startModem(IaxModemConfig.dialing(portB, "127.0.0.1:" + portA));
      modemA = a.device();
      assertThat(Path.of("/etc/iaxmodem", a.device())).exists();
      lab.startFaxgetty(a, ModemProfile.LOWRATE, "+1.555.555.0100");
      lab.startFaxgetty(b, ModemProfile.LOWRATE, "+1.555.555.0101");
      lab.startQueue();
      int job = lab.sendfax(a, "5550101", doc);
      FaxLab.await("job " + job + " done", Duration.ofSeconds(180), () -> lab.jobDone(job), null);
      String q = lab.jobFile(job);
      assertThat(q).as(lab.diagnostics()).contains("state:7"); // HylaFAX FaxRequest::state_done
      try (var recv = Files.list(lab.spool().resolve("recvq"))) {
        assertThat(recv.filter(p -> p.toString().endsWith(".tif")).count()).isEqualTo(1);
      }
      assertThat(lab.sessionLogs().values())
          .anySatisfy(l -> assertThat(l).contains("RECV FAX: end"));
      // The system spool was not used.
      try (var sys = Files.list(Path.of(FaxLab.SYSTEM_SPOOL, "doneq"))) {
        assertThat(sys.filter(p -> p.getFileName().toString().equals("q" + job))).isEmpty();
      }
    }
    assertThat(root).doesNotExist();
    assertThat(Path.of("/etc/iaxmodem", modemA)).doesNotExist();
    assertThat(LabPorts.udpBound(portA)).isFalse();
  }
}
