package org.faxgw.iax2.protocol;

import java.util.ArrayList;
import java.util.List;
import org.faxgw.iax2.CallAudio;

/**
 * Test audio that numbers its 20 ms frames: the signs of the first 16 samples carry the frame
 * number, at ±8000 (a signal) during bursts and ±100 (below the playout buffer's silence peak) in
 * between, so re-centring can happen in the pauses. Records what it receives.
 */
final class NumberedAudio implements CallAudio {
  final int burstFrames;
  final int pauseFrames;
  long sent;
  final List<Integer> received = new ArrayList<>();

  /** Per tick once audio began: the frame number played, or -1 for a reported gap. */
  final List<Integer> timeline = new ArrayList<>();

  long lostTicks;
  long silentTicks;
  long playedTicks;

  NumberedAudio(int burstFrames, int pauseFrames) {
    this.burstFrames = burstFrames;
    this.pauseFrames = pauseFrames;
  }

  @Override
  public void played(short[] samples, int off, int len) {
    playedTicks++;
    boolean allZero = true;
    for (int i = 0; i < 16; i++) {
      if (samples[off + i] != 0) {
        allZero = false;
      }
    }
    if (allZero) {
      silentTicks++;
      return;
    }
    int n = 0;
    for (int i = 0; i < 16; i++) {
      n = (n << 1) | (samples[off + i] > 0 ? 1 : 0);
    }
    received.add(n);
    timeline.add(n);
  }

  @Override
  public void lost(int samples) {
    lostTicks++;
    if (!received.isEmpty()) {
      timeline.add(-1);
    }
  }

  @Override
  public void next(short[] out, int off, int len) {
    long k = sent++;
    boolean loud = k % (burstFrames + pauseFrames) < burstFrames;
    short a = (short) (loud ? 8000 : 100);
    int n = (int) (k & 0xFFFF);
    for (int i = 0; i < len; i++) {
      out[off + i] =
          i < 16 ? ((n >> (15 - i) & 1) == 1 ? a : (short) -a) : (short) (i % 2 == 0 ? a : -a);
    }
  }

  /**
   * Whether every frame number missing between two played frames was reported as a gap at its
   * place, and the played frames are in order.
   */
  boolean everyGapReported() {
    int last = -1;
    int gapsSince = 0;
    for (int v : timeline) {
      if (v < 0) {
        gapsSince++;
        continue;
      }
      if (last >= 0 && ((v - last) & 0xFFFF) != gapsSince + 1) {
        return false;
      }
      last = v;
      gapsSince = 0;
    }
    return true;
  }

  /** Frames received out of sequence (any step other than +1, and +2 where one was dropped). */
  int steps(int step) {
    int c = 0;
    for (int i = 1; i < received.size(); i++) {
      if (((received.get(i) - received.get(i - 1)) & 0xFFFF) == step) {
        c++;
      }
    }
    return c;
  }
}
