package org.faxgw.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.faxgw.modem.BitSource;
import org.junit.jupiter.api.Test;

class BerTesterTest {

  @Test
  void patternsAreMaximalLength() {
    for (BerTester.Pattern p : BerTester.Pattern.values()) {
      int period = p.period();
      BerTester.Generator g = new BerTester.Generator(p, 3L * period);
      int[] bits = new int[3 * period];
      int ones = 0;
      for (int i = 0; i < bits.length; i++) {
        bits[i] = g.getBit();
        if (i < period) {
          ones += bits[i];
        }
      }
      assertThat(g.getBit()).isEqualTo(BitSource.END);
      // an m-sequence of period 2^n − 1 has 2^(n−1) ones per period
      assertThat(ones).as(p.name()).isEqualTo((period + 1) / 2);
      for (int i = 0; i < period; i++) {
        assertThat(bits[i + period]).isEqualTo(bits[i]);
      }
      // and no shorter period: the longest run of ones is exactly n (unique window of n ones)
      int run = 0;
      int longest = 0;
      for (int i = 0; i < 2 * period; i++) {
        run = bits[i] == 1 ? run + 1 : 0;
        longest = Math.max(longest, run);
      }
      assertThat(longest).isEqualTo(Integer.numberOfTrailingZeros(period + 1));
    }
  }

  @Test
  void cleanStreamHasNoErrors() {
    BerTester.Generator g = new BerTester.Generator(BerTester.Pattern.O151_32767, 100_000);
    BerTester.Checker c = new BerTester.Checker(BerTester.Pattern.O151_32767);
    for (int b = g.getBit(); b != BitSource.END; b = g.getBit()) {
      c.putBit(b);
    }
    assertThat(c.isSynchronised()).isTrue();
    assertThat(c.errors()).isZero();
    assertThat(c.bits() + c.huntedBits()).isEqualTo(100_000);
    assertThat(c.huntedBits()).isLessThan(100);
  }

  @Test
  void eachInjectedErrorCountsOnce() {
    BerTester.Generator g = new BerTester.Generator(BerTester.Pattern.V52_511, 200_000);
    BerTester.Checker c = new BerTester.Checker(BerTester.Pattern.V52_511);
    int injected = 0;
    for (int i = 0, b = g.getBit(); b != BitSource.END; b = g.getBit(), i++) {
      if (i > 1000 && i % 997 == 0) {
        b ^= 1;
        injected++;
      }
      c.putBit(b);
    }
    assertThat(c.errors()).isEqualTo(injected);
    assertThat(c.syncLosses()).isZero();
  }

  @Test
  void aSlipLosesAndRegainsSync() {
    BerTester.Generator g = new BerTester.Generator(BerTester.Pattern.O152_2047, 20_000);
    BerTester.Checker c = new BerTester.Checker(BerTester.Pattern.O152_2047);
    for (int i = 0, b = g.getBit(); b != BitSource.END; b = g.getBit(), i++) {
      if (i != 5000) { // one bit dropped
        c.putBit(b);
      }
    }
    assertThat(c.syncLosses()).isEqualTo(1);
    assertThat(c.syncs()).isEqualTo(2);
    assertThat(c.isSynchronised()).isTrue();
  }

  @Test
  void randomBitsNeverSynchronise() {
    java.util.Random r = new java.util.Random(2);
    BerTester.Checker c = new BerTester.Checker(BerTester.Pattern.O151_32767);
    for (int i = 0; i < 100_000; i++) {
      c.putBit(r.nextInt(2));
    }
    assertThat(c.syncs()).isZero();
  }
}
