package org.faxgw.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.faxgw.modem.Dbm0;
import org.faxgw.modem.G711;
import org.junit.jupiter.api.Test;

class LineModelTest {

  static short[] tone(double hz, double dbm0, int n) {
    double a = Dbm0.sineAmplitude(dbm0);
    short[] s = new short[n];
    for (int i = 0; i < n; i++) {
      s[i] = (short) Math.round(a * Math.sin(2 * Math.PI * hz * i / 8000.0));
    }
    return s;
  }

  /** Frequency of a steady tone near {@code f0}: phase advance between the two halves. */
  static double frequency(short[] s, int from, int len, double f0) {
    int half = len / 2;
    double p1 = phase(s, from, half, f0);
    double p2 = phase(s, from + half, half, f0);
    double d = p2 - p1;
    while (d > Math.PI) {
      d -= 2 * Math.PI;
    }
    while (d < -Math.PI) {
      d += 2 * Math.PI;
    }
    return f0 + d / (2 * Math.PI * half / 8000.0);
  }

  static double phase(short[] s, int from, int len, double f0) {
    double re = 0;
    double im = 0;
    for (int i = 0; i < len; i++) {
      double w = 2 * Math.PI * f0 * (from + i) / 8000.0;
      re += s[from + i] * Math.cos(w);
      im -= s[from + i] * Math.sin(w);
    }
    return Math.atan2(im, re);
  }

  static double magnitude(short[] s, int from, int len, double f) {
    double re = 0;
    double im = 0;
    for (int i = 0; i < len; i++) {
      double w = 2 * Math.PI * f * i / 8000.0;
      re += s[from + i] * Math.cos(w);
      im -= s[from + i] * Math.sin(w);
    }
    return Math.hypot(re, im);
  }

  @Test
  void fullScaleSineIsPlus314Dbm0AndLevelsAreConsistent() {
    short[] fs = tone(1000, Dbm0.FULL_SCALE_SINE_DBM0, 8000);
    assertThat(Dbm0.measure(fs, 0, fs.length)).isCloseTo(3.14, within(0.01));
    assertThat(Math.abs(fs[2])).isEqualTo(32767); // sin(π/2) at 1 kHz, sample 2
    short[] t = tone(1000, -13, 8000);
    assertThat(Dbm0.measure(t, 0, t.length)).isCloseTo(-13, within(0.01));
  }

  @Test
  void cleanLineChangesNothing() {
    Random r = new Random(5);
    short[] in = new short[10_000];
    for (int i = 0; i < in.length; i++) {
      in[i] = (short) (r.nextInt(65536) - 32768);
    }
    assertThat(LineModel.apply(LineModelConfig.clean(), in)).isEqualTo(in);
  }

  @Test
  void noiseLevelIsWithinAThirdOfADecibelOfTheRequestAndWhite() {
    for (double level : new double[] {-20, -28, -45, -60}) {
      short[] out =
          LineModel.apply(
              LineModelConfig.clean().withNoiseDbm0(level).withSeed(11), new short[80_000]);
      assertThat(Dbm0.measure(out, 0, out.length))
          .as("noise %s", level)
          .isCloseTo(level, within(0.3));
      // white: neighbouring samples uncorrelated; Gaussian: kurtosis near 3
      double s2 = 0;
      double s4 = 0;
      double r1 = 0;
      for (int i = 0; i < out.length; i++) {
        s2 += (double) out[i] * out[i];
        s4 += Math.pow(out[i], 4);
        if (i > 0) {
          r1 += (double) out[i] * out[i - 1];
        }
      }
      assertThat(r1 / s2).isCloseTo(0, within(0.02));
      if (level > -50) {
        assertThat(s4 * out.length / (s2 * s2)).isCloseTo(3, within(0.15));
      }
    }
  }

  @Test
  void snrIsSignalLevelMinusNoiseLevel() {
    short[] in = tone(1700, -13, 80_000);
    short[] out = LineModel.apply(LineModelConfig.clean().withNoiseDbm0(-28).withSeed(3), in);
    short[] residual = new short[in.length];
    for (int i = 0; i < in.length; i++) {
      residual[i] = (short) (out[i] - in[i]);
    }
    double snr = Dbm0.measure(in, 0, in.length) - Dbm0.measure(residual, 0, in.length);
    assertThat(snr).isCloseTo(15, within(0.3));
  }

  @Test
  void gainSetsTheReceivedLevel() {
    short[] in = tone(1000, -13, 16_000);
    short[] out = LineModel.apply(LineModelConfig.clean().withLevel(-13, -40), in);
    assertThat(Dbm0.measure(out, 0, out.length)).isCloseTo(-40, within(0.05));
  }

