package org.faxgw.sim;

import org.faxgw.modem.ModemReceiver;

/** Where a {@link LineModel} delivers its output, block by block. */
public interface LineSink {
  /** Samples that arrived. The array is the model's and is reused after the call. */
  void accept(short[] samples, int off, int len);

  /** {@code samples} samples were lost on the line (a missing packet). */
  default void lost(int samples) {}

  /** Feeds a modem receiver: arrived samples to {@code receive}, lost ones to {@code fillIn}. */
  static LineSink of(ModemReceiver receiver) {
    return new LineSink() {
      @Override
      public void accept(short[] samples, int off, int len) {
        receiver.receive(samples, off, len);
      }

      @Override
      public void lost(int samples) {
        receiver.fillIn(samples);
      }
    };
  }
}
