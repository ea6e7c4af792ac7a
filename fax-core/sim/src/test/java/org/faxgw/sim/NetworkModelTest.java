package org.faxgw.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkModelTest {

  record Arrival(int seq, double atMs) {}

  /** 20 ms packets numbered 0..n−1, polled every millisecond. */
  static List<Arrival> run(NetworkModel<Integer> net, int n) {
    List<Arrival> out = new ArrayList<>();
    int next = 0;
    for (int t = 0; t < n * 20 + 10_000; t++) {
      if (t % 20 == 0 && next < n) {
        net.send(next++, t);
      }
      for (Integer p = net.poll(t); p != null; p = net.poll(t)) {
        out.add(new Arrival(p, t));
      }
    }
    return out;
  }

  @Test
  void perfectNetworkDeliversEverythingInOrderAtOnce() {
    NetworkModel<Integer> net = new NetworkModel<>(NetworkModelConfig.perfect());
    List<Arrival> got = run(net, 1000);
    assertThat(got).hasSize(1000);
    for (int i = 0; i < 1000; i++) {
      assertThat(got.get(i)).isEqualTo(new Arrival(i, i * 20.0));
    }
  }

  @Test
  void fixedDelayWithoutJitterKeepsOrder() {
    NetworkModel<Integer> net = new NetworkModel<>(NetworkModelConfig.perfect().withDelay(57, 0));
    List<Arrival> got = run(net, 500);
    for (int i = 0; i < 500; i++) {
      assertThat(got.get(i)).isEqualTo(new Arrival(i, i * 20.0 + 57));
    }
    assertThat(net.reordered()).isZero();
  }

  @Test
  void lossRateAndBurstLengthAreAsConfigured() {
    for (double burst : new double[] {1, 4}) {
      NetworkModel<Integer> net =
          new NetworkModel<>(NetworkModelConfig.perfect().withLoss(0.05, burst).withSeed(3));
      List<Arrival> got = run(net, 100_000);
      double loss = 1 - got.size() / 100_000.0;
      assertThat(loss).as("burst %s", burst).isCloseTo(0.05, within(0.005));
      assertThat(net.lost()).isEqualTo(100_000 - got.size());
      // mean length of runs of missing sequence numbers
      int runs = 0;
      int missing = 0;
      int expect = 0;
      for (Arrival a : got) {
        if (a.seq() > expect) {
          runs++;
          missing += a.seq() - expect;
        }
        expect = a.seq() + 1;
      }
      assertThat((double) missing / runs)
          .as("burst %s", burst)
          .isCloseTo(burst, within(0.1 * burst + 0.06));
    }
  }

  @Test
  void jitterReordersAndDelaysAsConfigured() {
    NetworkModel<Integer> net =
        new NetworkModel<>(NetworkModelConfig.perfect().withDelay(40, 30).withSeed(5));
    List<Arrival> got = run(net, 20_000);
    assertThat(got).hasSize(20_000);
    double sumExtra = 0;
    for (Arrival a : got) {
      double extra = a.atMs() - a.seq() * 20.0 - 40;
      assertThat(extra).isGreaterThanOrEqualTo(0);
      sumExtra += extra;
    }
    // E|N(0, σ)| = σ·√(2/π); arrivals are seen at whole ms, so up to 1 ms late
    assertThat(sumExtra / got.size()).isCloseTo(30 * Math.sqrt(2 / Math.PI) + 0.5, within(1.0));
    assertThat(net.reordered()).isGreaterThan(1000);
  }

  @Test
  void duplicates() {
    NetworkModel<Integer> net =
        new NetworkModel<>(NetworkModelConfig.perfect().withDuplicateRate(0.1).withSeed(8));
    List<Arrival> got = run(net, 10_000);
    assertThat(got.size() - 10_000).isEqualTo((int) net.duplicated());
    assertThat(net.duplicated()).isBetween(800L, 1200L);
  }
}
