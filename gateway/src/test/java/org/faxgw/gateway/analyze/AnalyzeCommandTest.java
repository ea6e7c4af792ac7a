package org.faxgw.gateway.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxTiffReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code faxgw analyze} end to end on recorded calls: JSON shape, TIFF pages, raw audio, pcapng.
 */
class AnalyzeCommandTest {
  @TempDir Path dir;

  @Test
  void jsonOfAnEcmCallHasTheT30LadderAndWritesTheReceivedPages() throws Exception {
    CallFixture call = CallFixture.of("s-v17-ecm-mmr-alaw-3p");
    Path pages = dir.resolve("pages");
    AnalyzeGarbageTest.Run r =
        AnalyzeGarbageTest.run(
            "analyze", call.pcap().toString(), "--json", "--pages-dir", pages.toString());
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertThat(root.get("inputFormat").asText()).startsWith("pcap");
    assertThat(root.get("signalling").toString()).contains("IAX NEW").contains("HANGUP");
    JsonNode dirs = root.get("directions");
    assertThat(dirs).hasSize(2);
    JsonNode caller = dirs.get(0).get("role").asText().equals("caller") ? dirs.get(0) : dirs.get(1);
    JsonNode callee = caller == dirs.get(0) ? dirs.get(1) : dirs.get(0);
    assertThat(caller.get("codec").asText()).isEqualTo("alaw");

    List<String> callerLadder = ladder(caller);
    assertThat(callerLadder)
        .containsSubsequence(
            "CNG", "TSI", "DCS", "TCF", "ECM", "RCP", "PPS-MPS", "page", "ECM", "PPS-MPS", "page",
            "ECM", "PPS-EOP", "page", "DCN");
    assertThat(ladder(callee))
        .containsSubsequence("CED", "NSF", "CSI", "DIS", "CFR", "MCF", "MCF", "MCF");

    JsonNode dcs = find(caller, "DCS");
    assertThat(dcs.get("fields").get("modulations").toString()).isEqualTo("[\"V.17\"]");
    assertThat(dcs.get("fields").get("bitRate").asInt()).isEqualTo(14400);
    assertThat(dcs.get("fields").get("ecm").asBoolean()).isTrue();
    assertThat(dcs.get("fields").get("ecmFrameSize").asInt()).isEqualTo(256);
    assertThat(dcs.get("fields").get("codings").toString()).isEqualTo("[\"MMR\"]");
    assertThat(find(caller, "TSI").get("station").asText()).isEqualTo("+1 555 555 0100");
    assertThat(find(callee, "CSI").get("station").asText()).isEqualTo("+1 555 555 0101");
    JsonNode tcf = null;
    for (JsonNode e : caller.get("events")) {
      if (e.get("type").asText().equals("burst") && e.get("purpose").asText().equals("TCF")) {
        tcf = e;
      }
    }
    assertThat(tcf).isNotNull();
    assertThat(tcf.get("bitErrors").asInt()).isZero();
    assertThat(tcf.get("training").asText()).isEqualTo("ok");

    List<BilevelPage> expected = FaxTiffReader.read(Files.readAllBytes(call.receivedTiff()));
    int n = 0;
    for (JsonNode e : caller.get("events")) {
      if (e.get("type").asText().equals("page")) {
        n++;
        assertThat(e.get("ecm").asBoolean()).isTrue();
        assertThat(e.get("coding").asText()).isEqualTo("MMR");
        Path file = Path.of(e.get("file").asText());
        assertThat(file).startsWith(pages).exists();
        List<BilevelPage> written = FaxTiffReader.read(Files.readAllBytes(file));
        assertThat(written).hasSize(1);
        assertThat(RealCallImageTest.differingRows(written.get(0), expected.get(n - 1))).isZero();
      }
    }
    assertThat(n).isEqualTo(3);
  }

  @Test
  void textOutputOfRawAudioWithCodec() throws Exception {
    CallFixture call = CallFixture.of("s-v29-7200-mr-ulaw-1p");
    Path raw = dir.resolve("caller.bin");
    Files.copy(call.callerAudio(), raw);
    AnalyzeGarbageTest.Run r = AnalyzeGarbageTest.run("analyze", raw.toString(), "--codec", "ulaw");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("raw audio, ulaw")
        .contains("DCS")
        .contains("rate V.29 7200 bit/s")
        .contains("TCF")
        .contains("0 bit errors")
        .contains("page 1: MR 1728x1146, 0 bad rows, complete");
    // without --codec a file that is not a capture is refused, unless its name says the codec
    assertThat(AnalyzeGarbageTest.run("analyze", raw.toString()).code()).isEqualTo(2);
    assertThat(AnalyzeGarbageTest.run("analyze", call.calleeAudio().toString()).out())
        .contains("DIS");
  }

  @Test
  void slinearLittleEndianIsAnOption() throws Exception {
    CallFixture call = CallFixture.of("s-v17-ecm-mmr-slin-1p");
    byte[] be = Files.readAllBytes(call.calleeAudio());
    byte[] le = new byte[be.length];
    for (int i = 0; i + 1 < be.length; i += 2) {
      le[i] = be[i + 1];
      le[i + 1] = be[i];
    }
    Path p = dir.resolve("callee.s16le");
    Files.write(p, le);
    AnalyzeGarbageTest.Run r =
        AnalyzeGarbageTest.run("analyze", p.toString(), "--codec", "slin16le");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("CED").contains("DIS").contains("CFR").contains("MCF");
  }

  @Test
  void pcapngGivesTheSameAudioAsThePcap() throws Exception {
    Path ng = CallFixture.root().resolve("pcapng/s-v17-noecm-mr-alaw-1p-first-1000.pcapng");
    PcapReader.Result r = PcapReader.read(Files.readAllBytes(ng));
    assertThat(r.format()).isEqualTo("pcapng");
    assertThat(r.packets()).isEqualTo(1000);
    assertThat(r.truncated()).isFalse();
    Iax2AudioExtractor.Extraction x = Iax2AudioExtractor.extract(r.datagrams());
    CallFixture call = CallFixture.of("s-v17-noecm-mr-alaw-1p");
    List<String> checked = new ArrayList<>();
    for (DirectionAudio d : x.directions()) {
      byte[] whole =
          Files.readAllBytes(d.role().equals("caller") ? call.callerAudio() : call.calleeAudio());
      assertThat(d.audio().length).isGreaterThan(8000 * 9);
      assertThat(Arrays.copyOf(whole, d.audio().length)).isEqualTo(d.audio());
      checked.add(d.role());
    }
    assertThat(checked).containsExactlyInAnyOrder("caller", "callee");
    AnalyzeGarbageTest.Run run = AnalyzeGarbageTest.run("analyze", ng.toString());
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("pcapng, 1000 packets").contains("DIS").contains("DCS");
  }

  private static List<String> ladder(JsonNode direction) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : direction.get("events")) {
      switch (e.get("type").asText()) {
        case "tone" -> out.add(e.get("tone").asText());
        case "frame" -> {
          if (!e.get("fcf").asText().equals("FCD")) {
            out.add(e.get("fcf").asText());
          }
        }
        case "burst" -> out.add(e.get("purpose").asText());
        case "page" -> out.add("page");
        default -> {}
      }
    }
    return out;
  }

  private static JsonNode find(JsonNode direction, String fcf) {
    for (JsonNode e : direction.get("events")) {
      if (e.get("type").asText().equals("frame") && e.get("fcf").asText().equals(fcf)) {
        return e;
      }
    }
    throw new AssertionError("no " + fcf);
  }
}
