package org.faxgw.modem;

/** Where a receiver puts the data bits it demodulates, one at a time, in line order. */
@FunctionalInterface
public interface BitSink {
  /**
   * @param bit 0 or 1
   */
  void putBit(int bit);
}
