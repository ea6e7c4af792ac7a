package org.faxgw.modem;

import java.util.Random;

/**
 * A crude speech-like test signal: 40–200 ms segments of voiced (pulse train at 90–250 Hz pitch) or
 * unvoiced (noise) excitation through three formant resonators with random formant frequencies (F1
 * 300–900 Hz, F2 900–2500 Hz, F3 2200–3300 Hz), under a syllabic (≈4 Hz) envelope with pauses. For
 * false-detection tests of tone detectors.
 */
final class SpeechLikeSignal {
  private SpeechLikeSignal() {}

  static short[] generate(Random r, int samples, double levelDbm0) {
    double[] out = new double[samples];
    double[][] res = new double[3][2]; // resonator states
    double phase = 0;
    int i = 0;
    while (i < samples) {
      int len = 320 + r.nextInt(1280);
      boolean voiced = r.nextDouble() < 0.7;
      boolean pause = r.nextDouble() < 0.15;
      double f0 = 90 + r.nextDouble() * 160;
      double[] f = {
        300 + r.nextDouble() * 600, 900 + r.nextDouble() * 1600, 2200 + r.nextDouble() * 1100
      };
      double[][] coef = new double[3][2];
      for (int k = 0; k < 3; k++) {
        double bw = 60 + r.nextDouble() * 100;
        double rad = Math.exp(-Math.PI * bw / 8000.0);
        coef[k][0] = 2 * rad * Math.cos(2 * Math.PI * f[k] / 8000.0);
        coef[k][1] = -rad * rad;
      }
      for (int n = 0; n < len && i < samples; n++, i++) {
        double e;
        if (pause) {
          e = 0;
        } else if (voiced) {
          phase += f0 / 8000.0;
          e = 0;
          if (phase >= 1) {
            phase -= 1;
            e = 1;
          }
        } else {
          e = r.nextGaussian() * 0.1;
        }
        double y = 0;
        for (int k = 0; k < 3; k++) {
          double v = e + coef[k][0] * res[k][0] + coef[k][1] * res[k][1];
          res[k][1] = res[k][0];
          res[k][0] = v;
          y += v / (k + 1);
        }
        double envelope = Math.pow(Math.sin(Math.PI * 4 * i / 8000.0), 2);
        out[i] = y * (0.2 + envelope);
      }
    }
    double sum = 1e-9;
    for (double v : out) {
      sum += v * v;
    }
    double scale = Dbm0.rms(levelDbm0) / Math.sqrt(sum / samples);
    short[] s = new short[samples];
    for (int k = 0; k < samples; k++) {
      s[k] = (short) Math.max(-32768, Math.min(32767, Math.round(out[k] * scale)));
    }
    return s;
  }
}