  @Test
  void companding() {
    short[] in = tone(1020, -13, 16_000); // 1020 Hz: not a divisor of 8 kHz (cf. O.132)
    short[] a = LineModel.apply(LineModelConfig.clean().withCompanding(Companding.ALAW), in);
    short[] u = LineModel.apply(LineModelConfig.clean().withCompanding(Companding.ULAW), in);
    for (int i = 0; i < in.length; i++) {
      assertThat(G711.alawToLinear(G711.linearToAlaw(a[i]))).isEqualTo(a[i]);
      assertThat(G711.ulawToLinear(G711.linearToUlaw(u[i]))).isEqualTo(u[i]);
    }
    // G.711 quantisation alone leaves about 35–39 dB SNR for a −13 dBm0 tone
    for (short[] out : List.of(a, u)) {
      short[] err = new short[in.length];
      for (int i = 0; i < in.length; i++) {
        err[i] = (short) (out[i] - in[i]);
      }
      double snr = Dbm0.measure(in, 0, in.length) - Dbm0.measure(err, 0, in.length);
      assertThat(snr).isBetween(33.0, 41.0);
    }
  }

  @Test
  void clockOffsetGivesTheExpectedSampleCountAndFrequency() {
    int n = 400_000; // 50 s
    short[] in = tone(1000, -13, n);
    for (double ppm : new double[] {100, -100, 1000}) {
      short[] out = LineModel.apply(LineModelConfig.clean().withClockOffsetPpm(ppm), in);
      double expected = (n - LineModel.HALF) * (1 + ppm * 1e-6);
      assertThat((double) out.length).as("%s ppm", ppm).isCloseTo(expected, within(1.5));
      // a receiver clock faster by ppm sees every frequency lower by the same ratio
      double expectedHz = 1000 / (1 + ppm * 1e-6);
      double f = frequency(out, 1000, 300_000, expectedHz);
      assertThat(f).as("%s ppm", ppm).isCloseTo(expectedHz, within(0.002));
      assertThat(frequency(out, 1000, 300_000, 1000)).isNotCloseTo(1000, within(0.002));
      // and the waveform is a clean resampling of the sine (interpolation error < −60 dB)
      double a = Dbm0.sineAmplitude(-13);
      double step = 1 / (1 + ppm * 1e-6);
      double err = 0;
      double sig = 0;
      for (int k = 1000; k < 100_000; k++) {
        double ideal = a * Math.sin(2 * Math.PI * 1000 * k * step / 8000.0);
        err += (out[k] - ideal) * (out[k] - ideal);
        sig += ideal * ideal;
      }
      assertThat(10 * Math.log10(err / sig)).isLessThan(-60);
    }
  }

  @Test
  void frequencyOffsetShiftsTheToneWithoutImage() {
    short[] in = tone(1000, -13, 32_000);
    for (double hz : new double[] {7, -7, 50}) {
      short[] out = LineModel.apply(LineModelConfig.clean().withFrequencyOffsetHz(hz), in);
      assertThat(frequency(out, 1000, 24_000, 1000 + hz)).isCloseTo(1000 + hz, within(0.01));
      double wanted = magnitude(out, 1000, 24_000, 1000 + hz);
      double image = magnitude(out, 1000, 24_000, 1000 - hz);
      assertThat(20 * Math.log10(wanted / image)).isGreaterThan(40);
      assertThat(Dbm0.measure(out, 1000, 24_000)).isCloseTo(-13, within(0.1));
    }
  }

  @Test
  void echoIsADelayedScaledCopy() {
    short[] in = new short[1000];
    in[10] = 10_000;
    short[] out = LineModel.apply(LineModelConfig.clean().withEcho(240, -6), in);
    assertThat(out[10]).isEqualTo((short) 10_000);
    assertThat(out[250]).isEqualTo((short) Math.round(10_000 * Math.pow(10, -6 / 20.0)));
    int nonZero = 0;
    for (short s : out) {
      nonZero += s != 0 ? 1 : 0;
    }
    assertThat(nonZero).isEqualTo(2);
  }

  @Test
  void lostBlocksAreReportedAsLostSamples() {
    LineModel m = new LineModel(LineModelConfig.clean().withBlockLossRate(0.1).withSeed(9));
    List<Integer> arrived = new ArrayList<>();
    List<Integer> lost = new ArrayList<>();
    short[] in = tone(1000, -13, 8000);
    LineSink sink =
        new LineSink() {
          @Override
          public void accept(short[] s, int off, int len) {
            arrived.add(len);
          }

          @Override
          public void lost(int samples) {
            lost.add(samples);
          }
        };
    for (int i = 0; i < 20; i++) {
      m.process(in, 0, 8000, sink); // 1000 blocks in all
    }
    assertThat(arrived.size() + lost.size()).isEqualTo(1000);
    assertThat(lost).allMatch(n -> n == 160);
    assertThat(lost.size()).isBetween(60, 140);
    assertThat(m.blocksLost()).isEqualTo(lost.size());
  }
}
