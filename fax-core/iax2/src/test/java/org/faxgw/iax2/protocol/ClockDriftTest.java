package org.faxgw.iax2.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.faxgw.iax2.media.PlayoutBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A caller whose media clock runs ±100 ppm off ours, for 20 minutes of virtual time, over a network
 * with a few ms of jitter: the callee's playout buffer reports no gap the caller did not cause and
 * its depth stays within bounds. A modem tolerates no sample inserted or removed, so the drift must
 * be absorbed by re-centring in silence, never by dropping or repeating a frame of signal.
 */
class ClockDriftTest {
  @ParameterizedTest
  @ValueSource(ints = {100, -100})
  void twentyMinutesWithAFarClockOff(int ppm) {
    ProtocolCallTest.Pair p = new ProtocolCallTest.Pair(20 + ppm, "s3cret", true, true);
    p.a.ppm = ppm;
    p.net.jitterMicros = 8000;
    CallId call = p.dial();
    p.net.runFor(3000);
    CallId calleeCall = p.calleeAudio.keySet().iterator().next();
    int[] depth = {Integer.MAX_VALUE, 0};
    long end = p.net.nowMicros + 20L * 60 * 1_000_000;
    for (long t = p.net.nowMicros + 10_000_000; t < end; t += 1_000_000) {
      p.net.schedule(
          t + 10_000, // between media ticks
          () -> {
            int d = p.b.protocol.playoutDepth(calleeCall);
            depth[0] = Math.min(depth[0], d);
            depth[1] = Math.max(depth[1], d);
          });
    }
    p.net.runUntil(end);
    assertThat(p.a.protocol.isUp(call)).isTrue();
    NumberedAudio heard = (NumberedAudio) p.calleeAudio.get(calleeCall);
    PlayoutBuffer.Stats st = p.b.protocol.playoutStats(calleeCall);
    assertThat(heard.lostTicks).as("gaps reported").isZero();
    assertThat(st.gaps()).isZero();
    assertThat(depth[0]).as("min depth").isGreaterThanOrEqualTo(2);
    assertThat(depth[1]).as("max depth").isLessThanOrEqualTo(6);
    // Every frame heard in order; a step of 2 only where a silent frame was dropped.
    assertThat(heard.steps(1) + heard.steps(2)).isEqualTo(heard.received.size() - 1);
    assertThat((long) heard.steps(2)).isEqualTo(st.droppedForDrift());
    if (ppm > 0) {
      assertThat(st.droppedForDrift()).isBetween(5L, 7L);
    } else {
      assertThat(st.insertedForDrift()).isBetween(5L, 7L);
    }
    assertThat(heard.received.size()).isGreaterThan(59_000);
  }
}
