package org.faxgw.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.faxgw.gateway.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code faxgw iax2 probe} against a real iaxmodem answered by HylaFAX: the ladder shows the call
 * set-up and hangup, and what it heard names HylaFAX's CED, CSI (its number) and DIS.
 */
class ProbeIaxmodemIT {
  @Test
  void probeShowsLadderAndHylafaxsCsiAndDis() {
    try (FaxLab lab = FaxLab.create()) {
      int port = LabPorts.freeUdpPort();
      FaxLab.IaxModem modem = lab.startModem(IaxModemConfig.dialing(port, "127.0.0.1:4569"));
      lab.startFaxgetty(modem, ModemProfile.DEFAULT, "+1.555.555.0101");
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          new CommandLine(new Main())
              .setOut(new PrintWriter(out, true))
              .setErr(new PrintWriter(err, true))
              .execute(
                  "iax2", "probe", "127.0.0.1:" + port, "--number", "5550101", "--seconds", "9");
      String text = out.toString();
      System.out.println(text);
      assertThat(code).as(text + err + lab.diagnostics()).isZero();
      assertThat(text)
          .contains("IAX NEW", "IAX ACCEPT", "CONTROL RINGING", "CONTROL ANSWER", "IAX HANGUP")
          .contains("codec:      ALAW")
          .contains("CED tone")
          .contains("V.21 CSI")
          .contains("+1.555.555.0101".replace(".", " ").substring(0, 2))
          .contains("V.21 DIS");
    }
  }
}
