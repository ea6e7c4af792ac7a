package org.faxgw.modem;

/** Where a transmitter takes the data bits it sends, one at a time, in line order. */
@FunctionalInterface
public interface BitSource {
  /** Returned by {@link #getBit()} when there is no more data: the transmitter ends. */
  int END = -1;

  /**
   * @return 0 or 1, or {@link #END}
   */
  int getBit();
}
