package org.faxgw.gateway.analyze;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the T.30 tones in a recording: CNG, 1100 Hz (T.30 4.1: 0.5 s on, 3 s off) and CED, 2100 Hz
 * (T.30 4.2, V.25: 2.6 to 4 s). Offline, block by block (20 ms): a block holds a tone when one
 * Goertzel filter takes most of the block's energy at a level a line can carry; runs of such blocks
 * make a tone. For the timeline only; the session's own detector lives with the modems.
 */
final class ToneScanner {
  static final int BLOCK = 160;

  /** Least level of a tone: -43 dBm0 (V.21's carrier-on level), as mean square of 16-bit. */
  static final double MIN_MEAN_SQUARE = 32768.0 * 32768.0 / 2 / 1.41 * Math.pow(10, -43 / 10.0);

  /** Share of the block's energy the tone filter must hold. */
  static final double PURITY = 0.7;

  /** Shortest tone reported: 300 ms (CNG bursts are 500 ms). */
  static final int MIN_BLOCKS = 15;

  private ToneScanner() {}

  static List<TimelineEvent> scan(short[] pcm) {
    List<TimelineEvent> out = new ArrayList<>();
    String current = null;
    long start = 0;
    int run = 0;
    for (int off = 0; off + BLOCK <= pcm.length; off += BLOCK) {
      String tone = classify(pcm, off);
      if (tone != null && tone.equals(current)) {
        run++;
        continue;
      }
      if (current != null && run >= MIN_BLOCKS) {
        out.add(new TimelineEvent.Tone(start, current, (long) run * BLOCK));
      }
      current = tone;
      start = off;
      run = tone == null ? 0 : 1;
    }
    if (current != null && run >= MIN_BLOCKS) {
      out.add(new TimelineEvent.Tone(start, current, (long) run * BLOCK));
    }
    return out;
  }

  private static String classify(short[] pcm, int off) {
    double energy = 0;
    for (int i = 0; i < BLOCK; i++) {
      energy += (double) pcm[off + i] * pcm[off + i];
    }
    if (energy / BLOCK < MIN_MEAN_SQUARE) {
      return null;
    }
    // Goertzel power of a pure tone of mean square P over N samples is about P * N * N / 2
    double cng = goertzel(pcm, off, 1100.0) * 2 / BLOCK;
    double ced = goertzel(pcm, off, 2100.0) * 2 / BLOCK;
    if (cng > PURITY * energy) {
      return "CNG";
    }
    if (ced > PURITY * energy) {
      return "CED";
    }
    return null;
  }

  private static double goertzel(short[] pcm, int off, double hz) {
    double coeff = 2 * Math.cos(2 * Math.PI * hz / 8000.0);
    double s1 = 0;
    double s2 = 0;
    for (int i = 0; i < BLOCK; i++) {
      double s0 = pcm[off + i] + coeff * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    return s1 * s1 + s2 * s2 - coeff * s1 * s2;
  }
}
