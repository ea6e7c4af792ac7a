package org.faxgw.gateway.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faxgw.t30.DisDcsFields;
import org.faxgw.t30.Fcf;
import org.faxgw.t30.StationId;
import org.faxgw.t30.T30Frame;
import org.faxgw.t4.FaxCompression;
import org.faxgw.testkit.HylaFaxSessionLog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The T.30 model against what HylaFAX recorded for each call: the DCS in the session log is the one
 * in xferfaxlog, and its decoded fields are the "USE ..." / "REMOTE wants ..." / "training at ..."
 * lines; TSI and CSI decode to the "REMOTE TSI/CSI" lines.
 */
class NegotiatedParametersTest {
  static List<String> calls() {
    return CallFixture.ALL;
  }

  @ParameterizedTest
  @MethodSource("calls")
  void dcsFieldsAreWhatHylaFaxNegotiated(String name) throws Exception {
    CallFixture call = CallFixture.of(name);
    HylaFaxSessionLog send = HylaFaxSessionLog.read(call.sendLog());
    T30Frame dcs =
        send.sent().stream()
            .map(e -> T30Frame.of(e.octets()))
            .filter(f -> f.fcf() == Fcf.DCS)
            .findFirst()
            .orElseThrow();
    // xferfaxlog's last column is the DCS FIF in T.30 notation
    String xfer = Files.readString(call.dir().resolve("xferfaxlog.txt"));
    Matcher m =
        Pattern.compile("\tSEND\t.*\t\"([0-9A-F ]+)\"\\s*$", Pattern.MULTILINE).matcher(xfer);
    assertThat(m.find()).isTrue();
    byte[] printed = HexFormat.of().parseHex(m.group(1).replace(" ", ""));
    byte[] fif = dcs.fif();
    assertThat(fif).hasSize(printed.length);
    for (int i = 0; i < fif.length; i++) {
      assertThat(Integer.reverse(fif[i] & 0xFF) >>> 24).isEqualTo(printed[i] & 0xFF);
    }

    String log = Files.readString(call.sendLog());
    String recv = Files.readString(call.recvLog());
    DisDcsFields d = DisDcsFields.decodeDcs(fif);
    String training =
        "SEND training at " + d.modulation().label().toLowerCase(Locale.ROOT) + " " + d.bitRate();
    assertThat(log).contains(training + " bit/s");
    assertThat(recv).contains("REMOTE wants " + d.bitRate() + " bit/s");
    String coding =
        d.coding() == FaxCompression.MMR
            ? "2-D MMR"
            : d.coding() == FaxCompression.MR ? "2-D MR" : "1-D MH";
    assertThat(log).contains("USE " + coding);
    assertThat(recv).contains("REMOTE wants " + coding);
    assertThat(log.contains("USE error correction mode")).isEqualTo(d.ecm());
    if (d.ecm()) {
      assertThat(recv).contains("REMOTE wants T.30 Annex A, " + d.ecmFrameSize() + "-byte ECM");
    }
    assertThat(d.widthMm()).isEqualTo(215);
    assertThat(log).contains("USE A4 page width (215 mm)");
    assertThat(d.length()).isEqualTo("unlimited");
    assertThat(log).contains("USE unlimited page length");
    assertThat(log).contains("USE " + d.verticalResolution() + " line/mm");
    assertThat(log).contains("USE " + d.minScanTimeMs() + " ms/scanline");
    String knobs = Files.readString(call.dir().resolve("knobs.txt"));
    if (knobs.contains("CODEC=")) {
      String codec = knobs.replaceAll("(?s).*CODEC=(\\w+).*", "$1");
      assertThat(call.codec()).isEqualTo(codec.startsWith("slin") ? "slin" : codec);
    }
  }

  @ParameterizedTest
  @MethodSource("calls")
  void stationIdsAreWhatHylaFaxReported(String name) throws Exception {
    CallFixture call = CallFixture.of(name);
    String tsi = id(HylaFaxSessionLog.read(call.sendLog()), Fcf.TSI);
    String csi = id(HylaFaxSessionLog.read(call.recvLog()), Fcf.CSI);
    assertThat(Files.readString(call.recvLog())).contains("REMOTE TSI \"" + tsi + "\"");
    assertThat(Files.readString(call.sendLog())).contains("REMOTE CSI \"" + csi + "\"");
  }

  private static String id(HylaFaxSessionLog log, Fcf fcf) {
    return log.sent().stream()
        .map(e -> T30Frame.of(e.octets()))
        .filter(f -> f.fcf() == fcf)
        .map(f -> StationId.decode(f.fif()))
        .findFirst()
        .orElseThrow();
  }
}
