package org.faxgw.modem;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.faxgw.testkit.AudioPump;

/** Test helper: random data through a transmitter, an optional channel, and a receiver. */
final class Loopback {
  /** Channel: transforms one block in place (may be identity). */
  interface Channel {
    void apply(short[] block, int len);
  }

  final List<ModemEvent> events = new ArrayList<>();
  final Random dataRandom;
  final byte[] sent;
  int sentCount;
  byte[] received;
  int receivedCount;

  Loopback(int bits, long seed) {
    dataRandom = new Random(seed);
    sent = new byte[bits];
    for (int i = 0; i < bits; i++) {
      sent[i] = (byte) dataRandom.nextInt(2);
    }
    received = new byte[bits + 10000];
  }

  BitSource source() {
    return () -> sentCount < sent.length ? sent[sentCount++] : BitSource.END;
  }

  BitSink sink() {
    return b -> {
      if (receivedCount < received.length) {
        received[receivedCount++] = (byte) b;
      }
    };
  }

  ModemListener listener() {
    return events::add;
  }

  /** Runs tx into rx in 160-sample blocks, then {@code tailBlocks} of silence. */
  void run(ModemTransmitter tx, ModemReceiver rx, Channel channel, int tailBlocks) {
    AudioPump.pump(
        tx::transmit,
        (block, off, len) -> {
          channel.apply(block, len);
          rx.receive(block, off, len);
        },
        0,
        tailBlocks,
        1_000_000);
  }

  /** Errors between sent and received data at the best alignment within ±maxShift. */
  int[] errorsBestAlignment(int maxShift) {
    int bestErrors = Integer.MAX_VALUE;
    int bestShift = 0;
    for (int shift = -maxShift; shift <= maxShift; shift++) {
      int errors = 0;
      int compared = 0;
      for (int i = 0; i < sent.length; i++) {
        int j = i + shift;
        if (j < 0 || j >= receivedCount) {
          continue;
        }
        compared++;
        if (sent[i] != received[j]) {
          errors++;
          if (errors > bestErrors) {
            break;
          }
        }
      }
      if (compared > sent.length / 2 && errors < bestErrors) {
        bestErrors = errors;
        bestShift = shift;
      }
    }
    return new int[] {bestErrors, bestShift};
  }

  static IntFunction<String> none() {
    return i -> "";
  }
}
