package org.faxgw.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.faxgw.iax2.FullFrame;
import org.faxgw.iax2.Iax2Endpoint;
import org.faxgw.iax2.IaxSubclass;
import org.faxgw.iax2.transport.Iax2EndpointConfig;
import org.faxgw.iax2.transport.NettyIax2Endpoint;
import org.junit.jupiter.api.Test;

/**
 * Real iaxmodems register to faxgw (iaxmodem {@code refresh} > 0, {@code peername}/{@code secret}):
 * faxgw challenges with MD5 (REGAUTH); the right secret gets REGACK and an entry in the
 * registration table with the modem's address and expiry; the wrong one gets REGREJ and no entry.
 */
class IaxmodemRegistersIT {
  @Test
  void md5RegistrationAcceptedAndWrongSecretRejected() throws Exception {
    int faxgwPort = LabPorts.freeUdpPort();
    Iax2EndpointConfig config =
        Iax2EndpointConfig.of(new InetSocketAddress("127.0.0.1", faxgwPort))
            .withUsers(
                List.of(
                    Iax2EndpointConfig.User.of("modem-good", "right-secret"),
                    Iax2EndpointConfig.User.of("modem-bad", "right-secret")));
    List<String> regFrames = new CopyOnWriteArrayList<>();
    try (NettyIax2Endpoint faxgw = NettyIax2Endpoint.start(config);
        FaxLab lab = FaxLab.create()) {
      faxgw.tap(
          (out, at, remote, frame) -> {
            if (frame instanceof FullFrame f && f.iaxSubclass() != null) {
              IaxSubclass s = f.iaxSubclass();
              if (s.name().startsWith("REG")) {
                regFrames.add((out ? "out " : "in ") + s + " " + remote.getPort());
              }
            }
          });
      String server = "127.0.0.1:" + faxgwPort;
      int goodPort = LabPorts.freeUdpPort();
      int badPort = LabPorts.freeUdpPort();
      long before = System.currentTimeMillis();
      lab.startModem(
          IaxModemConfig.dialing(goodPort, server)
              .withRegistration(60, "modem-good", "right-secret"));
      lab.startModem(
          IaxModemConfig.dialing(badPort, server).withRegistration(60, "modem-bad", "wrong-one"));
      FaxLab.await(
          "REGACK to the good modem and REGREJ to the bad one",
          Duration.ofSeconds(20),
          () ->
              regFrames.contains("out REGACK " + goodPort)
                  && regFrames.contains("out REGREJ " + badPort),
          null);
      assertThat(regFrames)
          .as("the challenge comes first")
          .containsSubsequence("in REGREQ " + goodPort, "out REGAUTH " + goodPort)
          .containsSubsequence("in REGREQ " + badPort, "out REGAUTH " + badPort);
      List<Iax2Endpoint.Registration> table = faxgw.registrations();
      assertThat(table).extracting(Iax2Endpoint.Registration::user).containsExactly("modem-good");
      Iax2Endpoint.Registration r = table.get(0);
      assertThat(r.address()).isEqualTo("127.0.0.1:" + goodPort);
      // REFRESH 60 asked for: it lapses about a minute from now (wide bounds, no timing test).
      assertThat(r.expiresAtMillis()).isBetween(before + 30_000, before + 3_700_000);
      assertThat(faxgw.stats().authFailures()).isGreaterThanOrEqualTo(1);
    }
  }
}
