package org.faxgw.testkit;

import java.util.Arrays;

/**
 * The one loop the modem tests share: 8 kHz audio moved from a transmitter to a line or receiver in
 * 20 ms blocks (160 samples), with silence before and after, bounded in blocks.
 */
public final class AudioPump {
  /** Samples in one 20 ms block at 8 kHz. */
  public static final int BLOCK = 160;

  /** Fills up to {@code len} samples; fewer than asked means it has ended. */
  @FunctionalInterface
  public interface Source {
    int fill(short[] block, int off, int len);
  }

  /** Takes one block of samples (the pump reuses the array after the call). */
  @FunctionalInterface
  public interface Sink {
    void accept(short[] block, int off, int len);
  }

  private AudioPump() {}

  /**
   * Sends {@code leadBlocks} of silence, then the source's blocks until it ends (its last block
   * padded with silence), then {@code tailBlocks} of silence.
   *
   * @return the number of source blocks sent
   * @throws IllegalStateException when the source has not ended after {@code maxBlocks} blocks
   */
  public static int pump(Source source, Sink sink, int leadBlocks, int tailBlocks, int maxBlocks) {
    short[] block = new short[BLOCK];
    silence(sink, block, leadBlocks);
    int sent = 0;
    while (true) {
      if (sent == maxBlocks) {
        throw new IllegalStateException("source still sending after " + maxBlocks + " blocks");
      }
      int n = source.fill(block, 0, BLOCK);
      Arrays.fill(block, Math.max(0, n), BLOCK, (short) 0);
      sink.accept(block, 0, BLOCK);
      sent++;
      if (n < BLOCK) {
        break;
      }
    }
    silence(sink, block, tailBlocks);
    return sent;
  }

  private static void silence(Sink sink, short[] block, int blocks) {
    for (int i = 0; i < blocks; i++) {
      Arrays.fill(block, (short) 0);
      sink.accept(block, 0, BLOCK);
    }
  }
}
