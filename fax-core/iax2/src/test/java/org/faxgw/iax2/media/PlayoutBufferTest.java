package org.faxgw.iax2.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlayoutBufferTest {
  /** Frames are their timestamps; negative ones count as silence. */
  private static PlayoutBuffer<Long> buffer(PlayoutConfig c) {
    return new PlayoutBuffer<>(c, f -> f < 0);
  }

  private static List<String> drain(PlayoutBuffer<Long> b, int polls) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < polls; i++) {
      PlayoutBuffer.Slot<Long> s = b.poll();
      out.add(s.kind() == PlayoutBuffer.Kind.PLAYED ? "" + s.frame() : s.kind().name());
    }
    return out;
  }

  @Test
  void waitsForTheDelayThenReordersAndReportsGaps() {
    PlayoutBuffer<Long> b = buffer(PlayoutConfig.DEFAULT);
    assertThat(b.offer(20, 20L)).isEqualTo(PlayoutBuffer.Offer.ACCEPTED);
    assertThat(b.offer(60, 60L)).isEqualTo(PlayoutBuffer.Offer.ACCEPTED);
    assertThat(b.offer(40, 40L)).isEqualTo(PlayoutBuffer.Offer.ACCEPTED); // reordered
    assertThat(b.offer(40, 40L)).isEqualTo(PlayoutBuffer.Offer.DUPLICATE);
    assertThat(b.offer(120, 120L)).isEqualTo(PlayoutBuffer.Offer.ACCEPTED);
    assertThat(drain(b, 9))
        .containsExactly("IDLE", "IDLE", "IDLE", "20", "40", "60", "GAP", "GAP", "120");
    assertThat(b.offer(100, 100L)).isEqualTo(PlayoutBuffer.Offer.LATE);
    assertThat(b.offer(120, 120L)).isEqualTo(PlayoutBuffer.Offer.DUPLICATE); // already played
    assertThat(b.stats().gaps()).isEqualTo(2);
    assertThat(b.stats().late()).isEqualTo(1);
    assertThat(b.stats().duplicates()).isEqualTo(2);
  }

  @Test
  void timestampsOffTheTwentyMillisecondGridGoToTheNearestSlot() {
    PlayoutBuffer<Long> b = buffer(PlayoutConfig.offline(60));
    b.offer(3, 3L);
    b.offer(24, 24L);
    b.offer(41, 41L);
    assertThat(drain(b, 3)).containsExactly("3", "24", "41");
  }

  @Test
  void framesBeyondTheCapacityAreRefusedAndALastingJumpRestarts() {
    PlayoutBuffer<Long> b = buffer(PlayoutConfig.DEFAULT); // 50 frames
    b.offer(0, 0L);
    assertThat(b.offer(20 * 50, 1000L)).isEqualTo(PlayoutBuffer.Offer.TOO_EARLY);
    assertThat(b.offer(20 * 51, 1020L)).isEqualTo(PlayoutBuffer.Offer.TOO_EARLY);
    // The third in a row: the far end jumped its timestamps; start again there.
    assertThat(b.offer(20 * 52, 1040L)).isEqualTo(PlayoutBuffer.Offer.ACCEPTED);
    assertThat(b.stats().restarts()).isEqualTo(1);
    assertThat(drain(b, 4)).containsExactly("IDLE", "IDLE", "IDLE", "1040");
  }

  @Test
  void offlineModeNeverWaitsNorRestarts() {
    PlayoutBuffer<Long> b = buffer(PlayoutConfig.offline(60));
    b.offer(0, 0L);
    for (int i = 0; i < 5; i++) {
      assertThat(b.offer(20_000 + i, 1L)).isEqualTo(PlayoutBuffer.Offer.TOO_EARLY);
    }
    assertThat(drain(b, 1)).containsExactly("0");
  }

  @Test
  void miniTimestampsAreExtendedAcrossTheWrap() {
    assertThat(VoiceTimestamps.extend(-1, 20)).isEqualTo(20);
    assertThat(VoiceTimestamps.extend(65_520, 4)).isEqualTo(65_540);
    assertThat(VoiceTimestamps.extend(65_540, 65_520)).isEqualTo(65_520); // late, before the wrap
    assertThat(VoiceTimestamps.extend(131_060, 20)).isEqualTo(131_092);
    assertThat(VoiceTimestamps.extend(100, 60)).isEqualTo(60);
  }

  /**
   * A far clock ±100 ppm off for 20 minutes: the buffer neither runs dry nor fills up, re-centres
   * only on silent frames, and reports no gap the far end did not cause.
   */
  @Test
  void followsAFarClockHundredPpmOffForTwentyMinutes() {
    for (int ppm : new int[] {100, -100}) {
      PlayoutBuffer<Long> b = buffer(PlayoutConfig.DEFAULT);
      long farPeriodNanos = Math.round(20_000_000 * (1 - ppm / 1e6)); // in our time
      long nextFar = 0;
      long n = 0;
      int minDepth = Integer.MAX_VALUE;
      int maxDepth = 0;
      long played = 0;
      long prev = -1;
      java.util.Random jitter = new java.util.Random(ppm);
      for (long ourTick = 0; ourTick < 60_000; ourTick++) {
        long now = ourTick * 20_000_000L;
        while (nextFar + jitter.nextInt(8_000_000) <= now) {
          // 3 s of signal then 1 s of silence; the frame carries its number (negative = silent).
          long frame = (n % 200) < 150 ? n : -n - 1;
          b.offer(20 * n, frame);
          n++;
          nextFar += farPeriodNanos;
        }
        PlayoutBuffer.Slot<Long> s = b.poll();
        if (s.kind() == PlayoutBuffer.Kind.PLAYED) {
          long k = s.frame() < 0 ? -s.frame() - 1 : s.frame();
          if (prev >= 0 && k != prev + 1) {
            // Only a silent frame may have been skipped.
            assertThat(k).isEqualTo(prev + 2);
            assertThat((prev + 1) % 200).isGreaterThanOrEqualTo(150);
          }
          prev = k;
          played++;
        }
        if (ourTick > 500) {
          minDepth = Math.min(minDepth, b.depthFrames());
          maxDepth = Math.max(maxDepth, b.depthFrames());
        }
      }
      PlayoutBuffer.Stats st = b.stats();
      assertThat(st.gaps()).as("gaps at %d ppm", ppm).isZero();
      assertThat(st.late() + st.tooEarly() + st.restarts()).isZero();
      assertThat(minDepth).as("min depth at %d ppm", ppm).isGreaterThanOrEqualTo(1);
      assertThat(maxDepth).as("max depth at %d ppm", ppm).isLessThanOrEqualTo(6);
      // 120 ms of drift = 6 frames, corrected one silent frame at a time.
      if (ppm > 0) {
        assertThat(st.droppedForDrift()).isBetween(5L, 7L);
        assertThat(st.insertedForDrift()).isZero();
      } else {
        assertThat(st.insertedForDrift()).isBetween(5L, 7L);
        assertThat(st.droppedForDrift()).isZero();
      }
      assertThat(played).isGreaterThan(59_000);
    }
  }
}
