package org.faxgw.iax2.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The pure protocol's CPU cost per call: N calls between two protocol objects in memory, 20 ms
 * audio both ways for 20 s of virtual time; prints wall time per call-second. Run with {@code
 * -Dfaxgw.bench=true}; no timing assertion.
 */
@EnabledIfSystemProperty(named = "faxgw.bench", matches = "true")
class ProtocolCostBench {
  @Test
  void costPerCall() {
    for (int n : new int[] {100, 500}) {
      ProtocolCallTest.Pair p = new ProtocolCallTest.Pair(1, "s3cret", true, true);
      p.b.protocol =
          new Iax2Protocol(
              ProtocolCallTest.calleeConfig(true).withMaxCalls(2 * n),
              p.b,
              new java.util.Random(2),
              p.net.nowMillis());
      p.a.protocol =
          new Iax2Protocol(
              ProtocolCallTest.callerConfig(p.b.address, "s3cret", true).withMaxCalls(2 * n),
              p.a,
              new java.util.Random(3),
              p.net.nowMillis());
      List<NumberedAudio> callers = new ArrayList<>();
      p.a.onEvent =
          e -> {
            if (e instanceof ProtocolEvent.Answered an) {
              NumberedAudio a = new NumberedAudio(150, 50);
              callers.add(a);
              p.a.drive(an.call(), a);
            }
          };
      HashMap<CallId, org.faxgw.iax2.CallAudio> audios = new HashMap<>();
      p.b.answering(() -> new NumberedAudio(150, 50), audios);
      for (int i = 0; i < n; i++) {
        p.net.schedule(
            p.net.nowMicros + i * 100L, () -> p.a.protocol.dial("b", "1", p.net.nowMillis()));
      }
      p.net.runFor(2000);
      assertThat(callers).hasSize(n);
      long t0 = System.nanoTime();
      p.net.runFor(20_000);
      long ns = System.nanoTime() - t0;
      System.out.printf(
          "iax2 protocol bench: %d calls x 20 s, both ends in one thread: %.1f ms wall,"
              + " %.1f us CPU per call-second (both ends, incl. the simulated network)%n",
          n, ns / 1e6, ns / 1e3 / n / 20);
    }
  }
}
