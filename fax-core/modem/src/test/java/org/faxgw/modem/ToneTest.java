package org.faxgw.modem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ToneTest {

  record Hit(Tone tone, long sample, boolean end, long duration) {}

  static List<Hit> detect(short[] audio) {
    List<Hit> hits = new ArrayList<>();
    ToneDetector d =
        new ToneDetector(
            new ToneListener() {
              @Override
              public void onToneDetected(Tone tone, long sample) {
                hits.add(new Hit(tone, sample, false, 0));
              }

              @Override
              public void onToneEnded(Tone tone, long sample, long durationSamples) {
                hits.add(new Hit(tone, sample, true, durationSamples));
              }
            });
    // awkward block sizes on purpose
    for (int i = 0, n = 0; i < audio.length; i += n) {
      n = Math.min(audio.length - i, 37 + (i % 200));
      d.receive(audio, i, n);
    }
    return hits;
  }

  static short[] generate(ModemTransmitter tx, int maxSamples) {
    short[] out = new short[maxSamples];
    int n = 0;
    while (n < maxSamples) {
      int got = tx.transmit(out, n, Math.min(160, maxSamples - n));
      n += got;
      if (got < 160) {
        break;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  static short[] concat(short[]... parts) {
    int len = 0;
    for (short[] p : parts) {
      len += p.length;
    }
    short[] all = new short[len];
    int pos = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, all, pos, p.length);
      pos += p.length;
    }
    return all;
  }

  @Test
  void cedIsGeneratedAsSpecified() {
    List<ModemEvent> ev = new ArrayList<>();
    short[] ced = generate(ToneGenerator.ced(-13, ev::add), 100_000);
    assertThat(ced).hasSize(24_000); // T.30: 2.6–4 s
    assertThat(Dbm0.measure(ced, 0, ced.length))
        .isCloseTo(-13, org.assertj.core.data.Offset.offset(0.05));
    assertThat(ev).containsExactly(new ModemEvent.TransmitComplete(24_000));
    // zero crossings: 2100 Hz → 4200 per second
    int crossings = 0;
    for (int i = 1; i < ced.length; i++) {
      if ((ced[i - 1] < 0) != (ced[i] < 0)) {
        crossings++;
      }
    }
    assertThat(crossings).isBetween(3 * 4200 - 3, 3 * 4200 + 3);
  }

  @Test
  void cngCadenceIsHalfASecondOnThreeOff() {
    short[] cng = generate(ToneGenerator.cng(-13, 2, ModemListener.IGNORE), 100_000);
    assertThat(cng).hasSize(2 * (4000 + 24_000));
    for (int i = 0; i < cng.length; i++) {
      int inCycle = i % 28_000;
      if (inCycle >= 4000) {
        assertThat(cng[i]).isZero();
      }
    }
    assertThat(Dbm0.measure(cng, 0, 4000))
        .isCloseTo(-13, org.assertj.core.data.Offset.offset(0.05));
  }

  @Test
  void cedIsDetectedAtLevelsDownToMinus40() {
    for (double level : new double[] {-5, -13, -30, -40}) {
      short[] audio =
          concat(
              new short[4000],
              generate(ToneGenerator.ced(level, ModemListener.IGNORE), 30_000),
              new short[4000]);
      List<Hit> hits = detect(audio);
      assertThat(hits).as("level %s", level).hasSize(2);
      assertThat(hits.get(0).tone()).isEqualTo(Tone.CED);
      // recognised 500 ms (±1 block) after its start at 4000
      assertThat(hits.get(0).sample()).isBetween(4000L + 4000 - 160, 4000L + 4000 + 320);
      assertThat(hits.get(1).end()).isTrue();
      assertThat(hits.get(1).duration()).isBetween(24_000L - 320, 24_000L);
    }
  }

  @Test
  void cedWithinItsToleranceIsDetected() {
    for (double hz : new double[] {2085, 2115}) {
      short[] audio =
          generate(new ToneGenerator(hz, -20, 24_000, 0, 1, ModemListener.IGNORE), 30_000);
      assertThat(detect(audio)).extracting(Hit::tone).contains(Tone.CED);
    }
  }

  @Test
  void cngBurstsAreEachDetectedAlsoOffFrequency() {
    for (double hz : new double[] {1062, 1100, 1138}) {
      short[] audio =
          generate(new ToneGenerator(hz, -25, 4000, 24_000, 3, ModemListener.IGNORE), 200_000);
      List<Hit> hits = detect(audio);
      assertThat(hits).as("%s Hz", hz).hasSize(3);
      assertThat(hits).allMatch(h -> h.tone() == Tone.CNG);
      for (int i = 0; i < 3; i++) {
        // reported at the end of burst i (starts at i·28000, lasts 4000)
        assertThat(hits.get(i).sample()).isBetween(i * 28_000L + 4000, i * 28_000L + 4000 + 320);
      }
    }
  }

  @Test
  void steady1100HzIsNotCng() {
    short[] audio =
        generate(new ToneGenerator(1100, -13, 24_000, 0, 1, ModemListener.IGNORE), 30_000);
    assertThat(detect(audio)).isEmpty();
  }

  @Test
  void noToneInSilenceNoiseOrV21() {
    assertThat(detect(new short[80_000])).isEmpty();
    Random r = new Random(8);
    short[] noise = new short[160_000];
    double sigma = Dbm0.rms(-20);
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (short) Math.round(r.nextGaussian() * sigma);
    }
    assertThat(detect(noise)).isEmpty();
    // V.21 HDLC: preamble, random frames, at a high level
    HdlcEncoder enc = new HdlcEncoder(HdlcEncoder.V21_PREAMBLE_FLAGS);
    for (int i = 0; i < 20; i++) {
      byte[] f = new byte[20];
      r.nextBytes(f);
      enc.sendFrame(f);
    }
    enc.finish();
    short[] v21 =
        generate(
            new V21Transmitter(V21Config.channel2().withTxLevel(-8), enc, ModemListener.IGNORE),
            400_000);
    assertThat(v21.length).isGreaterThan(8000 * 10);
    assertThat(detect(v21)).isEmpty();
  }

  @Test
  void noToneInSpeechLikeSignal() {
    for (long seed = 12; seed < 15; seed++) {
      short[] speech = SpeechLikeSignal.generate(new Random(seed), 8000 * 60, -18);
      assertThat(Dbm0.measure(speech, 0, speech.length)).isBetween(-18.5, -17.5);
      assertThat(detect(speech)).isEmpty();
    }
  }
}
