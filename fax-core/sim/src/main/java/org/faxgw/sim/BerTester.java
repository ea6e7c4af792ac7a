package org.faxgw.sim;

import org.faxgw.modem.BitSink;
import org.faxgw.modem.BitSource;

/**
 * Bit error rate tester with pseudo-random test patterns: a {@link Generator} ({@link BitSource})
 * for the transmitter and a self-synchronising {@link Checker} ({@link BitSink}) for the receiver.
 *
 * <p>Each {@link Pattern} is a maximal-length sequence b[k] = b[k−n] ⊕ b[k−m] (generator polynomial
 * 1 + x^m + x^n). The checker first synchronises by predicting each received bit from the previous
 * n received bits; after {@link Checker#SYNC_BITS} correct predictions in a row it runs its own
 * copy of the sequence and counts every differing bit as one error (no error multiplication). If a
 * block of {@link Checker#BLOCK_BITS} bits has more than a quarter wrong it declares loss of
 * synchronisation and hunts again. Bits received while hunting are not counted.
 */
public final class BerTester {
  private BerTester() {}

  /** Test patterns. */
  public enum Pattern {
    /** V.52: 511-bit pattern, 9-stage register with stages 5 and 9 fed back (1 + x^5 + x^9). */
    V52_511(9, 5),
    /** O.152: 2^11 − 1 pattern (1 + x^9 + x^11), used by spandsp's modem tests. */
    O152_2047(11, 9),
    /** O.151: 2^15 − 1 pattern (1 + x^14 + x^15). */
    O151_32767(15, 14);

    final int n;
    final int m;

    Pattern(int n, int m) {
      this.n = n;
      this.m = m;
    }

    /** Period of the sequence, 2^n − 1. */
    public int period() {
      return (1 << n) - 1;
    }

    int next(int history) {
      return ((history >>> (n - 1)) ^ (history >>> (m - 1))) & 1;
    }

    int mask() {
      return (1 << n) - 1;
    }
  }

  /** Sends the pattern, {@code bits} bits of it (or without end when negative). */
  public static final class Generator implements BitSource {
    private final Pattern pattern;
    private final long limit;
    private int history; // bit i = b[k-1-i]
    private long sent;

    public Generator(Pattern pattern, long bits) {
      this.pattern = pattern;
      this.limit = bits;
      this.history = pattern.mask(); // any non-zero start state
    }

    @Override
    public int getBit() {
      if (limit >= 0 && sent >= limit) {
        return END;
      }
      int b = pattern.next(history);
      history = ((history << 1) | b) & pattern.mask();
      sent++;
      return b;
    }

    public long sent() {
      return sent;
    }
  }

  /** Checks received bits against the pattern and counts errors. */
  public static final class Checker implements BitSink {
    /** Consecutive correctly predicted bits needed to declare synchronisation. */
    public static final int SYNC_BITS = 64;

    /** Block over which loss of synchronisation is judged. */
    public static final int BLOCK_BITS = 128;

    private final Pattern pattern;
    private int received; // last n received bits
    private int local; // own copy of the sequence once synchronised
    private int run;
    private boolean synced;
    private long bits;
    private long errors;
    private int blockBits;
    private int blockErrors;
    private int syncs;
    private int syncLosses;
    private long huntedBits;

    public Checker(Pattern pattern) {
      this.pattern = pattern;
    }

    @Override
    public void putBit(int bit) {
      int b = bit & 1;
      if (!synced) {
        huntedBits++;
        int predicted = pattern.next(received);
        run = predicted == b ? run + 1 : 0;
        received = ((received << 1) | b) & pattern.mask();
        if (run >= SYNC_BITS && received != 0) {
          synced = true;
          syncs++;
          local = received;
          blockBits = 0;
          blockErrors = 0;
        }
        return;
      }
      int expected = pattern.next(local);
      local = ((local << 1) | expected) & pattern.mask();
      bits++;
      blockBits++;
      if (expected != b) {
        errors++;
        blockErrors++;
      }
      if (blockBits == BLOCK_BITS) {
        if (blockErrors > BLOCK_BITS / 4) {
          synced = false;
          syncLosses++;
          run = 0;
        }
        blockBits = 0;
        blockErrors = 0;
      }
    }

    /** Bits compared while synchronised. */
    public long bits() {
      return bits;
    }

    /** Bits that differed from the pattern while synchronised. */
    public long errors() {
      return errors;
    }

    /** errors / bits, or NaN before any bit was checked. */
    public double bitErrorRate() {
      return bits == 0 ? Double.NaN : (double) errors / bits;
    }

    public boolean isSynchronised() {
      return synced;
    }

    /** Times synchronisation was gained. */
    public int syncs() {
      return syncs;
    }

    /** Times synchronisation was lost. */
    public int syncLosses() {
      return syncLosses;
    }

    /** Bits received while not synchronised (not counted in {@link #bits()}). */
    public long huntedBits() {
      return huntedBits;
    }

    @Override
    public String toString() {
      return String.format(
          "BER %d/%d = %.3g (syncs %d, losses %d, hunted %d)",
          errors, bits, bitErrorRate(), syncs, syncLosses, huntedBits);
    }
  }
}
