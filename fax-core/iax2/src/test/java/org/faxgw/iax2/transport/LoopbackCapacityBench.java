package org.faxgw.iax2.transport;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.faxgw.iax2.CallAudio;
import org.faxgw.iax2.CallListener;
import org.faxgw.iax2.HangupCause;
import org.faxgw.iax2.Iax2Call;
import org.faxgw.iax2.MediaFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Capacity goal (printed, not asserted): N simultaneous calls between two endpoints on 127.0.0.1,
 * each carrying 20 ms A-law audio both ways, with the lateness of every media tick recorded on both
 * sides over a steady 10 s window; prints the largest N with no tick 10 ms or more late and the CPU
 * per call. Run with {@code -Dfaxgw.bench=true -Dtest=LoopbackCapacityBench}; optional {@code
 * -Dfaxgw.bench.calls=100,200,400} and {@code -Dfaxgw.bench.seconds=10}.
 */
@EnabledIfSystemProperty(named = "faxgw.bench", matches = "true")
class LoopbackCapacityBench {
  /** Sends a constant tone-like pattern, ignores what it hears. */
  static final class Filler implements CallAudio {
    @Override
    public void played(short[] s, int off, int len) {}

    @Override
    public void lost(int samples) {}

    @Override
    public void next(short[] out, int off, int len) {
      for (int i = 0; i < len; i++) {
        out[off + i] = (short) ((i & 8) == 0 ? 3000 : -3000);
      }
    }
  }

  @Test
  void capacity() throws Exception {
    String list = System.getProperty("faxgw.bench.calls", "50,100,200,400,700,1000");
    int seconds = Integer.getInteger("faxgw.bench.seconds", 10);
    int best = 0;
    boolean allGood = true;
    System.out.println(
        "load average at start: "
            + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.println(
        "calls  ticks      >=5ms  >=10ms  max ms  CPU per call, % of a core (both legs):"
            + " process, event loops");
    for (String s : list.split(",")) {
      int n = Integer.parseInt(s.trim());
      Result r = run(n, seconds);
      System.out.printf(
          Locale.ROOT,
          "%5d  %9d  %5d  %6d  %6.1f  %.3f  %.3f%s%n",
          n,
          r.ticks,
          r.late5,
          r.late10,
          r.maxMillis,
          r.cpuPercentPerCall,
          r.loopCpuPercentPerCall,
          r.answered < n ? "  (only " + r.answered + " answered)" : "");
      allGood &= r.late10 == 0 && r.answered == n;
      if (allGood) {
        best = n;
      }
    }
    System.out.println(
        "largest N with no media tick 10 ms or more late: "
            + best
            + " (cores: "
            + Runtime.getRuntime().availableProcessors()
            + ")");
  }

  record Result(
      int answered,
      long ticks,
      long late5,
      long late10,
      double maxMillis,
      double cpuPercentPerCall,
      double loopCpuPercentPerCall) {}

  /** CPU time of the endpoints' event-loop threads so far. */
  private static long loopCpu() {
    var threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().equals("iax2-loop")) {
        sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return sum;
  }

  private static Result run(int n, int seconds) throws Exception {
    Iax2EndpointConfig calleeConfig =
        new Iax2EndpointConfig(
            LoopbackEndpointsTest.ANY_PORT,
            List.of(),
            List.of(Iax2EndpointConfig.User.of("bench", "pw")),
            n + 50,
            java.time.Duration.ofMillis(60),
            java.time.Duration.ofSeconds(30));
    try (NettyIax2Endpoint callee = NettyIax2Endpoint.start(calleeConfig)) {
      callee.onIncoming(in -> in.answer(new Filler(), (c, r) -> {}));
      Iax2EndpointConfig callerConfig =
          new Iax2EndpointConfig(
              LoopbackEndpointsTest.ANY_PORT,
              List.of(
                  Iax2EndpointConfig.Peer.of("b", callee.localAddress())
                      .withLogin("bench", "pw")
                      .withCodecs(List.of(MediaFormat.ALAW))),
              List.of(),
              n + 50,
              java.time.Duration.ofMillis(60),
              java.time.Duration.ofSeconds(30));
      try (NettyIax2Endpoint caller = NettyIax2Endpoint.start(callerConfig)) {
        CountDownLatch answered = new CountDownLatch(n);
        List<Iax2Call> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          calls.add(
              caller.dial(
                  "b",
                  Integer.toString(i),
                  new Filler(),
                  new CallListener() {
                    @Override
                    public void answered(MediaFormat f) {
                      answered.countDown();
                    }

                    @Override
                    public void ended(HangupCause c, boolean r) {}
                  }));
          if (i % 50 == 49) {
            Thread.sleep(20); // spread the NEWs a little, as calls arrive in life
          }
        }
        answered.await(60, TimeUnit.SECONDS);
        int up = (int) (n - answered.getCount());
        Thread.sleep(1000); // settle
        caller.lateness().reset();
        callee.lateness().reset();
        var os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long loop0 = loopCpu();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long cpu = os.getProcessCpuTime() - cpu0;
        long loop = loopCpu() - loop0;
        long wall = System.nanoTime() - t0;
        TickLateness.Snapshot a = caller.lateness().snapshot();
        TickLateness.Snapshot b = callee.lateness().snapshot();
        for (Iax2Call c : calls) {
          c.hangup(HangupCause.NORMAL_CLEARING);
        }
        Thread.sleep(500);
        return new Result(
            up,
            a.ticks() + b.ticks(),
            a.atLeast(5) + b.atLeast(5),
            a.atLeast(10) + b.atLeast(10),
            Math.max(a.maxNanos(), b.maxNanos()) / 1e6,
            up == 0 ? 0 : 100.0 * cpu / wall / up,
            up == 0 ? 0 : 100.0 * loop / wall / up);
      }
    }
  }
}
