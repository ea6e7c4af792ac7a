package org.faxgw.modem;

/**
 * A modem receiver: consumes 8 kHz linear samples, delivers bits to its {@link BitSink} and status
 * to its {@link ModemListener}. Belongs to one thread. Allocates nothing per call.
 */
public interface ModemReceiver {
  /** Demodulates {@code len} samples of {@code in} from {@code off}. */
  void receive(short[] in, int off, int len);

  /**
   * Tells the receiver that {@code samples} samples were lost (a missing packet): it advances its
   * timing and carrier as if they had arrived, without adapting on them.
   */
  void fillIn(int samples);
}
