package org.faxgw.sim.spandsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.faxgw.modem.ModemListener;
import org.faxgw.modem.ModemTransmitter;
import org.faxgw.modem.Tone;
import org.faxgw.modem.ToneDetector;
import org.faxgw.modem.ToneGenerator;
import org.junit.jupiter.api.Test;

/** Our CED/CNG against libspandsp's modem_connect_tones generator and detector. */
class ToneSpandspTest {

  static short[] generate(ModemTransmitter tx, int max) {
    short[] out = new short[max];
    int n = 800; // 100 ms of silence first
    while (n < max) {
      int got = tx.transmit(out, n, Math.min(160, max - n));
      n += got;
      if (got < 160) {
        break;
      }
    }
    return java.util.Arrays.copyOf(out, Math.min(max, n + 8000));
  }

  static List<String> spandspDetect(short[] audio, String name) throws Exception {
    Path raw = SpandspHarness.workDir(name).resolve("tones.raw");
    SpandspHarness.writeRaw(raw, audio);
    return SpandspHarness.run("spandsp_tones.c", "detect", raw.toString())
        .lines()
        .filter(l -> l.startsWith("TONE ") && !l.contains("No tone"))
        .map(l -> l.substring(5, l.lastIndexOf(' ')))
        .toList();
  }

  static List<Tone> ourDetect(short[] audio) {
    List<Tone> heard = new ArrayList<>();
    ToneDetector d = new ToneDetector((tone, sample) -> heard.add(tone));
    d.receive(audio, 0, audio.length);
    return heard;
  }

  static short[] spandspGenerate(String which, double seconds, String name) throws Exception {
    Path raw = SpandspHarness.workDir(name).resolve(which + ".raw");
    SpandspHarness.run("spandsp_tones.c", "gen", which, raw.toString(), "" + seconds);
    return SpandspHarness.readRaw(raw);
  }

  @Test
  void spandspHearsOurCedAndCng() throws Exception {
    short[] ced = generate(ToneGenerator.ced(-13, ModemListener.IGNORE), 60_000);
    assertThat(spandspDetect(ced, "tones-ced")).containsExactly("ced-detector ANS or FAX CED");
    short[] cng = generate(ToneGenerator.cng(-13, 3, ModemListener.IGNORE), 120_000);
    assertThat(spandspDetect(cng, "tones-cng"))
        .containsExactly("cng-detector FAX CNG", "cng-detector FAX CNG", "cng-detector FAX CNG");
  }

  @Test
  void weHearSpandspsCedAndCng() throws Exception {
    assertThat(ourDetect(spandspGenerate("ced", 3.5, "tones-spandsp-ced")))
        .containsExactly(Tone.CED);
    assertThat(ourDetect(spandspGenerate("cng", 8, "tones-spandsp-cng")))
        .containsExactly(Tone.CNG, Tone.CNG, Tone.CNG);
  }
}
