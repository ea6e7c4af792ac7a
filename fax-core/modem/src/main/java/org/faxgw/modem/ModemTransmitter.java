package org.faxgw.modem;

/**
 * A modem transmitter: produces 8 kHz linear samples, pulling bits from its {@link BitSource}.
 * Belongs to one thread. Allocates nothing per call.
 */
public interface ModemTransmitter {
  /**
   * Writes up to {@code len} samples into {@code out} from {@code off}.
   *
   * @return the number of samples written; fewer than {@code len} only when the transmission has
   *     ended (then the rest of the block is the caller's to fill, normally with silence)
   */
  int transmit(short[] out, int off, int len);
}
