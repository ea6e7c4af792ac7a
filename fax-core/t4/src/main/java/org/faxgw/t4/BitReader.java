package org.faxgw.t4;

/**
 * Reads codes most significant bit first from a byte range through a 64-bit window. Reading past
 * the end yields zero bits; {@link #overrun()} tells whether any were consumed.
 */
final class BitReader {
  // Package-private: the row decoders copy the window into locals and write it back (hot loops).
  final byte[] buf;
  int next; // next byte to load
  final int end;
  long acc; // left-aligned window
  int nbits; // valid bits in acc (may count phantom zero bits past the end)
  private int phantom; // phantom zero bits loaded past the end

  BitReader(byte[] buf, int off, int len) {
    this.buf = buf;
    this.next = off;
    this.end = off + len;
    refill();
  }

  static final java.lang.invoke.VarHandle LONG_BE =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.BIG_ENDIAN);

  /** Makes at least 32 bits available in the window. */
  void refill() {
    if (next + 8 <= end) {
      // Eight bytes at once; the bits past the whole bytes taken are ORed in again, unchanged, by
      // the next refill, so they may stay in the window.
      long w = (long) LONG_BE.get(buf, next);
      acc |= w >>> nbits;
      int take = (63 - nbits) >>> 3;
      next += take;
      nbits += take << 3;
      return;
    }
    while (nbits <= 56) {
      long b;
      if (next < end) {
        b = buf[next++] & 0xFF;
      } else {
        b = 0;
        phantom += 8;
      }
      acc |= b << (56 - nbits);
      nbits += 8;
    }
  }

  /** The next {@code n} bits (1..32) without consuming them. */
  int peek(int n) {
    return (int) (acc >>> (64 - n));
  }

  void skip(int n) {
    acc <<= n;
    nbits -= n;
    if (nbits < 32) {
      refill();
    }
  }

  int bit() {
    int b = (int) (acc >>> 63);
    skip(1);
    return b;
  }

  /** True when bits past the end of the data have been consumed. */
  boolean overrun() {
    return nbits < phantom;
  }

  /** Bits left before the end of the data (negative after an overrun). */
  long remaining() {
    return (long) nbits - phantom + (long) (end - next) * 8;
  }

  /** Position in bits from the start of the byte range given. */
  long bitsConsumed(int off) {
    return (long) (next - off) * 8 - nbits + phantom;
  }

  /** Skips to the next byte boundary. */
  void alignToByte() {
    int r = (int) (remaining() & 7);
    if (r != 0 && remaining() > 0) {
      skip(r);
    }
  }
}
