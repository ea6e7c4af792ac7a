package org.faxgw.sim.v17;

import java.util.ArrayList;
import java.util.List;
import org.faxgw.modem.BitSink;
import org.faxgw.modem.ModemEvent;
import org.faxgw.modem.V17Config;
import org.faxgw.modem.V17Receiver;
import org.faxgw.modem.V17Transmitter;
import org.faxgw.sim.BerTester;
import org.faxgw.sim.LineModel;
import org.faxgw.sim.LineModelConfig;
import org.faxgw.sim.LineSink;
import org.faxgw.testkit.AudioPump;

/**
 * Test helper: a V.17 transmitter sending a BER test pattern through a {@link LineModel} into a
 * V.17 receiver; the same receiver can be reused for a following short training.
 */
final class V17Link {
  final List<ModemEvent> events = new ArrayList<>();
  private final Counting counting = new Counting();
  final V17Receiver rx;
  BerTester.Checker checker;
  long nanosInReceiver;
  int blocksLost;
  long samplesToReceiver;

  /** Forwards the first {@code limit} bits to the checker (the tail is shutdown ones). */
  private static final class Counting implements BitSink {
    BitSink target;
    long limit;
    long count;

    @Override
    public void putBit(int bit) {
      if (count++ < limit) {
        target.putBit(bit);
      }
    }
  }

  V17Link(V17Config config) {
    rx = new V17Receiver(config, counting, events::add);
  }

  /**
   * Sends {@code bits} bits of the O.152 pattern with {@code config} over {@code line}; {@code
   * dropBlock} ≥ 0 loses that 20 ms block of the line output (handed to fillIn).
   */
  V17Link send(V17Config config, long bits, LineModelConfig line, int dropBlock) {
    events.clear();
    blocksLost = 0;
    rx.restart(config);
    checker = new BerTester.Checker(BerTester.Pattern.O152_2047);
    counting.target = checker;
    counting.limit = bits;
    counting.count = 0;
    V17Transmitter tx =
        new V17Transmitter(
            config, new BerTester.Generator(BerTester.Pattern.O152_2047, bits), e -> {});
    LineModel model = new LineModel(line);
    int[] blockNo = new int[1];
    LineSink sink =
        new LineSink() {
          @Override
          public void accept(short[] s, int off, int len) {
            if (blockNo[0]++ == dropBlock) {
              long t0 = System.nanoTime();
              rx.fillIn(len);
              nanosInReceiver += System.nanoTime() - t0;
              return;
            }
            long t0 = System.nanoTime();
            rx.receive(s, off, len);
            nanosInReceiver += System.nanoTime() - t0;
            samplesToReceiver += len;
          }

          @Override
          public void lost(int samples) {
            blocksLost++;
            rx.fillIn(samples);
          }
        };
    AudioPump.pump(
        tx::transmit, (block, off, len) -> model.process(block, off, len, sink), 10, 10, 1_000_000);
    model.flush(sink);
    return this;
  }

  boolean trained() {
    return events.stream().anyMatch(e -> e instanceof ModemEvent.TrainingSucceeded);
  }

  /**
   * Bits not received correctly: errors after synchronisation plus bits spent hunting for it, less
   * the unavoidable first hunt (the checker needs 11 bits of register and 64 correct bits).
   */
  long badBits(long bits) {
    long firstHunt = 11 + BerTester.Checker.SYNC_BITS;
    return Math.max(0, checker.errors() + (bits - checker.bits()) - firstHunt);
  }

  @Override
  public String toString() {
    return checker + " " + events;
  }
}
