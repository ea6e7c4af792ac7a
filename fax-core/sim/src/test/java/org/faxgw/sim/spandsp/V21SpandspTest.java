package org.faxgw.sim.spandsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.faxgw.modem.Dbm0;
import org.faxgw.modem.HdlcDecoder;
import org.faxgw.modem.HdlcEncoder;
import org.faxgw.modem.ModemListener;
import org.faxgw.modem.V21Config;
import org.faxgw.modem.V21Receiver;
import org.faxgw.modem.V21Transmitter;
import org.faxgw.sim.Companding;
import org.faxgw.sim.LineModel;
import org.faxgw.sim.LineModelConfig;
import org.junit.jupiter.api.Test;

/** Our V.21 + HDLC against libspandsp's fsk_tx/fsk_rx + hdlc_tx/hdlc_rx, both directions. */
class V21SpandspTest {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  static List<byte[]> frames(long seed, int count) {
    Random r = new Random(seed);
    List<byte[]> frames = new ArrayList<>();
    // T.30 DIS as HylaFAX received it in fixture s-v17-noecm-mr-alaw-1p, in wire octet order
    frames.add(HEX.parseHex("FF138000EEFAC480DF8380801830"));
    for (int i = 1; i < count; i++) {
      byte[] f = new byte[3 + r.nextInt(40)];
      r.nextBytes(f);
      f[0] = (byte) 0xFF;
      frames.add(f);
    }
    return frames;
  }

  static short[] javaTransmit(List<byte[]> frames, double levelDbm0) {
    HdlcEncoder enc = new HdlcEncoder(HdlcEncoder.V21_PREAMBLE_FLAGS);
    frames.forEach(enc::sendFrame);
    enc.finish();
    V21Transmitter tx =
        new V21Transmitter(V21Config.channel2().withTxLevel(levelDbm0), enc, ModemListener.IGNORE);
    short[] out = new short[8000 * 60];
    int n = 800; // 100 ms of silence first
    for (int guard = 0; guard < 10_000 && n + 160 <= out.length; guard++) {
      int got = tx.transmit(out, n, 160);
      n += got;
      if (got < 160) {
        break;
      }
    }
    return Arrays.copyOf(out, n + 800);
  }

  static List<String> spandspDecode(short[] audio, String name) throws Exception {
    Path dir = SpandspHarness.workDir(name);
    Path raw = dir.resolve("java-v21.raw");
    SpandspHarness.writeRaw(raw, audio);
    String out = SpandspHarness.run("spandsp_v21.c", "decode", raw.toString());
    return out.lines().filter(l -> l.startsWith("FRAME ")).toList();
  }

  static List<String> expectedLines(List<byte[]> frames) {
    return frames.stream().map(f -> "FRAME " + HEX.formatHex(f) + " OK").toList();
  }

  @Test
  void spandspDecodesOurTransmitter() throws Exception {
    List<byte[]> frames = frames(21, 30);
    assertThat(spandspDecode(javaTransmit(frames, -13), "v21-java-to-spandsp"))
        .containsExactlyElementsOf(expectedLines(frames));
  }

  @Test
  void spandspDecodesOurTransmitterOverAnALawLineWithNoise() throws Exception {
    List<byte[]> frames = frames(22, 30);
    short[] line =
        LineModel.apply(
            LineModelConfig.clean()
                .withLevel(-13, -30)
                .withNoiseDbm0(-50)
                .withCompanding(Companding.ALAW)
                .withClockOffsetPpm(50),
            javaTransmit(frames, -13));
    assertThat(spandspDecode(line, "v21-java-to-spandsp-alaw"))
        .containsExactlyElementsOf(expectedLines(frames));
  }

  static List<byte[]> spandspTransmit(List<byte[]> frames, double level, String name)
      throws Exception {
    Path dir = SpandspHarness.workDir(name);
    Path raw = dir.resolve("spandsp-v21.raw");
    List<String> args = new ArrayList<>(List.of("encode", raw.toString(), "" + level, "38"));
    frames.forEach(f -> args.add(HEX.formatHex(f)));
    String out = SpandspHarness.run("spandsp_v21.c", 60, args);
    assertThat(out).contains("END frames=" + frames.size());
    short[] audio = SpandspHarness.readRaw(raw);
    assertThat(audio.length).isGreaterThan(8000);
    return javaReceive(audio);
  }

  static List<byte[]> javaReceive(short[] audio) {
    List<byte[]> got = new ArrayList<>();
    HdlcDecoder dec =
        new HdlcDecoder(
            (f, ok) -> {
              assertThat(ok).as("FCS of %s", HEX.formatHex(f)).isTrue();
              got.add(f);
            });
    V21Receiver rx = new V21Receiver(V21Config.channel2(), dec, ModemListener.IGNORE);
    for (int i = 0; i < audio.length; i += 160) {
      rx.receive(audio, i, Math.min(160, audio.length - i));
    }
    return got;
  }

  @Test
  void ourReceiverDecodesSpandspsTransmitter() throws Exception {
    List<byte[]> frames = frames(23, 30);
    assertThat(spandspTransmit(frames, -13, "v21-spandsp-to-java"))
        .usingElementComparator(Arrays::compare)
        .containsExactlyElementsOf(frames);
  }

  @Test
  void ourReceiverDecodesSpandspsTransmitterAtLowLevelOverALine() throws Exception {
    List<byte[]> frames = frames(24, 20);
    Path dir = SpandspHarness.workDir("v21-spandsp-to-java-low");
    Path raw = dir.resolve("spandsp-v21.raw");
    List<String> args = new ArrayList<>(List.of("encode", raw.toString(), "-38", "38"));
    frames.forEach(f -> args.add(HEX.formatHex(f)));
    SpandspHarness.run("spandsp_v21.c", 60, args);
    short[] line =
        LineModel.apply(
            LineModelConfig.clean()
                .withNoiseDbm0(-58)
                .withCompanding(Companding.ULAW)
                .withClockOffsetPpm(-100),
            SpandspHarness.readRaw(raw));
    assertThat(javaReceive(line))
        .usingElementComparator(Arrays::compare)
        .containsExactlyElementsOf(frames);
  }

  @Test
  void ourDbm0ScaleMatchesSpandspsTransmitLevel() throws Exception {
    for (double level : new double[] {-13, -30}) {
      Path dir = SpandspHarness.workDir("v21-level");
      Path raw = dir.resolve("level.raw");
      SpandspHarness.run("spandsp_v21.c", "encode", raw.toString(), "" + level, "100", "FF1384");
      short[] spandsp = SpandspHarness.readRaw(raw);
      // skip the 100 ms of silence at each end and the ramp-free FSK start
      double measured = Dbm0.measure(spandsp, 1600, spandsp.length - 4000);
      assertThat(measured).as("spandsp at %s dBm0", level).isCloseTo(level, within(0.1));
      short[] ours = javaTransmit(List.of(HEX.parseHex("FF1384")), level);
      assertThat(Dbm0.measure(ours, 1600, ours.length - 4000)).isCloseTo(level, within(0.1));
    }
  }
}
