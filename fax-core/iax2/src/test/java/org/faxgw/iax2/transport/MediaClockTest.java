package org.faxgw.iax2.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediaClockTest {
  private static final long MS = 1_000_000L;

  @Test
  void ticksEvery20msFromTheStartInstant() {
    VirtualScheduler s = new VirtualScheduler();
    List<Long> at = new ArrayList<>();
    MediaClock c = new MediaClock(s, k -> at.add(s.nanoTime()), new TickLateness());
    s.advance(7 * MS);
    c.start();
    s.advance(100 * MS);
    assertThat(at).containsExactly(27 * MS, 47 * MS, 67 * MS, 87 * MS, 107 * MS);
    assertThat(c.ticks()).isEqualTo(5);
  }

  @Test
  void lateTimersDoNotMakeTheClockDrift() {
    VirtualScheduler s = new VirtualScheduler();
    s.firingDelayNanos = 3 * MS; // every timer fires 3 ms late
    TickLateness late = new TickLateness();
    MediaClock c = new MediaClock(s, k -> {}, late);
    c.start();
    s.advance(60_000 * MS); // one minute
    // A clock that re-armed 20 ms after each (late) tick would have run 60000/23 = 2608 ticks.
    assertThat(c.ticks()).isBetween(2999L, 3000L);
    assertThat(late.snapshot().maxNanos()).isEqualTo(3 * MS);
    assertThat(late.snapshot().atLeast(5)).isZero();
    assertThat(late.snapshot().ticks()).isEqualTo(c.ticks());
  }

  @Test
  void afterAStallOverdueTicksRunBackToBackThenTheRestAreSkipped() {
    VirtualScheduler s = new VirtualScheduler();
    List<Long> ticks = new ArrayList<>();
    TickLateness late = new TickLateness();
    MediaClock c = new MediaClock(s, ticks::add, late);
    c.start();
    s.advance(40 * MS); // ticks 0, 1
    s.stall(100 * MS); // 5 ticks overdue: caught up
    s.advance(1);
    assertThat(ticks).hasSize(7);
    s.stall(1000 * MS); // 50 overdue: 10 run, the rest skipped
    s.advance(1);
    assertThat(ticks).hasSize(17);
    assertThat(c.skipped()).isEqualTo(40);
    assertThat(late.snapshot().ticks()).as("skipped ticks count as late").isEqualTo(17 + 40);
    assertThat(late.snapshot().atLeast(50)).isGreaterThanOrEqualTo(40);
    assertThat(ticks).isSorted().doesNotHaveDuplicates();
    long before = ticks.size();
    s.advance(200 * MS);
    assertThat(ticks.size() - before).isEqualTo(10); // back on the 20 ms grid
  }

  @Test
  void noTickAfterStop() {
    VirtualScheduler s = new VirtualScheduler();
    List<Long> ticks = new ArrayList<>();
    MediaClock c =
        new MediaClock(
            s,
            k -> {
              ticks.add(k);
            },
            null);
    c.start();
    s.advance(50 * MS);
    c.stop();
    s.advance(500 * MS);
    assertThat(ticks).containsExactly(0L, 1L);
    assertThat(s.pending()).isZero();
  }

  @Test
  void latenessBuckets() {
    TickLateness l = new TickLateness();
    l.record(500_000);
    l.record(3 * MS);
    l.record(12 * MS);
    l.record(70 * MS);
    TickLateness.Snapshot s = l.snapshot();
    assertThat(s.ticks()).isEqualTo(4);
    assertThat(s.atLeast(10)).isEqualTo(2);
    assertThat(s.atLeast(1)).isEqualTo(3);
    assertThat(s.maxNanos()).isEqualTo(70 * MS);
  }
}
