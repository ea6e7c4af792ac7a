package org.faxgw.t4;

import java.util.Arrays;

/** Appends codes most significant bit first into a growing byte array. Not thread-safe. */
final class BitWriter {
  private byte[] buf;
  private int len; // whole bytes written
  private long acc; // pending bits, right-aligned
  private int nbits; // number of pending bits (< 32 between calls)

  BitWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  /** Appends the low {@code n} bits of {@code code} (n ≤ 32). */
  void put(int code, int n) {
    acc = (acc << n) | (code & ((1L << n) - 1));
    nbits += n;
    if (nbits >= 32) {
      flush32();
    }
  }

  private void flush32() {
    if (len + 8 > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + 8));
    }
    while (nbits >= 8) {
      nbits -= 8;
      buf[len++] = (byte) (acc >>> nbits);
    }
  }

  /** Appends {@code n} zero bits. */
  void zeros(int n) {
    while (n > 24) {
      put(0, 24);
      n -= 24;
    }
    if (n > 0) {
      put(0, n);
    }
  }

  /** Number of bits written so far. */
  long bitLength() {
    return (long) len * 8 + nbits;
  }

  /** Zero bits up to the next byte boundary. */
  void padToByte() {
    int r = nbits & 7;
    if (r != 0) {
      put(0, 8 - r);
    }
  }

  /** The bytes written, the last one padded with zero bits. */
  byte[] toByteArray() {
    padToByte();
    flush32();
    return Arrays.copyOf(buf, len);
  }

  void reset() {
    len = 0;
    acc = 0;
    nbits = 0;
  }
}
