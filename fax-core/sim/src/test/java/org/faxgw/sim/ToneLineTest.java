package org.faxgw.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.faxgw.modem.HdlcEncoder;
import org.faxgw.modem.ModemListener;
import org.faxgw.modem.ModemTransmitter;
import org.faxgw.modem.Tone;
import org.faxgw.modem.ToneDetector;
import org.faxgw.modem.ToneGenerator;
import org.faxgw.modem.V21Config;
import org.faxgw.modem.V21Transmitter;
import org.junit.jupiter.api.Test;

/** CED/CNG generator → {@link LineModel} → detector, and no detection in impaired V.21/noise. */
class ToneLineTest {

  static short[] generate(ModemTransmitter tx, int max) {
    short[] out = new short[max];
    int n = 0;
    while (n < max) {
      int got = tx.transmit(out, n, Math.min(160, max - n));
      n += got;
      if (got < 160) {
        break;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  static List<Tone> detect(short[] audio) {
    List<Tone> heard = new ArrayList<>();
    ToneDetector d = new ToneDetector((tone, sample) -> heard.add(tone));
    for (int i = 0; i < audio.length; i += 160) {
      d.receive(audio, i, Math.min(160, audio.length - i));
    }
    return heard;
  }

  static LineModelConfig line(long seed) {
    return LineModelConfig.clean()
        .withNoiseDbm0(-28) // 15 dB below the −13 dBm0 tones
        .withCompanding(Companding.ALAW)
        .withClockOffsetPpm(100)
        .withFrequencyOffsetHz(5)
        .withSeed(seed);
  }

  @Test
  void cedAndCngAreDetectedAt15DbSnrOverAnImpairedLine() {
    short[] ced = generate(ToneGenerator.ced(-13, ModemListener.IGNORE), 40_000);
    assertThat(detect(LineModel.apply(line(1), ced))).containsExactly(Tone.CED);
    short[] cng = generate(ToneGenerator.cng(-13, 4, ModemListener.IGNORE), 200_000);
    assertThat(detect(LineModel.apply(line(2), cng)))
        .containsExactly(Tone.CNG, Tone.CNG, Tone.CNG, Tone.CNG);
  }

  @Test
  void nothingIsDetectedInNoisyV21OrNoise() {
    Random r = new Random(6);
    HdlcEncoder enc = new HdlcEncoder(HdlcEncoder.V21_PREAMBLE_FLAGS);
    for (int i = 0; i < 30; i++) {
      byte[] f = new byte[3 + r.nextInt(30)];
      r.nextBytes(f);
      enc.sendFrame(f);
    }
    enc.finish();
    short[] v21 =
        generate(new V21Transmitter(V21Config.channel2(), enc, ModemListener.IGNORE), 400_000);
    assertThat(detect(LineModel.apply(line(3), v21))).isEmpty();
    assertThat(detect(LineModel.apply(line(4), new short[160_000]))).isEmpty();
  }
}
